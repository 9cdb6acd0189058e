"""Policy edits: one schema and one code path for services, websocket commands and entities."""

from __future__ import annotations

from collections.abc import Callable
import ipaddress
import re
from typing import TYPE_CHECKING, Any

import probatio

from homeassistant.helpers import config_validation as cv

from .conditions import CONDITION_SCHEMA
from .const import CATEGORIES, FIELD_ACTIONS, MODES

if TYPE_CHECKING:
    from .hub import PrivacyGatewayHub

_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOSTNAME = re.compile(rf"^{_LABEL}(\.{_LABEL})*$")


def host_glob(value: Any) -> str:
    """`api.example.com`, `*.example.com`, an IP address or `*` (the sidecar's host globs)."""
    glob = cv.string(value).strip().lower().removesuffix(".")
    if glob == "*":
        return glob
    name = glob.removeprefix("*.")
    if _HOSTNAME.match(name) and len(name) <= 253:
        return glob
    if name == glob:
        try:
            ipaddress.ip_address(glob.strip("[]"))
        except ValueError:
            pass
        else:
            return glob
    raise probatio.Invalid("not a host pattern (use api.example.com, *.example.com or *)")


def path_pattern(value: Any) -> str:
    """A field path such as `$.coords.lat` or `$query.imei`; the sidecar checks the full grammar."""
    path = cv.string(value).strip()
    if not path.startswith("$") or len(path) > 500 or any(c.isspace() for c in path):
        raise probatio.Invalid("not a field path (like $.coords.lat or $query.imei)")
    return path


_DEVICE = probatio.All(cv.string, probatio.Length(min=1, max=64))


def _one_or_many(value: Any) -> list[Any]:
    """One host or a list of hosts; None is refused by host_glob, not read as "no hosts"."""
    return value if isinstance(value, list) else [value]


def _field_or_category(data: dict[str, Any]) -> dict[str, Any]:
    """A field action names its subject: a field path or a data category (exactly one, see Exclusive)."""
    if "field_path" not in data and "category" not in data:
        raise probatio.Invalid("give field_path or category")
    return data

SET_FIELD_ACTION_SCHEMA = probatio.All(
    probatio.Schema(
        {
            probatio.Optional("device_id"): _DEVICE,
            probatio.Exclusive("field_path", "subject"): path_pattern,
            probatio.Exclusive("category", "subject"): probatio.In(CATEGORIES),
            probatio.Required("action"): probatio.In(FIELD_ACTIONS),
            probatio.Optional("destinations"): probatio.All(_one_or_many, [host_glob]),
            probatio.Optional("when"): CONDITION_SCHEMA,
        }
    ),
    _field_or_category,
)
DESTINATION_SCHEMA = probatio.Schema(
    {
        probatio.Optional("device_id"): _DEVICE,
        probatio.Required("host"): host_glob,
        probatio.Optional("vendor"): probatio.All(cv.string, probatio.Length(min=1, max=100)),
        probatio.Optional("when"): CONDITION_SCHEMA,
    }
)


def exact_host(value: Any) -> str:
    """A host name or IP address, never a glob: a lockdown list names what the device was seen using."""
    host = host_glob(value)
    if "*" in host:
        raise probatio.Invalid("not an exact host (a lockdown list names hosts, not patterns)")
    return host


def _hosts_once(destinations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    for index, destination in enumerate(destinations):
        if destination["host"] in seen:
            raise probatio.Invalid(f"{destination['host']} is listed twice", path=[index, "host"])
        seen.add(destination["host"])
    return destinations


MAX_LOCKDOWN_DESTINATIONS = 500
LOCK_DOWN_SCHEMA = probatio.Schema(
    {
        probatio.Required("device_id"): _DEVICE,
        # Exactly the reviewed list: an empty one is allowed and refuses every destination.
        probatio.Required("destinations"): probatio.All(
            list,
            probatio.Length(max=MAX_LOCKDOWN_DESTINATIONS),
            [
                probatio.Schema(
                    {
                        probatio.Required("host"): exact_host,
                        probatio.Required("access"): probatio.In(("allow", "block")),
                        probatio.Optional("vendor"): probatio.All(
                            cv.string, probatio.Length(min=1, max=100)
                        ),
                    }
                )
            ],
            _hosts_once,
        ),
    }
)
QUARANTINE_SCHEMA = probatio.Schema(
    {probatio.Required("device_id"): _DEVICE, probatio.Optional("quarantine", default=True): cv.boolean}
)
SET_MODE_SCHEMA = probatio.Schema(
    {probatio.Required("device_id"): _DEVICE, probatio.Required("mode"): probatio.Any(None, probatio.In(MODES))}
)


def _set_field_action(hub: PrivacyGatewayHub, data: dict[str, Any]) -> dict[str, Any]:
    rule = hub.set_field_action(
        data.get("device_id"),
        path=data.get("field_path"),
        category=data.get("category"),
        action=data["action"],
        destinations=data.get("destinations"),
        when=data.get("when"),
    )
    return {"rule_id": rule}


def _destination(access: str) -> Callable[[PrivacyGatewayHub, dict[str, Any]], dict[str, Any]]:
    def apply(hub: PrivacyGatewayHub, data: dict[str, Any]) -> dict[str, Any]:
        hub.set_destination_access(data.get("device_id"), data["host"], access, data.get("vendor"), data.get("when"))
        return {}

    return apply


def _quarantine(hub: PrivacyGatewayHub, data: dict[str, Any]) -> dict[str, Any]:
    hub.set_quarantine(data["device_id"], data["quarantine"])
    return {}


def _set_mode(hub: PrivacyGatewayHub, data: dict[str, Any]) -> dict[str, Any]:
    hub.set_mode(data["device_id"], data["mode"])
    return {}


def _lock_down(hub: PrivacyGatewayHub, data: dict[str, Any]) -> dict[str, Any]:
    hub.lock_down(data["device_id"], data["destinations"])
    return {"allowed": sum(d["access"] == "allow" for d in data["destinations"])}


type Edit = tuple[probatio.Schema | probatio.All, Callable[[PrivacyGatewayHub, dict[str, Any]], dict[str, Any]]]

EDITS: dict[str, Edit] = {
    "set_field_action": (SET_FIELD_ACTION_SCHEMA, _set_field_action),
    "allow_destination": (DESTINATION_SCHEMA, _destination("allow")),
    "block_destination": (DESTINATION_SCHEMA, _destination("block")),
    "quarantine": (QUARANTINE_SCHEMA, _quarantine),
    "set_mode": (SET_MODE_SCHEMA, _set_mode),
    "lock_down": (LOCK_DOWN_SCHEMA, _lock_down),
}


# Rules that follow the home: a device's mode while a condition holds (kept apart from the edits above).
SET_CONDITIONAL_MODE_SCHEMA = probatio.Schema(
    {
        probatio.Required("device_id"): _DEVICE,
        probatio.Required("mode"): probatio.Any(None, probatio.In(MODES)),
        probatio.Required("when"): CONDITION_SCHEMA,
    }
)


def _set_conditional_mode(hub: PrivacyGatewayHub, data: dict[str, Any]) -> dict[str, Any]:
    hub.set_conditional_mode(data["device_id"], data["mode"], data["when"])
    return {}


EDITS["set_conditional_mode"] = (SET_CONDITIONAL_MODE_SCHEMA, _set_conditional_mode)
