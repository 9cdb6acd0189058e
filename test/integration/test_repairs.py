"""Repair issues: a disconnected sidecar, and clients nobody assigned."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory

from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator, WebSocketGenerator

from custom_components.privacy_gateway.const import DOMAIN

from .helpers import report

REGISTER = {"type": "privacy_gateway/sidecar/register", "sidecar_id": "sidecar-1", "version": "0.1.0"}


def _tick(hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: int) -> None:
    freezer.tick(timedelta(seconds=seconds))
    async_fire_time_changed(hass)


async def test_disconnected_sidecar_issue(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    sidecar_user: tuple[User, str, str],
    issue_registry: ir.IssueRegistry,
) -> None:
    """Raised after the grace period without a sidecar; cleared when one registers."""
    _tick(hass, freezer, 59)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, "sidecar_disconnected") is None
    _tick(hass, freezer, 2)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, "sidecar_disconnected") is not None

    client = await hass_ws_client(hass, access_token=sidecar_user[2])
    await client.send_json_auto_id(REGISTER)
    assert (await client.receive_json())["success"]
    assert issue_registry.async_get_issue(DOMAIN, "sidecar_disconnected") is None

    await client.close()
    await hass.async_block_till_done()
    _tick(hass, freezer, 61)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, "sidecar_disconnected") is not None


async def test_unassigned_client_is_assigned_through_the_repair(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    device_registry: dr.DeviceRegistry,
    vendor_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """The owner picks the device; it becomes a mediated device with that client's address."""
    assert await async_setup_component(hass, "repairs", {})
    speaker = device_registry.async_get_or_create(
        config_entry_id=vendor_entry.entry_id, identifiers={("acme_tv", "speaker")}, name="Kitchen speaker"
    )
    result = await report(
        hass,
        init_integration,
        {"id": "u1", "type": "unassigned_client", "address": "192.168.1.77", "mac": "AA:BB:CC:00:11:22", "hostname": "speaker"},
    )
    assert result["ack"] == ["u1"]
    issue_id = "unassigned_client_aabbcc001122"
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None and issue.is_fixable

    client = await hass_client()
    response = await client.post("/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue_id})
    flow = await response.json()
    assert flow["step_id"] == "assign"
    assert flow["description_placeholders"] == {"client": "aa:bb:cc:00:11:22", "hostname": "speaker"}
    response = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}", json={"device_id": speaker.id})
    assert (await response.json())["type"] == "create_entry"
    await hass.async_block_till_done()

    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    devices = init_integration.runtime_data.compiled_policy()["devices"]
    assert {"id": speaker.id, "addresses": ["192.168.1.77"], "macs": ["aa:bb:cc:00:11:22"]}.items() <= next(
        d for d in devices if d["id"] == speaker.id
    ).items()
    assert hass.states.get("sensor.kitchen_speaker_trust_score") is not None
