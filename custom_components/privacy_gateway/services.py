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
        SERVICE_EXPORT_REPORT,
        _async_export_report,
        EXPORT_REPORT_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
