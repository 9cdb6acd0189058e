"""Serves the card's bundle and registers it with the dashboards, cache-busted by version.

The card build (src/card) writes its bundle to frontend/privacy-gateway-card.js inside this
integration, so a HACS install carries it. Storage-mode dashboards get a Lovelace resource;
YAML-mode ones cannot be edited, so the bundle is added as an extra frontend module instead.
"""

from __future__ import annotations

from pathlib import Path

from homeassistant.components.frontend import add_extra_js_url
from homeassistant.components.http import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA, MODE_STORAGE
from homeassistant.core import HomeAssistant

from .const import LOGGER

CARD_FILE = Path(__file__).parent / "frontend" / "privacy-gateway-card.js"
CARD_URL = "/privacy_gateway/privacy-gateway-card.js"


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
    return url


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
