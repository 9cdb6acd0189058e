"""Fixtures for the Privacy Gateway integration tests."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from homeassistant.auth.const import GROUP_ID_USER
from homeassistant.auth.models import User
from homeassistant.config_entries import ConfigSubentryData
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension

from custom_components.privacy_gateway.const import (
    CONF_ADDRESSES,
    CONF_DEVICE_ID,
    CONF_MACS,
    CONF_MODE,
    CONF_NOTIFICATIONS,
    CONF_REFRESH_TOKEN_ID,
    CONF_RETENTION_DAYS,
    CONF_USER_ID,
    CONF_VIOLATION_WINDOW,
    DOMAIN,
    SUBENTRY_MEDIATED_DEVICE,
)

TV_MAC = "aa:bb:cc:dd:ee:01"
TV_ADDRESS = "192.168.1.20"
SUBENTRY_ID = "01JTVSUBENTRY000000000000A"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> Generator[None]:
    """Load custom_components/ from the repository."""
    yield


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots serialised the way Home Assistant core's tests serialise them."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def vendor_entry(hass: HomeAssistant) -> MockConfigEntry:
    """Another integration that owns the TV device."""
    entry = MockConfigEntry(domain="acme_tv", title="Acme TV")
    entry.add_to_hass(hass)
    return entry


@pytest.fixture
def tv_device(
    hass: HomeAssistant, device_registry: dr.DeviceRegistry, vendor_entry: MockConfigEntry
) -> dr.DeviceEntry:
    """An existing device of another integration; the gateway mediates it."""
    return device_registry.async_get_or_create(
        config_entry_id=vendor_entry.entry_id,
        identifiers={("acme_tv", "tv-1")},
        connections={(dr.CONNECTION_NETWORK_MAC, TV_MAC)},
        manufacturer="Acme",
        model="SmartTV 9000",
        name="Living room TV",
    )


@pytest.fixture
async def sidecar_user(hass: HomeAssistant) -> tuple[User, str, str]:
    """The sidecar's system user, its refresh token id and an access token."""
    user = await hass.auth.async_create_system_user("Privacy Gateway sidecar", group_ids=[GROUP_ID_USER])
    refresh_token = await hass.auth.async_create_refresh_token(user)
    return user, refresh_token.id, hass.auth.async_create_access_token(refresh_token)


@pytest.fixture
def options() -> dict[str, Any]:
    """The entry's options."""
    return {
        CONF_MODE: "enforce",
        CONF_RETENTION_DAYS: 30,
        CONF_VIOLATION_WINDOW: 15,
        CONF_NOTIFICATIONS: False,
    }


@pytest.fixture
def mock_config_entry(
    tv_device: dr.DeviceEntry, sidecar_user: tuple[User, str, str], options: dict[str, Any]
) -> MockConfigEntry:
    """The gateway entry, mediating the TV."""
    user, refresh_token_id, _ = sidecar_user
    return MockConfigEntry(
        domain=DOMAIN,
        title="Privacy Gateway",
        entry_id="01JGATEWAYENTRY00000000000",
        data={CONF_USER_ID: user.id, CONF_REFRESH_TOKEN_ID: refresh_token_id},
        options=options,
        subentries_data=[
            ConfigSubentryData(
                data={CONF_DEVICE_ID: tv_device.id, CONF_ADDRESSES: [TV_ADDRESS], CONF_MACS: [TV_MAC]},
                subentry_id=SUBENTRY_ID,
                subentry_type=SUBENTRY_MEDIATED_DEVICE,
                title="Living room TV",
                unique_id=tv_device.id,
            )
        ],
    )


@pytest.fixture
async def init_integration(hass: HomeAssistant, mock_config_entry: MockConfigEntry) -> MockConfigEntry:
    """The gateway entry, set up."""
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    return mock_config_entry
