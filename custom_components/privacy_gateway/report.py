"""The items a sidecar reports, validated one by one so one bad item never sinks a batch.

Items carry categories, field paths, hosts and explanations, never raw values: unknown keys
(a `value`, say) make the item invalid rather than being stored or fired on the bus.
"""

from __future__ import annotations

from dataclasses import dataclass
import ipaddress
import re
from typing import Any

import probatio

from .const import CATEGORIES, DNS_BYPASS_SIGNALS, FIELD_ACTIONS

MAX_FIELDS_PER_TRAFFIC = 100
ITEM_TYPES = (
    "traffic",
    "violation",
    "new_destination",
    "opaque_payload",
    "unassigned_client",
    "lockdown_proposal",
    "dns_bypass",
    "dns_names",
)
MAX_NAMES_PER_ITEM = 100
MAX_TOPICS_PER_TRAFFIC = 100
DNS_ANSWERS = ("steered", "truthful", "sinkholed", "failed")
MAX_PROPOSED_DESTINATIONS = 200
MAC_RE = re.compile(r"^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$", re.IGNORECASE)


def _text(max_len: int) -> probatio.All:
    return probatio.All(str, probatio.Length(min=1, max=max_len))


def normalize_mac(value: Any) -> str:
    """`AA-BB-…` or `aa:bb:…` to `aa:bb:cc:dd:ee:ff`; raises probatio.Invalid otherwise."""
    if not isinstance(value, str) or not MAC_RE.match(value):
        raise probatio.Invalid("not a MAC address")
    return value.lower().replace("-", ":")


def client_address(value: Any) -> str:
    """An IP address or CIDR prefix, in its canonical text form."""
    try:
        return str(ipaddress.ip_network(str(value).strip(), strict=False)).removesuffix(
            "/32"
        ).removesuffix("/128")
    except ValueError as err:
        raise probatio.Invalid("not an IP address or CIDR prefix") from err


_COUNT = probatio.All(int, probatio.Range(min=0))
PARTIES = ("first", "support", "third", "unknown")
_COUNTRY = probatio.All(str, probatio.Match(r"^[A-Z]{2}$"))
# Vendor (the owner's name or the sidecar's catalogue), party and countries: src/destinations.
_DESTINATION = probatio.Schema(
    {
        probatio.Required("host"): _text(253),
        probatio.Optional("vendor"): probatio.Any(None, _text(100)),
        probatio.Optional("party"): probatio.In(PARTIES),
        probatio.Optional("countries"): probatio.All([_COUNTRY], probatio.Length(max=10)),
    }
)
_BASE = {
    probatio.Required("id"): _text(128),
    probatio.Required("type"): probatio.In(ITEM_TYPES),
    probatio.Optional("ts"): _COUNT,  # epoch milliseconds when the sidecar saw it
}
# A field seen in the window's requests: its path, categories and the action it got, how often.
_FIELD_OBSERVATION = probatio.Schema(
    {
        probatio.Required("path"): _text(500),
        probatio.Required("categories"): probatio.All(
            [probatio.In(CATEGORIES)], probatio.Length(max=len(CATEGORIES))
        ),
        probatio.Required("action"): probatio.In(FIELD_ACTIONS),
        probatio.Required("count"): probatio.All(int, probatio.Range(min=1)),
        probatio.Optional("opaque", default=False): bool,
        # Which detectors decided the categories, in words (never a value): shown on the card.
        probatio.Optional("why"): _text(300),
    }
)
_DEVICE = {probatio.Required("device_id"): _text(64), probatio.Required("destination"): _DESTINATION}
# One destination of a learn-then-lock proposal (src/lockdown/propose.ts): what the device used while
# learning and what the sidecar proposes for it; hosts, counts and categories, never a value.
_PROPOSED_DESTINATION = probatio.Schema(
    {
        probatio.Required("host"): _text(253),
        probatio.Optional("vendor"): probatio.Any(None, _text(100)),
        probatio.Required("party"): probatio.In(PARTIES),
        probatio.Optional("countries", default=list): probatio.All([_COUNTRY], probatio.Length(max=10)),
        probatio.Required("requests"): _COUNT,
        probatio.Required("categories"): probatio.All(
            [probatio.In(CATEGORIES)], probatio.Length(max=len(CATEGORIES))
        ),
        probatio.Required("access"): probatio.In(("allow", "block")),
        probatio.Required("review"): bool,
        probatio.Required("reason"): _text(500),
    }
)
# An MQTT topic of a traffic item's broker: templated (a level naming a device or person is a placeholder).
_TOPIC = probatio.Schema(
    {
        probatio.Required("topic"): _text(500),
        probatio.Required("direction"): probatio.In(("published", "received")),
        probatio.Required("messages"): probatio.All(int, probatio.Range(min=1)),
        probatio.Optional("blocked", default=0): _COUNT,
    }
)
# A name the device looked up through the gateway's DNS, and how it was answered.
_DNS_NAME = probatio.Schema(
    {
        probatio.Required("name"): _text(253),
        probatio.Required("queries"): probatio.All(int, probatio.Range(min=1)),
        **{probatio.Optional(answer, default=0): _COUNT for answer in DNS_ANSWERS},
        probatio.Required("last_answer"): probatio.In(DNS_ANSWERS),
    }
)

