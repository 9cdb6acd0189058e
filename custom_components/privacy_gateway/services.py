"""Services: policy edits and the privacy report, for automations and scripts."""

from __future__ import annotations

from functools import partial

import probatio

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError

from .const import DOMAIN
from .edits import EDITS
from .hub import PrivacyGatewayHub, loaded_hub

SERVICE_EXPORT_REPORT = "export_report"
SERVICE_LOCK_DOWN = "lock_down"
LOCK_DOWN_SERVICE_SCHEMA = probatio.Schema(
    {
        probatio.Required("device_id"): probatio.All(str, probatio.Length(min=1, max=64)),
        probatio.Optional("force", default=False): bool,
    }
)
EXPORT_REPORT_SCHEMA = probatio.Schema({probatio.Required("device_id"): str})
# Services are the edits a person makes; set_mode is the select entity's job.
EDIT_SERVICES = ("set_field_action", "allow_destination", "block_destination", "quarantine")


def _hub(hass: HomeAssistant) -> PrivacyGatewayHub:
    if (hub := loaded_hub(hass)) is None:
        raise ServiceValidationError(translation_domain=DOMAIN, translation_key="not_loaded")
    return hub


async def _async_edit(operation: str, call: ServiceCall) -> None:
    _, apply = EDITS[operation]
    apply(_hub(call.hass), dict(call.data))


async def _async_lock_down(call: ServiceCall) -> ServiceResponse:
    """Apply the sidecar's current proposal for the device as it stands (for automations)."""
    hub = _hub(call.hass)
    device_id = call.data["device_id"]
    proposal = hub.lockdown_proposal(device_id)
    if proposal is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="no_lockdown_proposal",
            translation_placeholders={"device_id": device_id},
        )
    if not proposal["learning_complete"] and not call.data["force"]:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="learning_incomplete",
            translation_placeholders={
                "device_id": device_id,
                "days": str(proposal["observed_days"]),
            },
        )
    destinations = [
        {"host": d["host"], "access": d["access"], **({"vendor": d["vendor"]} if d.get("vendor") else {})}
        for d in proposal["destinations"]
    ]
    # The proposal passed report.py's validation; the edit's own schema checks it once more.
    schema, apply = EDITS["lock_down"]
    return apply(hub, schema({"device_id": device_id, "destinations": destinations}))


async def _async_export_report(call: ServiceCall) -> ServiceResponse:
    return _hub(call.hass).device_report(call.data["device_id"])


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the services (once, for the integration)."""
    for operation in EDIT_SERVICES:
        schema, _ = EDITS[operation]
        hass.services.async_register(DOMAIN, operation, partial(_async_edit, operation), schema)
    hass.services.async_register(
        DOMAIN,
        SERVICE_LOCK_DOWN,
        _async_lock_down,
        LOCK_DOWN_SERVICE_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_EXPORT_REPORT,
        _async_export_report,
        EXPORT_REPORT_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
