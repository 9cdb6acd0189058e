"""Each device's recent history: events, contacted destinations and observed fields."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.privacy_gateway.history import MAX_EVENTS_PER_DEVICE, MAX_FIELDS_PER_DEVICE
from custom_components.privacy_gateway.report import RejectedItem, validate_item
from custom_components.privacy_gateway.stats import SAVE_DELAY

from .helpers import new_destination, opaque, report, traffic, violation

NOW = datetime.fromisoformat("2026-11-20T10:00:00+00:00")
NOW_MS = int(NOW.timestamp() * 1000)
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


def _at(item: dict[str, Any], ms: int) -> dict[str, Any]:
    return {**item, "ts": ms}


def _fields(*paths: str, action: str = "allow") -> list[dict[str, Any]]:
    return [{"path": path, "categories": ["location"], "action": action, "count": 1} for path in paths]


def _report(entry: MockConfigEntry, device_id: str) -> dict[str, Any]:
    return entry.runtime_data.device_report(device_id)


@pytest.mark.freeze_time(NOW)
async def test_device_report_carries_the_history(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Events newest first, destinations with counts and seen times, fields with their action."""
    tv = tv_device.id
    await report(
        hass,
        init_integration,
        _at(new_destination("n1", tv, host="api.acme.example"), NOW_MS - 2 * HOUR_MS),
        _at(traffic("t1", tv, fields=_fields("$.lat"), inspectable=True), NOW_MS - 2 * HOUR_MS),
        _at(violation("v1", tv), NOW_MS - HOUR_MS),
        _at(traffic("t2", tv, fields=_fields("$.lat", action="redact"), inspectable=False), NOW_MS - HOUR_MS),
        opaque("o1", tv),
    )
    result = _report(init_integration, tv)

    assert [(e["event_type"], e["ts"]) for e in result["events"]] == [
        ("opaque_payload", "2026-11-20T10:00:00+00:00"),
        ("violation", "2026-11-20T09:00:00+00:00"),
        ("new_destination", "2026-11-20T08:00:00+00:00"),
    ]
    assert result["events"][1]["data"] == {
        "device_id": tv,
        "destination": "api.acme.example",
        "vendor": "Acme",
        "field_path": "$.viewing.history[*].title",
        "category": "behaviour",
        "action": "redact",
        "rule": "category:behaviour",
        "explanation": "viewing history (behaviour) is redacted for every destination",
    }
    assert result["observed_destinations"] == [
        {
            "host": "api.acme.example",
            "vendor": "Acme",
            "inspectable": False,
            "requests": 6,
            "blocked": 2,
            "bytes_up": 4096,
            "first_seen": "2026-11-20T08:00:00+00:00",
            "last_seen": "2026-11-20T10:00:00+00:00",
        }
    ]
    assert result["fields"] == [
        {
            "path": "$.lat",
            "categories": ["location"],
            "action": "redact",
            "opaque": False,
            "count": 2,
            "host": "api.acme.example",
            "first_seen": "2026-11-20T08:00:00+00:00",
            "last_seen": "2026-11-20T09:00:00+00:00",
        }
    ]
    assert result["destinations"] == []  # the policy's destinations stay what they were


