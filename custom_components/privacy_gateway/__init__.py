"""The Privacy Gateway integration: Home Assistant's side of the privacy gateway sidecar."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType
from homeassistant.loader import async_get_integration

from .const import CONF_USER_ID, DOMAIN
from .frontend import async_register_card
from .hub import PrivacyGatewayConfigEntry, PrivacyGatewayHub
from .link import DATA_LINK, SidecarLink
from .services import async_setup_services
from .websocket_api import async_register_commands

PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.EVENT,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
]
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register what outlives a config entry: the sidecar link, websocket commands, services."""
    hass.data[DATA_LINK] = SidecarLink(hass)
    async_register_commands(hass)
    async_setup_services(hass)
    integration = await async_get_integration(hass, DOMAIN)
    await async_register_card(hass, str(integration.version))
    return True


async def async_setup_entry(hass: HomeAssistant, entry: PrivacyGatewayConfigEntry) -> bool:
    """Set up the gateway from a config entry."""
    hub = PrivacyGatewayHub(hass, entry, hass.data[DATA_LINK])
    await hub.async_setup()
    entry.runtime_data = hub
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: PrivacyGatewayConfigEntry) -> bool:
    """Unload the gateway; the sidecar's subscriptions stay open for the next setup."""
    if unload_ok := await hass.config_entries.async_unload_platforms(entry, PLATFORMS):
        await entry.runtime_data.async_shutdown()
    return unload_ok


async def async_remove_entry(hass: HomeAssistant, entry: PrivacyGatewayConfigEntry) -> None:
    """Remove the sidecar's user (its token dies with it) and the stored policy and figures."""
    if (user := await hass.auth.async_get_user(entry.data[CONF_USER_ID])) is not None:
        await hass.auth.async_remove_user(user)
    hub = PrivacyGatewayHub(hass, entry, hass.data[DATA_LINK])
    await hub.policy.async_remove()
    await hub.stats.async_remove()
