"""Learn, then lock: the sidecar's proposal, the lock_down edit and the lock_down service."""

from __future__ import annotations

from typing import Any

import probatio
import pytest

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import MockHAClientWebSocket, WebSocketGenerator

from custom_components.privacy_gateway.const import DOMAIN

from .helpers import report


def proposal(item_id: str, device_id: str, *, complete: bool = True, ts: int = 1_790_000_000_000) -> dict[str, Any]:
    """What the sidecar proposes after learning: the maker's cloud allowed, an ad network blocked."""
    return {
        "id": item_id,
        "type": "lockdown_proposal",
        "ts": ts,
        "device_id": device_id,
        "observed_days": 8 if complete else 2,
        "learning_complete": complete,
        "destinations": [
            {
                "host": "api.acme.example",
                "vendor": "Acme",
                "party": "first",
                "countries": ["NL"],
                "requests": 40,
                "categories": ["device"],
                "access": "allow",
                "review": False,
                "reason": "first party (the device's maker)",
            },
            {
                "host": "ads.tracker.example",
                "vendor": "Tracker",
                "party": "third",
                "requests": 3,
                "categories": ["behaviour"],
                "access": "block",
                "review": False,
                "reason": "third party (advertising): blocked",
            },
        ],
    }


async def _command(client: MockHAClientWebSocket, message: dict[str, Any]) -> dict[str, Any]:
    await client.send_json_auto_id(message)
    return await client.receive_json()


def _device_policy(entry: MockConfigEntry) -> dict[str, Any]:
    return entry.runtime_data.compiled_policy()["devices"][0]


async def test_proposal_reaches_the_device_report(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry, hass_ws_client: WebSocketGenerator
) -> None:
    """The card's device_report carries the latest proposal; an older one arriving late does not replace it."""
    result = await report(hass, init_integration, proposal("p2", tv_device.id, ts=1_790_000_100_000))
    assert result["rejected"] == []
    await report(hass, init_integration, proposal("p1", tv_device.id, complete=False, ts=1_790_000_000_000))
    client = await hass_ws_client(hass)
    answer = await _command(client, {"type": "privacy_gateway/device_report", "device_id": tv_device.id})
    shown = answer["result"]["lockdown_proposal"]
    assert shown["learning_complete"] is True
    assert shown["observed_days"] == 8
    assert shown["generated_at"].startswith("2026-09-21")
    assert [(d["host"], d["access"], d["countries"]) for d in shown["destinations"]] == [
        ("api.acme.example", "allow", ["NL"]),
        ("ads.tracker.example", "block", []),
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"value": "52.37"},  # a raw value is never stored
        {"destinations": [{"host": "api.acme.example", "party": "mine"}]},
        {"observed_days": -1},
        {"learning_complete": "yes"},
    ],
)
async def test_bad_proposal_is_rejected_and_changes_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry, change: dict[str, Any]
) -> None:
    """A malformed proposal is rejected with a reason; the kept one stays."""
    await report(hass, init_integration, proposal("good", tv_device.id))
    result = await report(hass, init_integration, proposal("bad", tv_device.id, ts=1_790_000_100_000) | change)
    assert [r["code"] for r in result["rejected"]] == ["invalid_item"]
    assert init_integration.runtime_data.lockdown_proposal(tv_device.id)["ts"] == 1_790_000_000_000


