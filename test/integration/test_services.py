"""Services: policy edits and the privacy report."""

from __future__ import annotations

from typing import Any

import probatio
import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.privacy_gateway.const import DOMAIN

from .helpers import report, traffic, violation


async def _call(hass: HomeAssistant, service: str, data: dict[str, Any], **kwargs: Any) -> Any:
    return await hass.services.async_call(DOMAIN, service, data, blocking=True, **kwargs)


async def test_set_field_action(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """A rule per field path; setting it again replaces it; no device means the household."""
    await _call(hass, "set_field_action", {"device_id": tv_device.id, "field_path": "$.coords.lat", "action": "redact"})
    await _call(hass, "set_field_action", {"device_id": tv_device.id, "field_path": "$.coords.lat", "action": "hash"})
    await _call(hass, "set_field_action", {"category": "health", "action": "block", "destinations": ["*.acme.example"]})
    policy = init_integration.runtime_data.compiled_policy()
    assert policy["devices"][0]["rules"] == [{"id": "field:$.coords.lat", "action": "hash", "path": "$.coords.lat"}]
    assert policy["rules"] == [
        {"id": "category:health@*.acme.example", "action": "block", "category": "health", "destinations": ["*.acme.example"]}
    ]


async def test_allow_then_block_destination(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """The later decision about a host replaces the earlier one."""
    await _call(hass, "allow_destination", {"device_id": tv_device.id, "host": "API.Acme.Example.", "vendor": "Acme"})
    await _call(hass, "block_destination", {"device_id": tv_device.id, "host": "api.acme.example"})
    destinations = init_integration.runtime_data.compiled_policy()["devices"][0]["destinations"]
    assert destinations == [
        {"id": "host:api.acme.example", "vendor": "api.acme.example", "hosts": ["api.acme.example"], "access": "block"}
    ]


async def test_a_long_host_names_its_vendor_within_the_sidecar_limit(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """A host past 100 characters is its own vendor cut to 100, so the compiled policy still loads."""
    host = ".".join(["a" * 60, "b" * 60, "example"])
    await _call(hass, "block_destination", {"device_id": tv_device.id, "host": host})
    destination = init_integration.runtime_data.compiled_policy()["devices"][0]["destinations"][0]
    assert destination["hosts"] == [host]
    assert destination["vendor"] == host[:100]


async def test_quarantine_and_release(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry
) -> None:
    """Quarantine turns the internet access switch off; releasing turns it on."""
    await _call(hass, "quarantine", {"device_id": tv_device.id})
    assert hass.states.get("switch.living_room_tv_internet_access").state == "off"
    await _call(hass, "quarantine", {"device_id": tv_device.id, "quarantine": False})
    assert hass.states.get("switch.living_room_tv_internet_access").state == "on"


@pytest.mark.freeze_time("2026-11-20 10:00:00+00:00")
async def test_export_report(
    hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry, snapshot: SnapshotAssertion
) -> None:
    """The report is response data: figures, policy, mode and the device's recent history."""
    seen = [{"path": "$.viewing.history[0].title", "categories": ["behaviour"], "action": "redact", "count": 3}]
    await report(
        hass,
        init_integration,
        traffic("t1", tv_device.id, fields=seen, inspectable=True),
        violation("v1", tv_device.id) | {"ts": 1_795_165_200_000},  # an hour before now
    )
    await _call(hass, "block_destination", {"device_id": tv_device.id, "host": "*.ads.example"})
    response = await _call(hass, "export_report", {"device_id": tv_device.id}, return_response=True)
    assert response["device_id"] == response["events"][0]["data"]["device_id"] == tv_device.id
    # Device ids are random per run.
    assert response == snapshot(exclude=props("device_id"))


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("set_field_action", {"field_path": "coords.lat", "action": "redact"}),
        ("set_field_action", {"field_path": "$.a", "category": "health", "action": "redact"}),
        ("set_field_action", {"action": "redact"}),
        ("set_field_action", {"category": "astrology", "action": "redact"}),
        ("set_field_action", {"category": "health", "action": "shred"}),
        ("set_field_action", {"category": "health", "action": "redact", "destinations": None}),
        ("set_field_action", {"category": "health", "action": "redact", "destinations": ["ok.example", "http://x/"]}),
        ("block_destination", {"host": "http://ads.example/"}),
        ("allow_destination", {}),
        ("quarantine", {}),
    ],
)
async def test_invalid_input_changes_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry, service: str, data: dict[str, Any]
) -> None:
    """Schema errors are raised before anything is stored."""
    before = init_integration.runtime_data.policy_envelope()
    with pytest.raises(probatio.Invalid):
        await _call(hass, service, data)
    assert init_integration.runtime_data.policy_envelope() == before


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("quarantine", {"device_id": "0123456789abcdef0123456789abcdef"}),
        ("block_destination", {"device_id": "0123456789abcdef0123456789abcdef", "host": "x.example"}),
        ("export_report", {"device_id": "0123456789abcdef0123456789abcdef"}),
    ],
)
async def test_unknown_device_is_a_translated_error(
    hass: HomeAssistant, init_integration: MockConfigEntry, service: str, data: dict[str, Any]
) -> None:
    """The error names the device and says what to do."""
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, service, data, return_response=service == "export_report")
    assert err.value.translation_key == "unknown_device"
    assert str(err.value) == (
        "Device 0123456789abcdef0123456789abcdef is not mediated by the Privacy Gateway. "
        "Add it as a mediated device first"
    )


async def test_services_when_not_loaded(hass: HomeAssistant, init_integration: MockConfigEntry, tv_device: dr.DeviceEntry) -> None:
    """After unload the services explain that the gateway is not loaded."""
    await hass.config_entries.async_unload(init_integration.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "quarantine", {"device_id": tv_device.id})
    assert err.value.translation_key == "not_loaded"
