"""Entities of a mediated device: on the device's own page, fed by reports."""

from __future__ import annotations

from datetime import timedelta
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
import pytest
from syrupy.assertion import SnapshotAssertion

from homeassistant.const import STATE_OFF, STATE_ON, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    snapshot_platform,
)

from .helpers import new_destination, opaque, report, traffic, violation

SENSOR_PREFIX = "sensor.living_room_tv"


@pytest.mark.parametrize(
    "platform",
    [Platform.BINARY_SENSOR, Platform.EVENT, Platform.SELECT, Platform.SENSOR, Platform.SWITCH],
)
@pytest.mark.freeze_time("2026-11-20 10:00:00+00:00")
async def test_entities_after_reports(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    """Each platform's entities and states after a day of reports."""
    mock_config_entry.add_to_hass(hass)
    with patch("custom_components.privacy_gateway.PLATFORMS", [platform]):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()
    await report(
        hass,
        mock_config_entry,
        traffic("t1", tv_device.id),
        traffic("t2", tv_device.id, host="cdn.acme.example", bytes_up=1_000_000),
        violation("v1", tv_device.id),
        new_destination("n1", tv_device.id),
        opaque("o1", tv_device.id),
    )
    await snapshot_platform(hass, entity_registry, snapshot, mock_config_entry.entry_id)


async def test_entities_join_the_existing_device(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    """All entities sit on the TV's own device; no duplicate device is created."""
    entries = er.async_entries_for_config_entry(entity_registry, init_integration.entry_id)
    assert len(entries) == 9
    assert {e.device_id for e in entries} == {tv_device.id}
    assert len(device_registry.devices) == 1
    assert dr.async_entries_for_config_entry(device_registry, init_integration.entry_id) == []


async def test_trust_score_follows_the_formula(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """100 − 10·violations − 5·new destinations − 10·opaque payloads, floored at 0."""
    assert hass.states.get(f"{SENSOR_PREFIX}_trust_score").state == "100"
    await report(hass, init_integration, violation("v1", tv_device.id), new_destination("n1", tv_device.id))
    assert hass.states.get(f"{SENSOR_PREFIX}_trust_score").state == "85"
    await report(hass, init_integration, *(violation(f"v{i}", tv_device.id) for i in range(2, 12)))
    assert hass.states.get(f"{SENSOR_PREFIX}_trust_score").state == "0"


async def test_recent_violation_turns_off_after_the_window(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """On after a violation, off again once the 15 minute window has passed."""
    entity_id = "binary_sensor.living_room_tv_recent_privacy_violation"
    assert hass.states.get(entity_id).state == STATE_OFF
    await report(hass, init_integration, violation("v1", tv_device.id))
    assert hass.states.get(entity_id).state == STATE_ON
    freezer.tick(timedelta(minutes=14))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(entity_id).state == STATE_ON
    freezer.tick(timedelta(minutes=2))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(entity_id).state == STATE_OFF


async def test_violations_today_reset_at_midnight(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Today's count starts again on a new local day; uploaded bytes keep growing."""
    freezer.move_to("2026-11-20 12:00:00")
    await report(hass, init_integration, violation("v1", tv_device.id), traffic("t1", tv_device.id))
    assert hass.states.get(f"{SENSOR_PREFIX}_violations_today").state == "1"
    freezer.move_to("2026-11-21 12:00:00")
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    await report(hass, init_integration, traffic("t2", tv_device.id))
    assert hass.states.get(f"{SENSOR_PREFIX}_violations_today").state == "0"
    assert float(hass.states.get(f"{SENSOR_PREFIX}_data_uploaded").state) == pytest.approx(0.004096)


async def test_switch_and_select_edit_the_policy(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Internet access off quarantines the device; the select sets its own mode."""
    hub = init_integration.runtime_data
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": "switch.living_room_tv_internet_access"}, blocking=True
    )
    assert hub.compiled_policy()["devices"][0]["quarantine"] is True
    assert hass.states.get("switch.living_room_tv_internet_access").state == STATE_OFF
    assert hass.states.get("select.living_room_tv_privacy_mode").state == "enforce"
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": "select.living_room_tv_privacy_mode", "option": "lockdown"},
        blocking=True,
    )
    assert hub.compiled_policy()["devices"][0]["mode"] == "lockdown"
    assert hass.states.get("select.living_room_tv_privacy_mode").state == "lockdown"