ITEM_SCHEMAS: dict[str, probatio.Schema] = {
    "traffic": probatio.Schema(
        {
            **_BASE,
            **_DEVICE,
            probatio.Required("requests"): _COUNT,
            probatio.Required("bytes_up"): _COUNT,
            probatio.Optional("blocked", default=0): _COUNT,
            # False when a client refused the gateway's certificate for this host in the window.
            probatio.Optional("inspectable"): bool,
            probatio.Optional("fields", default=list): probatio.All(
                [_FIELD_OBSERVATION], probatio.Length(max=MAX_FIELDS_PER_TRAFFIC)
            ),
            probatio.Optional("topics", default=list): probatio.All(
                [_TOPIC], probatio.Length(max=MAX_TOPICS_PER_TRAFFIC)
            ),
        }
    ),
    "dns_names": probatio.Schema(
        {
            **_BASE,
            probatio.Required("device_id"): _text(64),
            probatio.Required("names"): probatio.All(
                [_DNS_NAME], probatio.Length(min=1, max=MAX_NAMES_PER_ITEM)
            ),
        }
    ),
    "violation": probatio.Schema(
        {
            **_BASE,
            **_DEVICE,
            probatio.Optional("field_path"): probatio.Any(None, _text(500)),
            probatio.Optional("category"): probatio.Any(None, probatio.In(CATEGORIES)),
            probatio.Required("action"): probatio.In(FIELD_ACTIONS),
            probatio.Optional("rule"): probatio.Any(None, _text(100)),
            probatio.Required("explanation"): _text(500),
        }
    ),
    "new_destination": probatio.Schema(
        {**_BASE, **_DEVICE, probatio.Optional("explanation"): probatio.Any(None, _text(500))}
    ),
    "opaque_payload": probatio.Schema(
        {
            **_BASE,
            **_DEVICE,
            probatio.Optional("field_path"): probatio.Any(None, _text(500)),
            probatio.Required("explanation"): _text(500),
        }
    ),
    "lockdown_proposal": probatio.Schema(
        {
            **_BASE,
            probatio.Required("device_id"): _text(64),
            probatio.Required("observed_days"): _COUNT,
            probatio.Required("learning_complete"): bool,
            probatio.Required("destinations"): probatio.All(
                [_PROPOSED_DESTINATION], probatio.Length(max=MAX_PROPOSED_DESTINATIONS)
            ),
        }
    ),
    # "Uses its own DNS": the signal, the DNS service's name or the address connected to, never a value.
    "dns_bypass": probatio.Schema(
        {
            **_BASE,
            probatio.Required("device_id"): _text(64),
            probatio.Required("signal"): probatio.In(DNS_BYPASS_SIGNALS),
            probatio.Required("host"): _text(253),
            probatio.Optional("port"): probatio.All(int, probatio.Range(min=1, max=65535)),
            probatio.Required("count"): probatio.All(int, probatio.Range(min=1)),
            probatio.Required("explanation"): _text(500),
        }
    ),
    "unassigned_client": probatio.All(
        probatio.Schema(
            {
                **_BASE,
                probatio.Optional("address"): client_address,
                probatio.Optional("mac"): normalize_mac,
                probatio.Optional("hostname"): probatio.Any(None, _text(253)),
            }
        ),
        probatio.Any(
            probatio.Schema({probatio.Required("address"): object}, extra=probatio.ALLOW_EXTRA),
            probatio.Schema({probatio.Required("mac"): object}, extra=probatio.ALLOW_EXTRA),
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
    except probatio.Invalid as err:
        return RejectedItem(item_id, "invalid_item", str(err))
