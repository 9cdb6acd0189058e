"""Websocket commands of the sidecar and the card."""

from __future__ import annotations

from typing import Any

from aiohttp import WSMsgType
import pytest

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import MockHAClientWebSocket, WebSocketGenerator

from .helpers import traffic, violation

REGISTER = {"type": "privacy_gateway/sidecar/register", "sidecar_id": "sidecar-1", "version": "0.1.0"}


@pytest.fixture
async def sidecar(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    sidecar_user: tuple[User, str, str],
) -> MockHAClientWebSocket:
    """A websocket authenticated with the sidecar's token, registered."""
    client = await hass_ws_client(hass, access_token=sidecar_user[2])
    await client.send_json_auto_id(REGISTER)
    response = await client.receive_json()
    assert response["success"], response
    return client


async def _command(client: MockHAClientWebSocket, message: dict[str, Any]) -> dict[str, Any]:
    await client.send_json_auto_id(message)
    return await client.receive_json()


async def test_register(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator, sidecar_user: tuple[User, str, str]
) -> None:
    """Registering answers with the policy etag and marks the sidecar connected until it leaves."""
    client = await hass_ws_client(hass, access_token=sidecar_user[2])
    response = await _command(client, REGISTER)
    assert response["success"]
    hub = init_integration.runtime_data
    assert response["result"]["etag"] == hub.policy_envelope()["etag"]
    assert response["result"]["entry_id"] == init_integration.entry_id
    assert hub.link.connected
    await client.close()
    await hass.async_block_till_done()
    assert not hub.link.connected


async def test_report_batch_is_idempotent(
    hass: HomeAssistant, init_integration: MockConfigEntry, sidecar: MockHAClientWebSocket, tv_device: dr.DeviceEntry
) -> None:
    """Resending a batch (a lost ack) acknowledges it again without counting twice."""
    batch = {"type": "privacy_gateway/sidecar/report", "items": [traffic("t1", tv_device.id), violation("v1", tv_device.id)]}
    first = await _command(sidecar, batch)
    assert first["result"] == {"ack": ["t1", "v1"], "duplicates": [], "rejected": []}
    second = await _command(sidecar, batch)
    assert second["result"] == {"ack": ["t1", "v1"], "duplicates": ["t1", "v1"], "rejected": []}
    assert hass.states.get("sensor.living_room_tv_violations_today").state == "1"
    assert init_integration.runtime_data.device_stats(tv_device.id).requests == 3


async def test_report_rejects_bad_items_but_keeps_good_ones(
    hass: HomeAssistant, sidecar: MockHAClientWebSocket, tv_device: dr.DeviceEntry
) -> None:
    """Each bad item is rejected (and acked: it can never succeed); the rest are applied."""
    with_value = {**violation("v2", tv_device.id), "value": "Breaking Bad S01E01"}
    items = [
        violation("v1", tv_device.id),
        violation("ghost", "0123456789abcdef"),
        {"id": "x1", "type": "teleport"},
        with_value,
        {"type": "traffic"},
    ]
    response = await _command(sidecar, {"type": "privacy_gateway/sidecar/report", "items": items})
    result = response["result"]
    assert result["ack"] == ["v1", "ghost", "x1", "v2"]
    assert [(r["id"], r["code"]) for r in result["rejected"]] == [
        ("ghost", "unknown_device"),
        ("x1", "unknown_type"),
        ("v2", "invalid_item"),
        ("", "invalid_item"),
    ]
    assert "Breaking Bad" not in str(result)
    assert hass.states.get("sensor.living_room_tv_violations_today").state == "1"


@pytest.mark.parametrize(
    "message",
    [
        {"type": "privacy_gateway/sidecar/report"},
        {"type": "privacy_gateway/sidecar/report", "items": "t1"},
        {"type": "privacy_gateway/sidecar/report", "items": []},
        {"type": "privacy_gateway/sidecar/report", "items": [{}] * 501},
        {"type": "privacy_gateway/sidecar/register", "sidecar_id": ""},
    ],
)
async def test_malformed_frames(sidecar: MockHAClientWebSocket, message: dict[str, Any]) -> None:
    """A malformed frame is an invalid_format error and nothing is applied."""
    response = await _command(sidecar, message)
    assert not response["success"]
    assert response["error"]["code"] == "invalid_format"


async def test_report_needs_registration(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator,
    sidecar_user: tuple[User, str, str], tv_device: dr.DeviceEntry,
) -> None:
    """Reports before register are refused, so nothing arrives from an unknown sidecar."""
    client = await hass_ws_client(hass, access_token=sidecar_user[2])
    response = await _command(client, {"type": "privacy_gateway/sidecar/report", "items": [traffic("t1", tv_device.id)]})
    assert response["error"]["code"] == "not_registered"


async def test_sidecar_commands_refuse_other_users(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator, hass_read_only_access_token: str
) -> None:
    """Only the gateway's user (or an admin) may act as the sidecar."""
    client = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    response = await _command(client, REGISTER)
    assert response["error"]["code"] == "unauthorized"


