"""Setup, unload and removal of the gateway entry."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import report, violation


async def test_load_unload(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """The entry loads, then unloads cleanly."""
    assert init_integration.state is ConfigEntryState.LOADED
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert init_integration.state is ConfigEntryState.NOT_LOADED


async def test_remove_entry_deletes_the_sidecar_user(
    hass: HomeAssistant, init_integration: MockConfigEntry, sidecar_user: tuple[User, str, str]
) -> None:
    """Removing the gateway removes its user, so the sidecar token dies with it."""
    user, _, token = sidecar_user
    await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()
    assert await hass.auth.async_get_user(user.id) is None
    assert hass.auth.async_validate_access_token(token) is None


async def test_policy_and_figures_survive_a_restart(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Edits and figures are stored; a reload (as after a restart) reads them back."""
    await hass.services.async_call(
        "privacy_gateway", "quarantine", {"device_id": tv_device.id}, blocking=True
    )
    await report(hass, init_integration, violation("v1", tv_device.id))
    await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    hub = init_integration.runtime_data
    assert hub.is_quarantined(tv_device.id)
    assert hub.device_stats(tv_device.id).violations_today == 1
    assert hub.async_handle_report([violation("v1", tv_device.id)])["duplicates"] == ["v1"]


async def test_removed_device_loses_its_entities_and_policy(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """Removing a mediated device (subentry) removes its entities and its decisions."""
    await hass.services.async_call(
        "privacy_gateway", "quarantine", {"device_id": tv_device.id}, blocking=True
    )
    subentry_id = next(iter(init_integration.subentries))
    hass.config_entries.async_remove_subentry(init_integration, subentry_id)
    await hass.async_block_till_done()
    assert er.async_entries_for_config_entry(entity_registry, init_integration.entry_id) == []
    hub = init_integration.runtime_data
    assert hub.compiled_policy()["devices"] == []
    assert hub.policy.as_dict()["devices"] == {}
