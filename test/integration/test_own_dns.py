""""Uses its own DNS": the sidecar's dns_bypass items, the binary sensor, its evidence and events."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
import pytest

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from .helpers import dns_bypass, report

ENTITY_ID = "binary_sensor.living_room_tv_uses_its_own_dns"
NOW_MS = 1_790_000_000_000


def now(item: dict) -> dict:
    """The item without its `ts`: Home Assistant takes it as seen now."""
    return {k: v for k, v in item.items() if k != "ts"}


@pytest.mark.freeze_time("2026-09-21 14:30:00+00:00")
async def test_binary_sensor_turns_on_with_evidence(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Off until a bypass is reported; then on, with which signal, where, how often and when."""
    state = hass.states.get(ENTITY_ID)
    assert state.state == STATE_OFF
    assert state.attributes["device_class"] == "problem"
    assert state.attributes["friendly_name"] == "Living room TV Uses its own DNS"
    result = await report(
        hass,
        init_integration,
        dns_bypass("b1", tv_device.id, ts=NOW_MS - 60_000),
        dns_bypass("b2", tv_device.id, ts=NOW_MS, count=3),
        dns_bypass(
            "b3", tv_device.id, signal="unresolved-address", host="203.0.113.9", ts=NOW_MS - 5_000
        ),
    )
    assert result["rejected"] == []
    state = hass.states.get(ENTITY_ID)
    assert state.state == STATE_ON
    assert state.attributes["signals"] == ["connected-encrypted-dns", "unresolved-address"]
    assert state.attributes["count"] == 7
    assert state.attributes["evidence"][0] == {
        "signal": "connected-encrypted-dns",
        "host": "dns.google",
        "port": 443,
        "count": 5,
        "last_seen": "2026-09-21T14:13:20+00:00",
    }
    assert state.attributes["last_seen"] == "2026-09-21T14:13:20+00:00"


async def test_binary_sensor_turns_off_after_a_quiet_week(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A sign keeps the sensor on for a week; without another it turns off."""
    await report(hass, init_integration, now(dns_bypass("b1", tv_device.id)))
    assert hass.states.get(ENTITY_ID).state == STATE_ON
    freezer.tick(timedelta(days=6))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(ENTITY_ID).state == STATE_ON
    freezer.tick(timedelta(days=1, minutes=1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(ENTITY_ID).state == STATE_OFF


async def test_bus_event_and_event_entity(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Each item fires privacy_gateway_dns_bypass once (not again for a resent id) and the event entity."""
    events = async_capture_events(hass, "privacy_gateway_dns_bypass")
    await report(hass, init_integration, now(dns_bypass("b1", tv_device.id)))
    await report(hass, init_integration, now(dns_bypass("b1", tv_device.id)))
    assert [e.data for e in events] == [
        {
            "device_id": tv_device.id,
            "destination": "dns.google",
            "vendor": None,
            "signal": "connected-encrypted-dns",
            "port": 443,
            "count": 2,
            "explanation": "connected to dns.google:443, a public encrypted-DNS service",
        }
    ]
    state = hass.states.get("event.living_room_tv_privacy_event")
    assert state.attributes["event_type"] == "dns_bypass"
    assert state.attributes["signal"] == "connected-encrypted-dns"
    history = init_integration.runtime_data.device_report(tv_device.id)["events"]
    assert [e["event_type"] for e in history] == ["dns_bypass"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"signal": "guessed"}, "invalid_item"),
        ({"host": ""}, "invalid_item"),
        ({"port": 0}, "invalid_item"),
        ({"count": 0}, "invalid_item"),
        ({"value": "192.168.1.20"}, "invalid_item"),
        ({"device_id": "not-mediated"}, "unknown_device"),
    ],
)
async def test_invalid_items_are_rejected_and_change_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    change: dict,
    code: str,
) -> None:
    """An unknown signal, a bad port or count, an extra key (a raw value) or an unknown device."""
    result = await report(hass, init_integration, {**dns_bypass("b1", tv_device.id), **change})
    assert [r["code"] for r in result["rejected"]] == [code]
    assert result["ack"] == ["b1"]
    assert hass.states.get(ENTITY_ID).state == STATE_OFF


async def test_dns_names_and_mqtt_topics_reach_the_device_report(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Names with how they were answered, and topics of a broker's traffic, summed across items."""
    names = {
        "id": "d1",
        "type": "dns_names",
        "device_id": tv_device.id,
        "names": [
            {"name": "api.acme.example", "queries": 3, "steered": 2, "truthful": 1, "last_answer": "truthful"},
            {"name": "ads.tracker.example", "queries": 1, "sinkholed": 1, "last_answer": "sinkholed"},
        ],
    }
    mqtt = {
        "id": "t1",
        "type": "traffic",
        "device_id": tv_device.id,
        "destination": {"host": "mqtt.acme.example"},
        "requests": 5,
        "bytes_up": 100,
        "topics": [
            {"topic": "/tele/{device}/SENSOR", "direction": "published", "messages": 4, "blocked": 1},
            {"topic": "/cmnd/POWER", "direction": "received", "messages": 1},
        ],
    }
    result = await report(hass, init_integration, names, mqtt, {**names, "id": "d2"})
    assert result["rejected"] == []
    device_report = init_integration.runtime_data.device_report(tv_device.id)
    by_name = {n["name"]: n for n in device_report["dns_names"]}
    assert by_name["api.acme.example"] | {"first_seen": None, "last_seen": None} == {
        "name": "api.acme.example",
        "queries": 6,
        "steered": 4,
        "truthful": 2,
        "sinkholed": 0,
        "failed": 0,
        "last_answer": "truthful",
        "first_seen": None,
        "last_seen": None,
    }
    assert by_name["ads.tracker.example"]["sinkholed"] == 2
    topics = {(t["direction"], t["topic"]): t for t in device_report["mqtt_topics"]}
    assert topics[("published", "/tele/{device}/SENSOR")]["messages"] == 4
    assert topics[("published", "/tele/{device}/SENSOR")]["blocked"] == 1
    assert topics[("received", "/cmnd/POWER")]["host"] == "mqtt.acme.example"


@pytest.mark.parametrize(
    "bad",
    [
        {"names": []},
        {"names": [{"name": "a.example", "queries": 1, "last_answer": "guessed"}]},
        {"names": [{"name": "a.example", "queries": 1, "last_answer": "steered", "address": "1.2.3.4"}]},
    ],
)
async def test_invalid_dns_names_are_rejected(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry, bad: dict
) -> None:
    """No names, an unknown answer, or an extra key (an address, a value): invalid_item."""
    item = {"id": "d1", "type": "dns_names", "device_id": tv_device.id, **bad}
    result = await report(hass, init_integration, item)
    assert [r["code"] for r in result["rejected"]] == ["invalid_item"]
    assert init_integration.runtime_data.device_report(tv_device.id)["dns_names"] == []
