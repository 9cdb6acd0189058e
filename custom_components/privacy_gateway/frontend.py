"""Serves the card's bundle and registers it with the dashboards, cache-busted by version.

The card build (src/card) writes its bundle to frontend/privacy-gateway-card.js inside this
integration, so a HACS install carries it. Storage-mode dashboards get a Lovelace resource;
YAML-mode ones cannot be edited, so the bundle is added as an extra frontend module instead.
The same bundle defines the "Privacy" sidebar panel (`privacy-gateway-panel`), registered here too.
"""

from __future__ import annotations

from pathlib import Path

from homeassistant.components import panel_custom
from homeassistant.components.frontend import add_extra_js_url, async_panel_exists
from homeassistant.components.http import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA, MODE_STORAGE
from homeassistant.core import HomeAssistant

from .const import LOGGER

CARD_FILE = Path(__file__).parent / "frontend" / "privacy-gateway-card.js"
CARD_URL = "/privacy_gateway/privacy-gateway-card.js"
PANEL_URL_PATH = "privacy-gateway"
PANEL_ELEMENT = "privacy-gateway-panel"


async def async_register_card(hass: HomeAssistant, version: str) -> str | None:
    """Serve the bundle and make dashboards load it; returns its versioned URL."""
    if not await hass.async_add_executor_job(CARD_FILE.is_file):
        LOGGER.debug("No card bundle at %s; the card is not served", CARD_FILE)
        return None
    # The ?v= query changes with every release, so browsers may cache the file for good.
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_FILE), cache_headers=True)]
    )
    url = f"{CARD_URL}?v={version}"
    await async_add_resource(hass, url)
    await async_register_panel(hass, url)
    return url


async def async_register_panel(hass: HomeAssistant, url: str) -> None:
    """The sidebar panel: every user may look; the card offers changes to admins only."""
    if async_panel_exists(hass, PANEL_URL_PATH):
        return
    await panel_custom.async_register_panel(
        hass,
        frontend_url_path=PANEL_URL_PATH,
        webcomponent_name=PANEL_ELEMENT,
        sidebar_title="Privacy",
        sidebar_icon="mdi:shield-lock-outline",
        module_url=url,
        require_admin=False,
    )


async def async_add_resource(hass: HomeAssistant, url: str) -> None:
    """Add the dashboard resource, or replace an older version's."""
    lovelace = hass.data.get(LOVELACE_DATA)
    if lovelace is None or lovelace.resource_mode != MODE_STORAGE:
        if "frontend" in hass.config.components:
            add_extra_js_url(hass, url)
        return
    resources = lovelace.resources
    await resources.async_get_info()  # loads the stored resources
    for item in resources.async_items():
        if item["url"].split("?")[0] == CARD_URL:
            if item["url"] != url:
                await resources.async_update_item(item["id"], {"res_type": "module", "url": url})
            return
    await resources.async_create_item({"res_type": "module", "url": url})
