"""Diagnostics: useful, and without credentials or client addresses."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from .conftest import TV_ADDRESS, TV_MAC
from .helpers import report, traffic


@pytest.mark.freeze_time("2026-11-20 10:00:00+00:00")
async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Credentials, names and client addresses are redacted."""
    await report(hass, init_integration, traffic("t1", tv_device.id))
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, init_integration)
    text = str(diagnostics)
    for secret in (init_integration.data["user_id"], init_integration.data["refresh_token_id"], TV_ADDRESS, TV_MAC):
        assert secret not in text
    assert diagnostics == snapshot(exclude=props("device_id", "id"))
