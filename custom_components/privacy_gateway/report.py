"""The items a sidecar reports, validated one by one so one bad item never sinks a batch.

Items carry categories, field paths, hosts and explanations, never raw values: unknown keys
(a `value`, say) make the item invalid rather than being stored or fired on the bus.
"""

from __future__ import annotations

from dataclasses import dataclass
import ipaddress
import re
from typing import Any

import voluptuous as vol

from .const import CATEGORIES, FIELD_ACTIONS

ITEM_TYPES = ("traffic", "violation", "new_destination", "opaque_payload", "unassigned_client")
MAC_RE = re.compile(r"^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$", re.IGNORECASE)


def _text(max_len: int) -> vol.All:
    return vol.All(str, vol.Length(min=1, max=max_len))


def normalize_mac(value: Any) -> str:
    """`AA-BB-…` or `aa:bb:…` to `aa:bb:cc:dd:ee:ff`; raises vol.Invalid otherwise."""
    if not isinstance(value, str) or not MAC_RE.match(value):
        raise vol.Invalid("not a MAC address")
    return value.lower().replace("-", ":")


def client_address(value: Any) -> str:
    """An IP address or CIDR prefix, in its canonical text form."""
    try:
        return str(ipaddress.ip_network(str(value).strip(), strict=False)).removesuffix(
            "/32"
        ).removesuffix("/128")
    except ValueError as err:
        raise vol.Invalid("not an IP address or CIDR prefix") from err


_COUNT = vol.All(int, vol.Range(min=0))
_DESTINATION = vol.Schema(
    {vol.Required("host"): _text(253), vol.Optional("vendor"): vol.Any(None, _text(100))}
)
_BASE = {
    vol.Required("id"): _text(128),
    vol.Required("type"): vol.In(ITEM_TYPES),
    vol.Optional("ts"): _COUNT,  # epoch milliseconds when the sidecar saw it
}
_DEVICE = {vol.Required("device_id"): _text(64), vol.Required("destination"): _DESTINATION}

ITEM_SCHEMAS: dict[str, vol.Schema] = {
    "traffic": vol.Schema(
        {
            **_BASE,
            **_DEVICE,
            vol.Required("requests"): _COUNT,
            vol.Required("bytes_up"): _COUNT,
            vol.Optional("blocked", default=0): _COUNT,
        }
    ),
    "violation": vol.Schema(
        {
            **_BASE,
            **_DEVICE,
            vol.Optional("field_path"): vol.Any(None, _text(500)),
            vol.Optional("category"): vol.Any(None, vol.In(CATEGORIES)),
            vol.Required("action"): vol.In(FIELD_ACTIONS),
            vol.Optional("rule"): vol.Any(None, _text(100)),
            vol.Required("explanation"): _text(500),
        }
    ),
    "new_destination": vol.Schema(
        {**_BASE, **_DEVICE, vol.Optional("explanation"): vol.Any(None, _text(500))}
    ),
    "opaque_payload": vol.Schema(
        {
            **_BASE,
            **_DEVICE,
            vol.Optional("field_path"): vol.Any(None, _text(500)),
            vol.Required("explanation"): _text(500),
        }
    ),
    "unassigned_client": vol.All(
        vol.Schema(
            {
                **_BASE,
                vol.Optional("address"): client_address,
                vol.Optional("mac"): normalize_mac,
                vol.Optional("hostname"): vol.Any(None, _text(253)),
            }
        ),
        vol.Any(
            vol.Schema({vol.Required("address"): object}, extra=vol.ALLOW_EXTRA),
            vol.Schema({vol.Required("mac"): object}, extra=vol.ALLOW_EXTRA),
            msg="needs an address or a mac",
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class RejectedItem:
    """An item that can never be accepted; the sidecar drops it from its outbox."""

    id: str
    code: str
    message: str


def validate_item(raw: Any) -> dict[str, Any] | RejectedItem:
    """The item in normal form, or why it is rejected."""
    item_id = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(item_id, str) or not item_id:
        return RejectedItem("", "invalid_item", "an item needs a string id")
    item_type = raw.get("type")
    schema = ITEM_SCHEMAS.get(item_type) if isinstance(item_type, str) else None
    if schema is None:
        return RejectedItem(item_id, "unknown_type", f"unknown item type {item_type!r}")
    try:
        return schema(raw)
    except vol.Invalid as err:
        return RejectedItem(item_id, "invalid_item", str(err))
