"""Home knowledge: what the integration tells the sidecar about the home (subscribe_home)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.typing import MockHAClientWebSocket, WebSocketGenerator

from custom_components.privacy_gateway.home import MAX_TEXT, async_collect_home_knowledge

from .conftest import TV_MAC

SUBSCRIBE_HOME = {"type": "privacy_gateway/sidecar/subscribe_home"}
PLUG_SERIAL = "KP115-2231-00457"
PLUG_MAC = "b0:be:76:12:34:56"


@pytest.fixture
async def home(hass: HomeAssistant) -> User:
    """A home zone and a person linked to a user."""
    await hass.config.async_update(latitude=52.37, longitude=4.89, radius=150)
    user = await hass.auth.async_create_user("Anna K")
    assert await async_setup_component(hass, "zone", {})
    assert await async_setup_component(
        hass, "person", {"person": [{"id": "anna", "name": "Anna Kowalska", "user_id": user.id}]}
    )
    await hass.async_block_till_done()
    return user


@pytest.fixture
async def home_sidecar(
    hass: HomeAssistant,
    home: User,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    sidecar_user: tuple[User, str, str],
) -> MockHAClientWebSocket:
    """The sidecar's websocket, subscribed to the home knowledge (the first frame not read yet)."""
    client = await hass_ws_client(hass, access_token=sidecar_user[2])
    await client.send_json_auto_id(SUBSCRIBE_HOME)
    response = await client.receive_json()
    assert response["success"], response
    return client


def _plug(device_registry: dr.DeviceRegistry, entry: MockConfigEntry) -> dr.DeviceEntry:
    return device_registry.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("acme_plug", "plug-7")},
        connections={(dr.CONNECTION_NETWORK_MAC, PLUG_MAC)},
        name="Kitchen plug",
        serial_number=PLUG_SERIAL,
    )


async def _frame(client: MockHAClientWebSocket) -> dict[str, Any]:
    message = await client.receive_json()
    assert message["type"] == "event", message
    return message["event"]


async def test_first_frame_carries_zone_persons_and_devices(
    home_sidecar: MockHAClientWebSocket, tv_device: dr.DeviceEntry
) -> None:
    """The zone's centre and radius, the person and their user, the TV's names and identifiers."""
    frame = await _frame(home_sidecar)
    assert frame["zone"] == {"latitude": 52.37, "longitude": 4.89, "radius": 150.0}
    assert frame["persons"] == [{"name": "Anna Kowalska", "user": "Anna K"}]
    tv = next(d for d in frame["devices"] if d["id"] == tv_device.id)
    assert tv == {
        "id": tv_device.id,
        "names": ["Living room TV"],
        "serial_number": None,
        "connections": [["mac", TV_MAC]],
        "identifiers": [["acme_tv", "tv-1"]],
    }
    assert len(frame["etag"]) == 16


async def test_registry_changes_are_pushed_once_settled(
    hass: HomeAssistant,
    home_sidecar: MockHAClientWebSocket,
    device_registry: dr.DeviceRegistry,
    vendor_entry: MockConfigEntry,
) -> None:
    """A device registered later reaches the sidecar with its serial number and MAC, in one frame."""
    first = await _frame(home_sidecar)
    plug = _plug(device_registry, vendor_entry)
    device_registry.async_update_device(plug.id, name_by_user="Anna's kettle plug")
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=5))
    await hass.async_block_till_done()
    pushed = await _frame(home_sidecar)
    assert pushed["etag"] != first["etag"]
    described = next(d for d in pushed["devices"] if d["id"] == plug.id)
    assert described["serial_number"] == PLUG_SERIAL
    assert described["names"] == ["Anna's kettle plug", "Kitchen plug"]
    assert described["connections"] == [["mac", PLUG_MAC]]
    assert described["identifiers"] == [["acme_plug", "plug-7"]]


async def test_a_person_moving_sends_nothing(
    hass: HomeAssistant, home_sidecar: MockHAClientWebSocket, device_registry: dr.DeviceRegistry, vendor_entry: MockConfigEntry
) -> None:
    """State changes that leave names, zone and devices alone do not produce a frame."""
    await _frame(home_sidecar)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=5))
    await hass.async_block_till_done()
    await _frame(home_sidecar)  # the tracker's own first frame after setup
    person = hass.states.get("person.anna_kowalska")
    assert person is not None
    hass.states.async_set(person.entity_id, "not_home", person.attributes)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=10))
    await hass.async_block_till_done()
    # The next frame is the plug's: nothing was queued for the person's move.
    _plug(device_registry, vendor_entry)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=15))
    await hass.async_block_till_done()
    pushed = await _frame(home_sidecar)
    assert any(d["serial_number"] == PLUG_SERIAL for d in pushed["devices"])


async def test_subscription_survives_a_reload(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    home_sidecar: MockHAClientWebSocket,
    device_registry: dr.DeviceRegistry,
    vendor_entry: MockConfigEntry,
) -> None:
    """After the entry reloads, the same subscription keeps receiving the home's changes."""
    first = await _frame(home_sidecar)
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    _plug(device_registry, vendor_entry)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=5))
    await hass.async_block_till_done()
    pushed = await _frame(home_sidecar)
    assert pushed["etag"] != first["etag"]
    assert any(d["serial_number"] == PLUG_SERIAL for d in pushed["devices"])


async def test_subscribe_home_refuses_other_users(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
) -> None:
    """A non-admin user that is not the sidecar gets nothing about the home."""
    client = await hass_ws_client(hass, access_token=hass_read_only_access_token)
    await client.send_json_auto_id(SUBSCRIBE_HOME)
    response = await client.receive_json()
    assert not response["success"]
    assert response["error"]["code"] == "unauthorized"


async def test_collect_leaves_out_services_and_unusable_text(
    hass: HomeAssistant, device_registry: dr.DeviceRegistry, vendor_entry: MockConfigEntry
) -> None:
    """Service devices, blank and oversized texts never reach the frame; no zone falls back to the core config."""
    device_registry.async_get_or_create(
        config_entry_id=vendor_entry.entry_id,
        identifiers={("acme_cloud", "account")},
        name="Acme cloud",
        entry_type=dr.DeviceEntryType.SERVICE,
    )
    long_serial = device_registry.async_get_or_create(
        config_entry_id=vendor_entry.entry_id,
        identifiers={("acme_sensor", "s-1")},
        name="  ",
        serial_number="x" * (MAX_TEXT + 1),
    )
    frame = await async_collect_home_knowledge(hass)
    assert [d["id"] for d in frame["devices"]] == [long_serial.id]
    assert frame["devices"][0]["names"] == []
    assert frame["devices"][0]["serial_number"] is None
    assert frame["zone"] == {
        "latitude": hass.config.latitude,
        "longitude": hass.config.longitude,
        "radius": float(hass.config.radius),
    }
    assert frame["persons"] == []
