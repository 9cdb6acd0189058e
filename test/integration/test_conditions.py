"""Rules that follow the home: conditioned edits, and the states pushed to the sidecar (subscribe_states)."""

from __future__ import annotations

from typing import Any

import pytest

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import MockHAClientWebSocket, WebSocketGenerator

from custom_components.privacy_gateway.conditions import condition_entities

SUBSCRIBE_STATES = {"type": "privacy_gateway/sidecar/subscribe_states"}
GUESTS = {"entity": "input_boolean.guest_mode", "state": "on"}
ANNA_AWAY = {"entity": "person.anna", "state": "not_home"}


@pytest.fixture
async def states_sidecar(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    sidecar_user: tuple[User, str, str],
) -> MockHAClientWebSocket:
    """The sidecar's websocket, subscribed to the states (the first frame not read yet)."""
    client = await hass_ws_client(hass, access_token=sidecar_user[2])
    await client.send_json_auto_id(SUBSCRIBE_STATES)
    response = await client.receive_json()
    assert response["success"], response
    return client


async def _frame(client: MockHAClientWebSocket) -> dict[str, Any]:
    message = await client.receive_json()
    assert message["type"] == "event", message
    return message["event"]


async def _edit(client: MockHAClientWebSocket, operation: str, data: dict[str, Any]) -> dict[str, Any]:
    await client.send_json_auto_id({"type": "privacy_gateway/policy/edit", "operation": operation, "data": data})
    return await client.receive_json()


async def test_nothing_is_tracked_without_conditions(states_sidecar: MockHAClientWebSocket) -> None:
    """The first frame of a policy without conditions is empty."""
    assert await _frame(states_sidecar) == {"states": []}


async def test_a_conditioned_edit_tracks_its_entity_and_pushes_each_change(
    hass: HomeAssistant,
    states_sidecar: MockHAClientWebSocket,
    hass_ws_client: WebSocketGenerator,
    tv_device: dr.DeviceEntry,
) -> None:
    """The policy names guest mode: its state goes out at once, and again on every change; others never."""
    await _frame(states_sidecar)
    hass.states.async_set("input_boolean.guest_mode", "off")
    admin = await hass_ws_client(hass)
    data = {"device_id": tv_device.id, "host": "telemetry.tv.example", "when": GUESTS}
    assert (await _edit(admin, "block_destination", data))["success"]
    first = await _frame(states_sidecar)
    assert [(s["entity_id"], s["state"]) for s in first["states"]] == [("input_boolean.guest_mode", "off")]
    assert isinstance(first["states"][0]["last_changed"], int)

    hass.states.async_set("input_boolean.kitchen_light", "on")
    hass.states.async_set("input_boolean.guest_mode", "on")
    await hass.async_block_till_done()
    pushed = await _frame(states_sidecar)
    assert pushed["states"][0]["state"] == "on"
    assert pushed["states"][0]["last_changed"] >= first["states"][0]["last_changed"]


async def test_an_entity_that_does_not_exist_is_sent_as_null(
    hass: HomeAssistant, states_sidecar: MockHAClientWebSocket, hass_ws_client: WebSocketGenerator
) -> None:
    """The sidecar then reads its conditions the stricter way."""
    await _frame(states_sidecar)
    admin = await hass_ws_client(hass)
    data = {"category": "location", "action": "redact", "when": ANNA_AWAY}
    assert (await _edit(admin, "set_field_action", data))["success"]
    assert await _frame(states_sidecar) == {"states": [{"entity_id": "person.anna", "state": None, "last_changed": None}]}


