"""Report items as a sidecar sends them."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.privacy_gateway.hub import PrivacyGatewayHub


def traffic(
    item_id: str, device_id: str, host: str = "api.acme.example", bytes_up: int = 2048, **extra: Any
) -> dict[str, Any]:
    """Traffic counters for one destination; `extra`: its optional keys (`inspectable`, `fields`)."""
    return {
        **extra,
        "id": item_id,
        "type": "traffic",
        "device_id": device_id,
        "destination": {"host": host, "vendor": "Acme"},
        "requests": 3,
        "bytes_up": bytes_up,
        "blocked": 1,
    }


def violation(item_id: str, device_id: str, host: str = "api.acme.example") -> dict[str, Any]:
    """A field the policy redacted."""
    return {
        "id": item_id,
        "type": "violation",
        "ts": 1_790_000_000_000,
        "device_id": device_id,
        "destination": {"host": host, "vendor": "Acme"},
        "field_path": "$.viewing.history[*].title",
        "category": "behaviour",
        "action": "redact",
        "rule": "category:behaviour",
        "explanation": "viewing history (behaviour) is redacted for every destination",
    }


def new_destination(item_id: str, device_id: str, host: str = "ads.tracker.example") -> dict[str, Any]:
    """A host the device never contacted before."""
    return {
        "id": item_id,
        "type": "new_destination",
        "device_id": device_id,
        "destination": {"host": host, "vendor": None},
        "explanation": "first request to this host",
    }


def opaque(item_id: str, device_id: str) -> dict[str, Any]:
    """A blob the gateway could not look into."""
    return {
        "id": item_id,
        "type": "opaque_payload",
        "device_id": device_id,
        "destination": {"host": "api.acme.example"},
        "field_path": "$.blob",
        "explanation": "base64 data with high entropy",
    }


def dns_bypass(
    item_id: str,
    device_id: str,
    signal: str = "connected-encrypted-dns",
    host: str = "dns.google",
    **extra: Any,
) -> dict[str, Any]:
    """A sign that the device resolves names around the gateway ("uses its own DNS")."""
    return {
        "id": item_id,
        "type": "dns_bypass",
        "ts": 1_790_000_000_000,
        "device_id": device_id,
        "signal": signal,
        "host": host,
        "port": 443,
        "count": 2,
        "explanation": f"connected to {host}:443, a public encrypted-DNS service",
        **extra,
    }


async def report(hass: HomeAssistant, entry: MockConfigEntry, *items: dict[str, Any]) -> dict[str, Any]:
    """Apply items as the report command does, and let the state machine settle."""
    hub: PrivacyGatewayHub = entry.runtime_data
    result = hub.async_handle_report(list(items))
    await hass.async_block_till_done()
    return result
