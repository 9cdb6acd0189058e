"""Diagnostics: the policy, figures and link state, with credentials and client addresses redacted."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from .const import CONF_ADDRESSES, CONF_MACS, CONF_REFRESH_TOKEN_ID, CONF_USER_ID
from .hub import PrivacyGatewayConfigEntry

TO_REDACT = {CONF_USER_ID, CONF_REFRESH_TOKEN_ID, CONF_ADDRESSES, CONF_MACS, "name", "title"}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: PrivacyGatewayConfigEntry
) -> dict[str, Any]:
    """Diagnostics for the gateway entry."""
    hub = entry.runtime_data
    return async_redact_data(
        {
            "entry": {"data": dict(entry.data), "options": dict(entry.options)},
            "mediated_devices": [
                {"title": s.title, **s.data} for s in entry.subentries.values()
            ],
            "policy": hub.compiled_policy(),
            "stats": [
                {"device_id": device_id, **stats.as_dict()}
                for device_id, stats in hub.stats.devices.items()
            ],
            "link": hub.link.diagnostics(),
        },
        TO_REDACT,
    )