async def test_conditions_reach_the_policy_with_their_own_ids(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator, tv_device: dr.DeviceEntry
) -> None:
    """A conditioned rule sits beside the unconditioned one; a conditional mode lands in modeWhen."""
    admin = await hass_ws_client(hass)
    assert (await _edit(admin, "set_field_action", {"category": "location", "action": "allow"}))["success"]
    answer = await _edit(admin, "set_field_action", {"category": "location", "action": "redact", "when": ANNA_AWAY})
    assert answer["result"]["rule_id"] == "category:location when person.anna=not_home"
    night = {"entity": "schedule.night", "state": "on"}
    assert (await _edit(admin, "set_conditional_mode", {"device_id": tv_device.id, "mode": "lockdown", "when": night}))["success"]

    policy = init_integration.runtime_data.compiled_policy()
    assert [r["id"] for r in policy["rules"]] == ["category:location", "category:location when person.anna=not_home"]
    assert policy["rules"][1]["when"] == ANNA_AWAY
    assert policy["devices"][0]["modeWhen"] == [{"mode": "lockdown", "when": night}]
    assert condition_entities(policy) == ["person.anna", "schedule.night"]

    assert (await _edit(admin, "set_conditional_mode", {"device_id": tv_device.id, "mode": None, "when": night}))["success"]
    assert "modeWhen" not in init_integration.runtime_data.compiled_policy()["devices"][0]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ({"entity": "person.anna"}, "give exactly one of state or not"),
        ({"entity": "person.anna", "state": "home", "not": "home"}, "give exactly one of state or not"),
        ({"entity": "Anna", "state": "home"}, "Entity ID Anna is an invalid entity ID"),
        ({"entity": "person.anna", "state": []}, "give 1 to 20 states"),
        ({"entity": "person.anna", "state": "home", "since": 3}, "not a valid option at 'when.since'"),
    ],
)
async def test_a_bad_condition_is_refused_and_changes_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    when: dict[str, Any],
    message: str,
) -> None:
    """The edit answers invalid_format naming the problem; the policy stays as it was."""
    before = init_integration.runtime_data.compiled_policy()
    admin = await hass_ws_client(hass)
    answer = await _edit(admin, "set_field_action", {"category": "location", "action": "redact", "when": when})
    assert not answer["success"]
    assert answer["error"]["code"] == "invalid_format"
    assert message in answer["error"]["message"]
    assert init_integration.runtime_data.compiled_policy() == before


async def test_tracking_follows_the_policy_over_a_reload(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    states_sidecar: MockHAClientWebSocket,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """After the entry reloads, the same subscription gets the states again and keeps following them."""
    await _frame(states_sidecar)
    hass.states.async_set("person.anna", "home")
    admin = await hass_ws_client(hass)
    assert (await _edit(admin, "set_field_action", {"category": "location", "action": "redact", "when": ANNA_AWAY}))["success"]
    await _frame(states_sidecar)
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert (await _frame(states_sidecar))["states"][0]["state"] == "home"
    hass.states.async_set("person.anna", "not_home")
    await hass.async_block_till_done()
    assert (await _frame(states_sidecar))["states"][0]["state"] == "not_home"


async def test_subscribe_states_refuses_other_users(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator, hass_read_only_access_token: str
) -> None:
    """Only the sidecar (or an admin) may follow the states."""
    client = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    await client.send_json_auto_id(SUBSCRIBE_STATES)
    response = await client.receive_json()
    assert response["error"]["code"] == "unauthorized"


async def test_the_device_report_carries_conditions_and_their_states(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_ws_client: WebSocketGenerator, tv_device: dr.DeviceEntry
) -> None:
    """What the card shows: the conditional modes and the current state of each entity they read."""
    hass.states.async_set("schedule.night", "on")
    admin = await hass_ws_client(hass)
    night = {"entity": "schedule.night", "state": "on"}
    assert (await _edit(admin, "set_conditional_mode", {"device_id": tv_device.id, "mode": "lockdown", "when": night}))["success"]
    report = init_integration.runtime_data.device_report(tv_device.id)
    assert report["mode_when"] == [{"mode": "lockdown", "when": night}]
    assert [(s["entity_id"], s["state"]) for s in report["condition_states"]] == [("schedule.night", "on")]


async def test_a_service_call_sets_a_conditioned_block(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Automations and scripts can set the same conditioned edits as the card."""
    await hass.services.async_call(
        "privacy_gateway",
        "block_destination",
        {"device_id": tv_device.id, "host": "telemetry.tv.example", "when": GUESTS},
        blocking=True,
    )
    destination = init_integration.runtime_data.compiled_policy()["devices"][0]["destinations"][0]
    assert destination == {
        "id": "host:telemetry.tv.example when input_boolean.guest_mode=on",
        "vendor": "telemetry.tv.example",
        "hosts": ["telemetry.tv.example"],
        "access": "block",
        "when": GUESTS,
    }
