"""Bus events and the event entity: what happened, never the value that was sent."""

from __future__ import annotations

import pytest

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from .helpers import new_destination, opaque, report, violation


@pytest.mark.parametrize(
    ("item", "event_type", "expected"),
    [
        (
            violation,
            "privacy_gateway_violation",
            {
                "destination": "api.acme.example",
                "vendor": "Acme",
                "field_path": "$.viewing.history[*].title",
                "category": "behaviour",
                "action": "redact",
                "rule": "category:behaviour",
                "explanation": "viewing history (behaviour) is redacted for every destination",
            },
        ),
        (
            new_destination,
            "privacy_gateway_new_destination",
            {
                "destination": "ads.tracker.example",
                "vendor": None,
                "field_path": None,
                "category": None,
                "action": None,
                "rule": None,
                "explanation": "first request to this host",
            },
        ),
        (
            opaque,
            "privacy_gateway_opaque_payload",
            {
                "destination": "api.acme.example",
                "vendor": None,
                "field_path": "$.blob",
                "category": None,
                "action": None,
                "rule": None,
                "explanation": "base64 data with high entropy",
            },
        ),
    ],
)
async def test_bus_event_and_event_entity(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    item,
    event_type: str,
    expected: dict,
) -> None:
    """Each report item fires its bus event once and triggers the device's event entity."""
    events = async_capture_events(hass, event_type)
    await report(hass, init_integration, item("i1", tv_device.id))
    await report(hass, init_integration, item("i1", tv_device.id))
    assert [e.data for e in events] == [{"device_id": tv_device.id, **expected}]
    state = hass.states.get("event.living_room_tv_privacy_event")
    assert state.attributes["event_type"] == event_type.removeprefix("privacy_gateway_")
    assert state.attributes["destination"] == expected["destination"]


async def test_violation_notification_when_enabled(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, tv_device: dr.DeviceEntry, options: dict
) -> None:
    """With notifications on, the device's latest violation is a persistent notification."""
    options["notifications"] = True
    mock_config_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    await report(hass, mock_config_entry, violation("v1", tv_device.id))
    notifications = hass.data["persistent_notification"]
    assert f"privacy_gateway_{tv_device.id}" in notifications
