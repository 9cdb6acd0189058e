"""Config flow, reconfigure, options and mediated device subentries."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.network import NoURLAvailableError
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.privacy_gateway.const import (
    CONF_ADDRESSES,
    CONF_DEVICE_ID,
    CONF_MACS,
    CONF_REFRESH_TOKEN_ID,
    CONF_ROTATE_TOKEN,
    CONF_USER_ID,
    DOMAIN,
    SUBENTRY_MEDIATED_DEVICE,
)

from .conftest import TV_MAC


async def test_user_flow_issues_a_sidecar_token(hass: HomeAssistant) -> None:
    """The entry gets a system user; its token is shown once and authenticates that user."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["description"] == "sidecar_token"
    token = result["description_placeholders"]["token"]
    user = await hass.auth.async_get_user(result["data"][CONF_USER_ID])
    assert user is not None and user.system_generated and not user.is_admin
    refresh_token = hass.auth.async_validate_access_token(token)
    assert refresh_token is not None and refresh_token.user.id == user.id
    assert refresh_token.id == result["data"][CONF_REFRESH_TOKEN_ID]
    assert token not in str(result["data"])
    assert result["options"]["mode"] == "monitor"


async def test_single_instance(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """A second gateway is refused."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "single_instance_allowed"


async def test_reconfigure_rotates_the_token(
    hass: HomeAssistant, init_integration: MockConfigEntry, sidecar_user: tuple[Any, str, str]
) -> None:
    """The old token stops working; the new one works and is shown once."""
    _, _, old_token = sidecar_user
    result = await init_integration.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_ROTATE_TOKEN: True})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "token_rotated"
    assert hass.auth.async_validate_access_token(old_token) is None
    new = hass.auth.async_validate_access_token(result["description_placeholders"]["token"])
    assert new is not None and new.id == init_integration.data[CONF_REFRESH_TOKEN_ID]


async def test_reconfigure_without_rotation(
    hass: HomeAssistant, init_integration: MockConfigEntry, sidecar_user: tuple[Any, str, str]
) -> None:
    """Declining keeps the current token."""
    result = await init_integration.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_ROTATE_TOKEN: False})
    assert result["reason"] == "reconfigure_successful"
    assert hass.auth.async_validate_access_token(sidecar_user[2]) is not None


async def test_options_flow_reloads_with_the_new_mode(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Options are saved and the reloaded hub compiles the new household mode."""
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"mode": "lockdown", "retention_days": 7, "violation_window": 5, "notifications": True},
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options == {
        "mode": "lockdown",
        "retention_days": 7,
        "violation_window": 5,
        "notifications": True,
    }
    assert init_integration.state is ConfigEntryState.LOADED
    envelope = init_integration.runtime_data.policy_envelope()
    assert envelope["policy"]["mode"] == "lockdown"
    assert envelope["settings"] == {"retention_days": 7}


async def _start_device_flow(hass: HomeAssistant, entry: MockConfigEntry, device_id: str) -> dict[str, Any]:
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, SUBENTRY_MEDIATED_DEVICE), context={"source": SOURCE_USER}
    )
    assert result["step_id"] == "user"
    return await hass.config_entries.subentries.async_configure(result["flow_id"], {CONF_DEVICE_ID: device_id})


@pytest.fixture
def doorbell(hass: HomeAssistant, device_registry: dr.DeviceRegistry, vendor_entry: MockConfigEntry) -> dr.DeviceEntry:
    """A second device, tracked by a device_tracker entity that knows its IP."""
    device = device_registry.async_get_or_create(
        config_entry_id=vendor_entry.entry_id,
        identifiers={("acme_tv", "doorbell")},
        connections={(dr.CONNECTION_NETWORK_MAC, "AA:BB:CC:DD:EE:02")},
        name="Doorbell",
    )
    entity = er.async_get(hass).async_get_or_create(
        "device_tracker", "router", "doorbell", device_id=device.id, config_entry=vendor_entry
    )
    hass.states.async_set(entity.entity_id, "home", {"ip": "192.168.1.30", "mac": "AA:BB:CC:DD:EE:02"})
    return device


async def test_add_mediated_device(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    doorbell: dr.DeviceEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """Addresses are suggested from HA; the new device gets its entities after the reload."""
    result = await _start_device_flow(hass, init_integration, doorbell.id)
    assert result["step_id"] == "clients"
    suggested = {
        str(key): key.description["suggested_value"] for key in result["data_schema"].schema
    }
    assert suggested == {CONF_ADDRESSES: ["192.168.1.30"], CONF_MACS: ["aa:bb:cc:dd:ee:02"]}

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_ADDRESSES: ["192.168.1.30", "10.0.0.0/24"], CONF_MACS: ["AA-BB-CC-DD-EE-02"]}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_DEVICE_ID: doorbell.id,
        CONF_ADDRESSES: ["192.168.1.30", "10.0.0.0/24"],
        CONF_MACS: ["aa:bb:cc:dd:ee:02"],
    }
    assert entity_registry.async_get("sensor.doorbell_trust_score").device_id == doorbell.id
    devices = init_integration.runtime_data.compiled_policy()["devices"]
    assert {d["name"] for d in devices} == {"Doorbell", "Living room TV"}


@pytest.mark.parametrize(
    ("user_input", "errors"),
    [
        ({CONF_ADDRESSES: ["192.168.1.300"]}, {CONF_ADDRESSES: "invalid_address"}),
        ({CONF_MACS: ["not-a-mac"]}, {CONF_MACS: "invalid_mac"}),
        ({CONF_ADDRESSES: [], CONF_MACS: []}, {"base": "no_client"}),
    ],
)
async def test_add_mediated_device_errors(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    doorbell: dr.DeviceEntry,
    user_input: dict[str, Any],
    errors: dict[str, str],
) -> None:
    """Bad addresses are pointed out and the form can be corrected."""
    result = await _start_device_flow(hass, init_integration, doorbell.id)
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], user_input)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_ADDRESSES: ["192.168.1.30"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_add_mediated_device_twice(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """A device is mediated once."""
    result = await _start_device_flow(hass, init_integration, tv_device.id)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reconfigure_mediated_device(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A mediated device's addresses can be changed; the policy follows."""
    subentry = next(iter(init_integration.subentries.values()))
    result = await init_integration.start_subentry_reconfigure_flow(hass, subentry.subentry_id)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_ADDRESSES: ["192.168.1.21"], CONF_MACS: [TV_MAC]}
    )
    await hass.async_block_till_done()
    assert result["reason"] == "reconfigure_successful"
    assert init_integration.runtime_data.compiled_policy()["devices"][0]["addresses"] == ["192.168.1.21"]


async def test_device_removed_before_its_clients_are_asked(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A device that no longer exists (removed while the flow was open) aborts with a reason."""
    result = await _start_device_flow(hass, init_integration, "0123456789abcdef0123456789abcdef")
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "device_not_found"


async def test_token_instructions_name_a_url_even_without_one(hass: HomeAssistant) -> None:
    """Without a configured internal URL the instructions fall back to homeassistant.local."""
    with patch(
        "custom_components.privacy_gateway.config_flow.get_url", side_effect=NoURLAvailableError
    ):
        result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
        result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["description_placeholders"]["url"] == "http://homeassistant.local:8123"