@pytest.mark.freeze_time(NOW)
async def test_old_sidecar_traffic_leaves_inspectable_unknown(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """A traffic item without the optional keys counts, and says nothing about inspection."""
    await report(hass, init_integration, traffic("t1", tv_device.id))
    result = _report(init_integration, tv_device.id)
    assert result["observed_destinations"][0]["inspectable"] is None
    assert result["fields"] == []


@pytest.mark.freeze_time(NOW)
async def test_events_keep_seven_days(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry, freezer: FrozenDateTimeFactory
) -> None:
    """Events older than 7 days are never kept, and those that age past it go at midnight."""
    tv = tv_device.id
    await report(
        hass,
        init_integration,
        _at(violation("old", tv), NOW_MS - 8 * DAY_MS),
        _at(violation("week", tv), NOW_MS - 6 * DAY_MS),
        _at(violation("new", tv), NOW_MS),
    )
    history = init_integration.runtime_data.stats.history(tv)
    assert [e["ts"] for e in history.events] == [NOW_MS - 6 * DAY_MS, NOW_MS]

    freezer.move_to(NOW + timedelta(days=2))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert [e["ts"] for e in history.events] == [NOW_MS]
    assert len(_report(init_integration, tv)["events"]) == 1


@pytest.mark.freeze_time(NOW)
async def test_events_are_capped_oldest_first(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Past the cap the oldest events are dropped; replayed late items still sort by time."""
    tv = tv_device.id
    items = [_at(violation(f"v{n}", tv), NOW_MS - DAY_MS + n * 1000) for n in range(MAX_EVENTS_PER_DEVICE + 100)]
    items.insert(5, _at(violation("late", tv), NOW_MS - 2 * DAY_MS))
    result = await report(hass, init_integration, *items)
    assert len(result["ack"]) == len(items)
    events = _report(init_integration, tv)["events"]
    assert len(events) == MAX_EVENTS_PER_DEVICE
    timestamps = [e["ts"] for e in events]
    assert timestamps == sorted(timestamps, reverse=True)
    oldest = datetime.fromisoformat(timestamps[-1])
    assert oldest == datetime.fromtimestamp((NOW_MS - DAY_MS + 100 * 1000) / 1000, NOW.tzinfo)


@pytest.mark.freeze_time(NOW)
async def test_fields_are_bounded_by_least_recently_seen(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """A device that sends ever new paths keeps the most recently seen ones."""
    tv = tv_device.id
    for n in range(MAX_FIELDS_PER_DEVICE // 100 + 1):
        paths = [f"$.k{n}_{i}" for i in range(100)]
        await report(hass, init_integration, _at(traffic(f"t{n}", tv, fields=_fields(*paths)), NOW_MS - HOUR_MS + n))
    paths = [f["path"] for f in _report(init_integration, tv)["fields"]]
    assert len(paths) == MAX_FIELDS_PER_DEVICE
    assert "$.k0_0" not in paths
    assert f"$.k{MAX_FIELDS_PER_DEVICE // 100}_99" in paths


@pytest.mark.freeze_time(NOW)
async def test_history_survives_a_restart(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """The history is saved (debounced) with the applied ids; a reload reads it and counts nothing twice."""
    tv = tv_device.id
    await report(hass, init_integration, violation("v1", tv) | {"ts": NOW_MS}, traffic("t1", tv, fields=_fields("$.lat")))
    key = f"privacy_gateway.{init_integration.entry_id}.stats"
    assert key not in hass_storage  # debounced: not written on every report
    freezer.tick(timedelta(seconds=SAVE_DELAY + 1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert len(hass_storage[key]["data"]["histories"][tv]["events"]) == 1

    before = _report(init_integration, tv)
    await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    hub = init_integration.runtime_data
    assert hub.async_handle_report([violation("v1", tv), traffic("t1", tv)])["duplicates"] == ["v1", "t1"]
    after = _report(init_integration, tv)
    for key in ("events", "observed_destinations", "fields"):
        assert after[key] == before[key]


@pytest.mark.freeze_time(NOW)
@pytest.mark.parametrize(
    "extra",
    [
        {"fields": [{"path": "$.ssid", "categories": ["network"], "action": "allow", "count": 1, "value": "HomeWifi"}]},
        {"fields": [{"path": "$.ssid", "categories": ["astrology"], "action": "allow", "count": 1}]},
        {"fields": [{"path": "$.ssid", "categories": [], "action": "shred", "count": 1}]},
        {"fields": [{"path": "$.ssid", "categories": [], "action": "allow", "count": 0}]},
        {"fields": [{"path": "", "categories": [], "action": "allow", "count": 1}]},
        {"fields": _fields(*(f"$.f{i}" for i in range(101)))},
        {"inspectable": "yes"},
        {"fingerprint": "9f86d081884c7d65"},
    ],
)
async def test_bad_traffic_items_are_rejected_and_the_rest_kept(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry, extra: dict[str, Any]
) -> None:
    """A bad traffic item is rejected whole (no value gets in); the good items of the batch are applied."""
    tv = tv_device.id
    result = await report(hass, init_integration, traffic("bad", tv) | extra, violation("v1", tv) | {"ts": NOW_MS})
    assert [(r["id"], r["code"]) for r in result["rejected"]] == [("bad", "invalid_item")]
    assert result["ack"] == ["bad", "v1"]
    history = _report(init_integration, tv)
    assert "HomeWifi" not in str(history)
    assert history["fields"] == []
    assert history["observed_destinations"][0]["requests"] == 0
    assert [e["event_type"] for e in history["events"]] == ["violation"]


async def test_removed_device_loses_its_history(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """A device that is no longer mediated leaves no history behind."""
    await report(hass, init_integration, violation("v1", tv_device.id))
    hass.config_entries.async_remove_subentry(init_integration, next(iter(init_integration.subentries)))
    await hass.async_block_till_done()
    assert init_integration.runtime_data.stats.histories == {}


@pytest.mark.freeze_time(NOW)
async def test_websocket_device_report_has_the_history(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry, hass_ws_client: Any
) -> None:
    """The card's device_report command returns the same history."""
    await report(hass, init_integration, violation("v1", tv_device.id) | {"ts": NOW_MS})
    card = await hass_ws_client(hass)
    await card.send_json_auto_id({"type": "privacy_gateway/device_report", "device_id": tv_device.id})
    result = (await card.receive_json())["result"]
    assert [e["event_type"] for e in result["events"]] == ["violation"]
    assert result["observed_destinations"][0]["host"] == "api.acme.example"


async def test_destinations_are_named_in_history_and_sensor_attributes(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """The sidecar's vendor, party and countries reach device_report and the destinations sensor."""
    tv = tv_device.id
    named = traffic("t1", tv, host="ad.doubleclick.net")
    named["destination"] = {"host": "ad.doubleclick.net", "vendor": "Google", "party": "third", "countries": ["IE", "US"]}
    await report(hass, init_integration, named)

    (observed,) = [d for d in _report(init_integration, tv)["observed_destinations"] if d["host"] == "ad.doubleclick.net"]
    assert (observed["vendor"], observed["party"], observed["countries"]) == ("Google", "third", ["IE", "US"])
    state = hass.states.get("sensor.living_room_tv_destinations_contacted")
    assert state is not None
    assert {"host": "ad.doubleclick.net", "vendor": "Google", "party": "third", "countries": ["IE", "US"]} in state.attributes["destinations"]


def test_a_destination_with_a_bad_party_is_refused(tv_device: dr.DeviceEntry) -> None:
    """A party outside first/support/third/unknown or a malformed country rejects the item."""
    for destination in ({"host": "a.example", "party": "fourth"}, {"host": "a.example", "countries": ["usa"]}):
        item = traffic("t9", tv_device.id)
        item["destination"] = destination
        rejected = validate_item(item)
        assert isinstance(rejected, RejectedItem)
        assert rejected.code == "invalid_item"
    item = traffic("t9", tv_device.id)
    item["destination"] = {"host": "a.example", "party": "support", "countries": ["DE"]}
    assert not isinstance(validate_item(item), RejectedItem)


@pytest.mark.freeze_time(NOW)
async def test_fields_keep_which_detectors_decided_them(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """The latest `why` of a field reaches device_report; an older observation does not replace it."""
    tv = tv_device.id
    why = 'key "lat": word "latitude" → location'
    await report(
        hass,
        init_integration,
        _at(traffic("t1", tv, fields=[{**_fields("$.lat")[0], "why": why}]), NOW_MS - HOUR_MS),
        _at(traffic("t2", tv, fields=[{**_fields("$.lat")[0], "why": "an older reading"}]), NOW_MS - 2 * HOUR_MS),
        _at(traffic("t3", tv, fields=_fields("$.temp")), NOW_MS - HOUR_MS),
    )
    fields = {f["path"]: f for f in _report(init_integration, tv)["fields"]}
    assert fields["$.lat"]["why"] == why
    assert "why" not in fields["$.temp"]
    too_long = traffic("t4", tv, fields=[{**_fields("$.lat")[0], "why": "x" * 301}])
    assert isinstance(validate_item(too_long), RejectedItem)
