"""The card's bundle: served, and registered with the dashboards by version."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest

from homeassistant.components.frontend import DATA_PANELS
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.privacy_gateway.const import DOMAIN
from custom_components.privacy_gateway.frontend import (
    CARD_URL,
    PANEL_ELEMENT,
    PANEL_URL_PATH,
    async_add_resource,
    async_register_card,
    async_register_panel,
)

BUNDLE = "customElements.define('privacy-gateway-card', class extends HTMLElement {});\n"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A stand-in for the built card."""
    path = tmp_path / "privacy-gateway-card.js"
    path.write_text(BUNDLE)
    with patch("custom_components.privacy_gateway.frontend.CARD_FILE", path):
        yield path


async def test_storage_dashboards_get_one_resource_per_version(
    hass: HomeAssistant, bundle: Path, hass_client: ClientSessionGenerator
) -> None:
    """The resource is created once, updated when the version changes, and the file is served."""
    assert await async_setup_component(hass, "lovelace", {})
    assert await async_setup_component(hass, DOMAIN, {})
    resources = hass.data[LOVELACE_DATA].resources
    assert [r["url"] for r in resources.async_items()] == [f"{CARD_URL}?v=0.1.0"]

    await async_add_resource(hass, f"{CARD_URL}?v=0.2.0")
    assert [(r["url"], r["type"]) for r in resources.async_items()] == [(f"{CARD_URL}?v=0.2.0", "module")]

    client = await hass_client()
    response = await client.get(f"{CARD_URL}?v=0.2.0")
    assert response.status == 200
    assert await response.text() == BUNDLE


async def test_yaml_dashboards_get_an_extra_module(hass: HomeAssistant, bundle: Path) -> None:
    """YAML-mode resources cannot be edited; the frontend loads the bundle as an extra module."""
    assert await async_setup_component(hass, "lovelace", {"lovelace": {"resource_mode": "yaml"}})
    hass.config.components.add("frontend")
    with patch("custom_components.privacy_gateway.frontend.add_extra_js_url") as add_extra_js_url:
        assert await async_register_card(hass, "0.1.0") == f"{CARD_URL}?v=0.1.0"
    add_extra_js_url.assert_called_once_with(hass, f"{CARD_URL}?v=0.1.0")


async def test_without_a_bundle_nothing_is_registered(hass: HomeAssistant, tmp_path: Path) -> None:
    """Before the card is built the integration still works."""
    assert await async_setup_component(hass, "lovelace", {})
    with patch("custom_components.privacy_gateway.frontend.CARD_FILE", tmp_path / "missing.js"):
        assert await async_setup_component(hass, DOMAIN, {})
    assert hass.data[LOVELACE_DATA].resources.async_items() == []


async def test_the_sidebar_panel_loads_the_same_bundle(hass: HomeAssistant, bundle: Path) -> None:
    """A "Privacy" panel for every user, its element from the card's versioned bundle, registered once."""
    assert await async_setup_component(hass, "lovelace", {})
    assert await async_setup_component(hass, DOMAIN, {})
    await async_register_panel(hass, f"{CARD_URL}?v=0.2.0")  # registered already: left as it is
    panel = hass.data[DATA_PANELS][PANEL_URL_PATH]
    assert panel.sidebar_title == "Privacy"
    assert panel.require_admin is False
    assert panel.config["_panel_custom"]["name"] == PANEL_ELEMENT
    assert panel.config["_panel_custom"]["module_url"] == f"{CARD_URL}?v=0.1.0"


async def test_without_a_bundle_there_is_no_panel(hass: HomeAssistant, tmp_path: Path) -> None:
    """No bundle, no panel that could not load."""
    assert await async_setup_component(hass, "lovelace", {})
    with patch("custom_components.privacy_gateway.frontend.CARD_FILE", tmp_path / "missing.js"):
        assert await async_setup_component(hass, DOMAIN, {})
    assert PANEL_URL_PATH not in hass.data.get(DATA_PANELS, {})
