"""Client addresses of a HA device: parsing what the owner typed, suggesting what HA knows."""

from __future__ import annotations

from collections.abc import Iterable

import probatio

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from .report import client_address, normalize_mac

# The attributes a device_tracker (ScannerEntity) exposes about its client.
_TRACKER_IP = "ip"
_TRACKER_MAC = "mac"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def parse_clients(addresses: Iterable[str], macs: Iterable[str]) -> tuple[list[str], list[str], dict[str, str]]:
    """Normalised addresses and MACs, and form errors keyed by field."""
    errors: dict[str, str] = {}
    parsed_addresses: list[str] = []
    parsed_macs: list[str] = []
    for text in (a for a in addresses if a.strip()):
        try:
            parsed_addresses.append(client_address(text))
        except probatio.Invalid:
            errors["addresses"] = "invalid_address"
    for text in (m for m in macs if m.strip()):
        try:
            parsed_macs.append(normalize_mac(text.strip()))
        except probatio.Invalid:
            errors["macs"] = "invalid_mac"
    if not errors and not parsed_addresses and not parsed_macs:
        errors["base"] = "no_client"
    return _unique(parsed_addresses), _unique(parsed_macs), errors


def suggest_clients(hass: HomeAssistant, device_id: str) -> tuple[list[str], list[str]]:
    """Addresses and MACs HA already knows for a device: registry connections, device trackers."""
    addresses: list[str] = []
    macs: list[str] = []
    if (device := dr.async_get(hass).async_get(device_id)) is not None:
        macs.extend(value for kind, value in device.connections if kind == dr.CONNECTION_NETWORK_MAC)
    for entity in er.async_entries_for_device(er.async_get(hass), device_id):
        if entity.domain != "device_tracker" or (state := hass.states.get(entity.entity_id)) is None:
            continue
        if ip := state.attributes.get(_TRACKER_IP):
            addresses.append(str(ip))
        if mac := state.attributes.get(_TRACKER_MAC):
            macs.append(str(mac))
    valid_addresses, valid_macs, _ = parse_clients(addresses, macs)
    return valid_addresses, valid_macs
