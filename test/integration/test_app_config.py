"""The Home Assistant app folder agrees with itself, the package and the release workflow.

The Supervisor's own schema check is scripts/check-app-config.py (it needs the Supervisor's sources);
these are the project's promises on top of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]
APP = ROOT / "addon" / "privacy_gateway"


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_app_uses_the_supervisor_not_a_pasted_token() -> None:
    """The app talks to Home Assistant with $SUPERVISOR_TOKEN; no token option exists."""
    config = _yaml(APP / "config.yaml")
    run = (APP / "run.sh").read_text(encoding="utf-8")
    assert config["homeassistant_api"] is True
    assert "ha_token" not in config["options"] and "ha_token" not in config["schema"]
    assert "SUPERVISOR_TOKEN" in run and "http://supervisor/core" in run


def test_page_only_through_ingress() -> None:
    """The page's port is the ingress port and is not published on the host."""
    config = _yaml(APP / "config.yaml")
    assert config["ingress"] is True
    assert f"{config['ingress_port']}/tcp" not in config["ports"]


def test_maps_its_own_app_config_folder() -> None:
    """`app_config`, never the legacy `addon_config` the Supervisor warns about."""
    config = _yaml(APP / "config.yaml")
    assert config["map"] == [{"type": "app_config", "read_only": False}]


def test_every_option_has_a_schema_and_a_translation() -> None:
    config = _yaml(APP / "config.yaml")
    translations = _yaml(APP / "translations" / "en.yaml")
    assert set(config["options"]) == set(config["schema"])
    for option in config["schema"]:
        assert translations["configuration"][option]["name"]
        assert translations["configuration"][option]["description"]
    assert set(translations["network"]) == set(config["ports"])


def test_version_and_image_match_the_release() -> None:
    """One version for the package and the app; the workflow publishes the image config.yaml names."""
    config = _yaml(APP / "config.yaml")
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    workflow = _yaml(ROOT / ".github" / "workflows" / "app-release.yml")
    assert config["version"] == package["version"]
    assert config["image"] == f"ghcr.io/privacy-gateway/{{arch}}-{workflow['env']['IMAGE_NAME']}"
    assert set(json.loads(workflow["env"]["ARCHITECTURES"])) == set(config["arch"])


def test_image_installs_the_packed_repository() -> None:
    """The Dockerfile installs the `npm pack` output, never a registry package, on the build.yaml base."""
    dockerfile = (APP / "Dockerfile").read_text(encoding="utf-8")
    build = _yaml(APP / "build.yaml")
    assert "COPY privacy-gateway.tgz" in dockerfile
    assert "npm install --omit=dev --no-fund --no-audit /tmp/privacy-gateway.tgz" in dockerfile
    assert "privacy-gateway@" not in dockerfile
    default_base = next(line.split("=", 1)[1] for line in dockerfile.splitlines() if line.startswith("ARG BUILD_FROM="))
    assert set(build["build_from"].values()) == {default_base}
