"""The notify-on-violation blueprint, run by a real automation."""

from __future__ import annotations

import json
from pathlib import Path
import shutil

import pytest

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import report, violation

BLUEPRINT = Path(__file__).parents[2] / "blueprints" / "automation" / "privacy_gateway" / "notify_on_violation.yaml"


@pytest.fixture
async def automation(hass: HomeAssistant, tmp_path: Path, categories: list[str]) -> None:
    """An automation from the blueprint, in a temporary config directory."""
    hass.config.config_dir = str(tmp_path)
    target = tmp_path / "blueprints" / "automation" / "privacy_gateway" / BLUEPRINT.name
    target.parent.mkdir(parents=True)
    shutil.copy(BLUEPRINT, target)
    assert await async_setup_component(hass, "persistent_notification", {})
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "use_blueprint": {
                    "path": "privacy_gateway/notify_on_violation.yaml",
                    "input": {"categories": categories},
                }
            }
        },
    )
    await hass.async_block_till_done()


@pytest.mark.parametrize(("categories", "notified"), [([], True), (["behaviour"], True), (["health"], False)])
async def test_violation_notifies(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tv_device: dr.DeviceEntry,
    automation: None,
    notified: bool,
) -> None:
    """A violation of a selected kind creates the notification, naming device and destination."""
    await report(hass, init_integration, violation("v1", tv_device.id))
    await hass.async_block_till_done()
    notifications = list(hass.data.get("persistent_notification", {}).values())
    assert bool(notifications) is notified
    if notified:
        message = notifications[0]["message"]
        assert message.startswith("Living room TV sent behaviour ($.viewing.history[*].title) to api.acme.example")


def test_min_version_is_the_tested_release() -> None:
    """The blueprint asks for the release hacs.json names: the oldest one the suites run on."""
    blueprint = load_yaml_dict(BLUEPRINT)["blueprint"]
    hacs = json.loads((BLUEPRINT.parents[3] / "hacs.json").read_text(encoding="utf-8"))
    assert blueprint["homeassistant"]["min_version"] == hacs["homeassistant"]