# aiohttp's server-side heartbeat timer outlives a socket the server closed during auth.
@pytest.mark.parametrize("expected_lingering_timers", [True])
async def test_stale_token_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_client_no_auth: Any, sidecar_user: tuple[User, str, str]
) -> None:
    """After rotation the old token cannot even authenticate."""
    result = await init_integration.start_reconfigure_flow(hass)
    await hass.config_entries.flow.async_configure(result["flow_id"], {"rotate_token": True})
    client = await hass_client_no_auth()
    async with client.ws_connect("/api/websocket") as ws:
        assert (await ws.receive_json())["type"] == "auth_required"
        await ws.send_json({"type": "auth", "access_token": sidecar_user[2]})
        assert (await ws.receive_json())["type"] == "auth_invalid"
        assert (await ws.receive()).type is WSMsgType.CLOSE
    await hass.async_block_till_done()


async def test_subscribe_policy_receives_edits_live(
    hass: HomeAssistant, init_integration: MockConfigEntry, sidecar: MockHAClientWebSocket,
    hass_ws_client: WebSocketGenerator, tv_device: dr.DeviceEntry,
) -> None:
    """The policy arrives at once, then again after every edit: card, service or entity."""
    response = await _command(sidecar, {"type": "privacy_gateway/sidecar/subscribe_policy"})
    assert response["success"]
    first = (await sidecar.receive_json())["event"]
    assert first["policy"]["version"] == 1
    assert first["policy"]["devices"][0]["addresses"] == ["192.168.1.20"]

    admin = await hass_ws_client(hass)
    edit = await _command(
        admin,
        {"type": "privacy_gateway/policy/edit", "operation": "block_destination", "data": {"device_id": tv_device.id, "host": "*.ads.example"}},
    )
    assert edit["success"]
    pushed = (await sidecar.receive_json())["event"]
    assert pushed["etag"] == edit["result"]["etag"] != first["etag"]
    assert pushed["policy"]["devices"][0]["destinations"] == [
        {"id": "host:*.ads.example", "vendor": "*.ads.example", "hosts": ["*.ads.example"], "access": "block"}
    ]

    await hass.services.async_call("privacy_gateway", "quarantine", {"device_id": tv_device.id}, blocking=True)
    assert (await sidecar.receive_json())["event"]["policy"]["devices"][0]["quarantine"] is True


async def test_subscription_survives_a_reload(
    hass: HomeAssistant, init_integration: MockConfigEntry, sidecar: MockHAClientWebSocket
) -> None:
    """Reloading the entry pushes the reloaded policy on the same subscription."""
    await _command(sidecar, {"type": "privacy_gateway/sidecar/subscribe_policy"})
    await sidecar.receive_json()
    hass.config_entries.async_update_entry(init_integration, options={**init_integration.options, "mode": "lockdown"})
    await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert (await sidecar.receive_json())["event"]["policy"]["mode"] == "lockdown"


async def test_policy_edit_requires_admin(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str, sidecar_user: tuple[User, str, str], tv_device: dr.DeviceEntry,
) -> None:
    """Neither a plain user nor the sidecar may change the policy."""
    message = {"type": "privacy_gateway/policy/edit", "operation": "quarantine", "data": {"device_id": tv_device.id}}
    for token in (hass_read_only_access_token, sidecar_user[2]):
        client = await hass_ws_client(hass, access_token=token)
        assert (await _command(client, message))["error"]["code"] == "unauthorized"
    assert init_integration.runtime_data.is_quarantined(tv_device.id) is False


@pytest.mark.parametrize(
    ("operation", "data", "code"),
    [
        ("block_destination", {"host": "not a host"}, "invalid_format"),
        ("set_field_action", {"action": "redact"}, "invalid_format"),
        ("quarantine", {"device_id": "0123456789abcdef"}, "unknown_device"),
    ],
)
async def test_policy_edit_errors(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator,
    operation: str, data: dict[str, Any], code: str,
) -> None:
    """Bad edits are refused with a clear code and change nothing."""
    before = init_integration.runtime_data.policy_envelope()["etag"]
    client = await hass_ws_client(hass)
    response = await _command(client, {"type": "privacy_gateway/policy/edit", "operation": operation, "data": data})
    assert response["error"]["code"] == code
    assert init_integration.runtime_data.policy_envelope()["etag"] == before


async def test_card_queries_and_live_subscription(
    hass: HomeAssistant, init_integration: MockConfigEntry, sidecar: MockHAClientWebSocket,
    hass_ws_client: WebSocketGenerator, tv_device: dr.DeviceEntry,
) -> None:
    """The card lists devices, reads a report and follows events live."""
    card = await hass_ws_client(hass)
    response = await _command(card, {"type": "privacy_gateway/subscribe"})
    assert response["success"]
    assert (await card.receive_json())["event"] == {"type": "sidecar", "connected": True}

    await _command(sidecar, {"type": "privacy_gateway/sidecar/report", "items": [violation("v1", tv_device.id)]})
    updates = [(await card.receive_json())["event"] for _ in range(2)]
    assert {u["type"] for u in updates} == {"event", "device"}
    event = next(u for u in updates if u["type"] == "event")
    assert event["data"]["category"] == "behaviour"

    devices = await _command(card, {"type": "privacy_gateway/devices"})
    assert devices["result"]["connected"] is True
    assert devices["result"]["devices"][0]["stats"]["violations_today"] == 1

    report = await _command(card, {"type": "privacy_gateway/device_report", "device_id": tv_device.id})
    assert report["result"]["stats"]["trust_score"] == 90
    unknown = await _command(card, {"type": "privacy_gateway/device_report", "device_id": "nope"})
    assert unknown["error"]["code"] == "unknown_device"

    policy = await _command(card, {"type": "privacy_gateway/policy"})
    assert policy["result"]["policy"]["mode"] == "enforce"
