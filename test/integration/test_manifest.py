"""The integration's metadata, checked against hassfest's rules.

hassfest ships only in Home Assistant core's source tree (script/hassfest), not in the
homeassistant package, so its manifest, services and translation rules are checked here.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
import re
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
import pytest
import yaml

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from custom_components.privacy_gateway import PLATFORMS
from custom_components.privacy_gateway.binary_sensor import BINARY_SENSORS
from custom_components.privacy_gateway.config_flow import OPTIONS_SCHEMA
from custom_components.privacy_gateway.const import DOMAIN, MODES
from custom_components.privacy_gateway.event import EVENTS
from custom_components.privacy_gateway.select import SELECTS
from custom_components.privacy_gateway.sensor import SENSORS
from custom_components.privacy_gateway.switch import SWITCHES

ROOT = Path(__file__).parents[2] / "custom_components" / DOMAIN
MANIFEST: dict[str, Any] = json.loads((ROOT / "manifest.json").read_text())
STRINGS: dict[str, Any] = json.loads((ROOT / "translations" / "en.json").read_text())
ICONS: dict[str, Any] = json.loads((ROOT / "icons.json").read_text())
SERVICES: dict[str, Any] = yaml.safe_load((ROOT / "services.yaml").read_text())

IOT_CLASSES = {"assumed_state", "calculated", "cloud_polling", "cloud_push", "local_polling", "local_push"}
INTEGRATION_TYPES = {"device", "entity", "hardware", "helper", "hub", "service", "system", "virtual"}
URL = re.compile(r"^https://[^\s/]+\.[a-z]{2,}(/\S*)?$")
DESCRIPTIONS = {
    Platform.BINARY_SENSOR: BINARY_SENSORS,
    Platform.EVENT: EVENTS,
    Platform.SELECT: SELECTS,
    Platform.SENSOR: SENSORS,
    Platform.SWITCH: SWITCHES,
}


def test_required_keys_and_types() -> None:
    """Every key hassfest requires of a custom integration, with the right type."""
    assert MANIFEST["domain"] == DOMAIN == ROOT.name
    assert isinstance(MANIFEST["name"], str) and MANIFEST["name"]
    assert MANIFEST["config_flow"] is True and (ROOT / "config_flow.py").exists()
    assert MANIFEST["iot_class"] in IOT_CLASSES
    assert MANIFEST["integration_type"] in INTEGRATION_TYPES
    assert isinstance(MANIFEST["requirements"], list)
    assert isinstance(MANIFEST["dependencies"], list)
    assert "quality_scale" not in MANIFEST  # core-only key


def test_keys_are_sorted() -> None:
    """domain, name, then the rest in alphabetical order."""
    keys = list(MANIFEST)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])


def test_version_is_valid() -> None:
    """Custom integrations need a version AwesomeVersion understands."""
    version = AwesomeVersion(MANIFEST["version"])
    assert version.strategy in {
        AwesomeVersionStrategy.CALVER,
        AwesomeVersionStrategy.SEMVER,
        AwesomeVersionStrategy.SIMPLEVER,
        AwesomeVersionStrategy.BUILDVER,
        AwesomeVersionStrategy.PEP440,
    }


@pytest.mark.parametrize("key", ["documentation", "issue_tracker"])
def test_urls(key: str) -> None:
    """Documentation and issue tracker are https URLs."""
    assert URL.match(MANIFEST[key])


def test_codeowners() -> None:
    """GitHub users or teams, with the @."""
    assert MANIFEST["codeowners"]
    for owner in MANIFEST["codeowners"]:
        assert re.fullmatch(r"@[A-Za-z0-9-]+(/[A-Za-z0-9_.-]+)?", owner)


async def test_home_assistant_loads_the_manifest(hass: HomeAssistant) -> None:
    """The loader accepts it as a custom integration with its version and dependencies."""
    integration = await async_get_integration(hass, DOMAIN)
    assert not integration.is_built_in
    assert str(integration.version) == MANIFEST["version"]
    for dependency in integration.dependencies:
        assert (await async_get_integration(hass, dependency)).is_built_in


def test_services_are_translated() -> None:
    """Every service and field in services.yaml has a name and description in en.json."""
    assert set(SERVICES) == set(STRINGS["services"]) == set(ICONS["services"])
    for service, spec in SERVICES.items():
        strings = STRINGS["services"][service]
        assert strings["name"] and strings["description"]
        assert set(spec.get("fields", {})) == set(strings.get("fields", {}))


def test_entities_are_translated_and_have_icons() -> None:
    """Each entity description's translation key has a name; state-bearing ones translate states."""
    for platform in PLATFORMS:
        keys = {d.translation_key for d in DESCRIPTIONS[platform]}
        assert keys == set(STRINGS["entity"][platform]) == set(ICONS["entity"][platform])
    assert set(STRINGS["entity"]["select"]["mode"]["state"]) == set(MODES)
    event_states = STRINGS["entity"]["event"]["privacy_event"]["state_attributes"]["event_type"]["state"]
    assert set(event_states) == set(EVENTS[0].event_types)


def test_options_and_issues_are_translated() -> None:
    """Options fields and both repair issues have strings; exception messages end without a period."""
    assert set(STRINGS["options"]["step"]["init"]["data"]) == {str(k) for k in OPTIONS_SCHEMA.schema}
    assert {"sidecar_disconnected", "unassigned_client"} <= set(STRINGS["issues"])
    for exception in STRINGS["exceptions"].values():
        assert not exception["message"].endswith(".")


def test_brand_icon() -> None:
    """A 256x256 PNG, as the brands repository expects."""
    data = (ROOT / "brand" / "icon.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20]) == int.from_bytes(data[20:24]) == 256


def _local_imports(module: Path) -> set[str]:
    """Modules of this package that `module` imports, TYPE_CHECKING blocks included."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
    }


def test_modules_import_each_other_without_cycles() -> None:
    """One module owns the other (hub owns the link): no cycle, not even one hidden behind TYPE_CHECKING."""
    package = Path(__file__).parents[2] / "custom_components" / "privacy_gateway"
    graph = {path.stem: _local_imports(path) for path in package.glob("*.py")}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        assert name not in visiting, f"import cycle: {' -> '.join([*visiting[visiting.index(name):], name])}"
        visiting.append(name)
        for imported in graph.get(name, set()):
            visit(imported)
        visiting.pop()
        done.add(name)

    for name in graph:
        visit(name)