async def test_lock_down_edit_replaces_learned_destinations_and_pushes_the_policy(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Exactly the listed hosts become `learned:` entries; the owner's other entries stay; mode lockdown."""
    admin = await hass_ws_client(hass)
    await hass.services.async_call(
        DOMAIN, "allow_destination", {"device_id": tv_device.id, "host": "*.cdn.example"}, blocking=True
    )
    await hass.services.async_call(
        DOMAIN, "block_destination", {"device_id": tv_device.id, "host": "api.acme.example"}, blocking=True
    )
    first = {"device_id": tv_device.id, "destinations": [{"host": "old.acme.example", "access": "allow"}]}
    edit = {"type": "privacy_gateway/policy/edit", "operation": "lock_down", "data": first}
    assert (await _command(admin, edit))["success"]

    reviewed = {
        "device_id": tv_device.id,
        "destinations": [
            {"host": "API.acme.example", "access": "allow", "vendor": "Acme"},
            {"host": "ads.tracker.example", "access": "block"},
        ],
    }
    answer = await _command(admin, edit | {"data": reviewed})
    assert answer["success"], answer
    assert answer["result"]["allowed"] == 1
    device = _device_policy(init_integration)
    assert device["mode"] == "lockdown"
    assert device["destinations"] == [
        {"id": "host:*.cdn.example", "vendor": "*.cdn.example", "hosts": ["*.cdn.example"], "access": "allow"},
        {"id": "learned:api.acme.example", "vendor": "Acme", "hosts": ["api.acme.example"], "access": "allow"},
        {"id": "learned:ads.tracker.example", "vendor": "ads.tracker.example", "hosts": ["ads.tracker.example"], "access": "block"},
    ]
    assert answer["result"]["etag"] == init_integration.runtime_data.policy_envelope()["etag"]


async def test_allow_after_lock_down_replaces_the_learned_block(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Block wins a tie, so an Allow after lockdown must replace the learned block, not sit beside it."""
    admin = await hass_ws_client(hass)
    reviewed = {"device_id": tv_device.id, "destinations": [{"host": "ads.tracker.example", "access": "block"}]}
    assert (await _command(admin, {"type": "privacy_gateway/policy/edit", "operation": "lock_down", "data": reviewed}))["success"]
    await hass.services.async_call(
        DOMAIN, "allow_destination", {"device_id": tv_device.id, "host": "ads.tracker.example"}, blocking=True
    )
    entries = [(d["id"], d["access"]) for d in _device_policy(init_integration)["destinations"]]
    assert entries == [("host:ads.tracker.example", "allow")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"destinations": [{"host": "*.acme.example", "access": "allow"}]}, "not an exact host"),
        ({"destinations": [{"host": "*", "access": "allow"}]}, "not an exact host"),
        ({"destinations": [{"host": "a.example", "access": "allow"}, {"host": "A.example", "access": "block"}]}, "listed twice"),
        ({"destinations": [{"host": "a.example"}]}, "required key not provided"),
        ({"destinations": [{"host": "a.example", "access": "redact"}]}, "value must be one of"),
        ({"destinations": [{"host": "a.example", "access": "allow", "party": "first"}]}, "not a valid option at 'destinations[0].party'"),
        ({"destinations": "a.example"}, "expected list"),
        ({}, "required key not provided"),
    ],
)
async def test_bad_lock_down_is_refused_and_changes_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry,
    hass_ws_client: WebSocketGenerator, data: dict[str, Any], message: str,
) -> None:
    """Every kind of bad list gets a clear error, and the policy stays as it was."""
    before = init_integration.runtime_data.policy_envelope()["etag"]
    admin = await hass_ws_client(hass)
    answer = await _command(
        admin,
        {"type": "privacy_gateway/policy/edit", "operation": "lock_down", "data": {"device_id": tv_device.id, **data}},
    )
    assert answer["error"]["code"] == "invalid_format"
    assert message in answer["error"]["message"]
    assert init_integration.runtime_data.policy_envelope()["etag"] == before


async def test_lock_down_of_an_unknown_device_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator
) -> None:
    """A device the gateway does not mediate gets the translated unknown_device error."""
    admin = await hass_ws_client(hass)
    data = {"device_id": "0123456789abcdef", "destinations": []}
    answer = await _command(admin, {"type": "privacy_gateway/policy/edit", "operation": "lock_down", "data": data})
    assert answer["error"]["code"] == "unknown_device"


async def test_lock_down_service_applies_the_current_proposal(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """For automations: no proposal and an unfinished learning period are refused (force overrides)."""
    call = {"device_id": tv_device.id}
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "lock_down", call, blocking=True)
    assert err.value.translation_key == "no_lockdown_proposal"

    await report(hass, init_integration, proposal("p1", tv_device.id, complete=False))
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "lock_down", call, blocking=True)
    assert err.value.translation_key == "learning_incomplete"
    assert _device_policy(init_integration).get("mode") is None

    response = await hass.services.async_call(
        DOMAIN, "lock_down", call | {"force": True}, blocking=True, return_response=True
    )
    assert response == {"allowed": 1}
    device = _device_policy(init_integration)
    assert device["mode"] == "lockdown"
    assert [(d["id"], d["access"]) for d in device["destinations"]] == [
        ("learned:api.acme.example", "allow"),
        ("learned:ads.tracker.example", "block"),
    ]

    with pytest.raises(probatio.Invalid):
        await hass.services.async_call(DOMAIN, "lock_down", call | {"force": "sometimes"}, blocking=True)
