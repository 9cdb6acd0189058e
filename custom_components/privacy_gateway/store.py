"""Policies, persisted with helpers.storage: Home Assistant is their source of truth.

The stored document holds what the owner decided (household and per-device destinations and field
rules, device modes, quarantine). Who a mediated device is (its HA device and client addresses) lives
in the config subentries; `compile_policy` joins both into the sidecar's policy schema
(src/policy/schema.ts: strict objects, `version: 1`).
"""

from __future__ import annotations

from collections.abc import Iterable
import hashlib
import json
from typing import Any, NotRequired, TypedDict

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .conditions import bounded_id, condition_key
from .const import DOMAIN

STORAGE_VERSION = 1
# Destinations a lock_down wrote (the sidecar's LEARNED_DESTINATION_PREFIX): the next one replaces them.
LEARNED_PREFIX = "learned:"
SAVE_DELAY = 1  # seconds: edits in a burst are written once


class MediatedDevice(TypedDict):
    """A HA device whose traffic the gateway mediates, from its config subentry."""

    id: str
    name: str
    addresses: list[str]
    macs: list[str]
    manufacturer: NotRequired[str | None]


def _empty_scope() -> dict[str, Any]:
    return {"destinations": [], "rules": []}


def _empty_device() -> dict[str, Any]:
    return {"mode": None, "quarantine": False, **_empty_scope()}


def rule_id(
    path: str | None, category: str | None, destinations: list[str] | None, when: dict[str, Any] | None = None
) -> str:
    """A stable id, so setting the same field's action again replaces the rule instead of adding one.

    A condition is part of the subject: "redact while away" and "allow" on the same field are two rules.
    """
    subject = f"field:{path}" if path else f"category:{category}"
    if destinations:
        subject += "@" + ",".join(sorted(destinations))
    subject += condition_key(when)
    if len(subject) <= 100:
        return subject
    return "rule:" + hashlib.sha256(subject.encode()).hexdigest()[:32]


def destination_id(host: str, when: dict[str, Any] | None = None) -> str:
    """One destination entry per host glob (and condition), so allow and block of it replace each other."""
    if not when:
        return f"host:{host}"[:100]
    return bounded_id(f"host:{host}{condition_key(when)}")


class PolicyStore:
    """The owner's policy decisions; every mutation bumps nothing but the saved document."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Store the arguments; `async_load` reads the file."""
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}.policy"
        )
        self._data: dict[str, Any] = {"household": _empty_scope(), "devices": {}}

    async def async_load(self) -> None:
        """Load the saved document (a missing file is an empty policy)."""
        if (stored := await self._store.async_load()) is not None:
            self._data = stored

    async def async_save(self) -> None:
        """Write now (on unload), so a reload reads every edit."""
        await self._store.async_save(self._data)

    async def async_remove(self) -> None:
        """Delete the file when the gateway entry is removed."""
        await self._store.async_remove()

    def as_dict(self) -> dict[str, Any]:
        """A copy of the stored document, for diagnostics and the card."""
        return json.loads(json.dumps(self._data))

    def _scope(self, device_id: str | None) -> dict[str, Any]:
        if device_id is None:
            return self._data["household"]
        return self._data["devices"].setdefault(device_id, _empty_device())

    def _save(self) -> None:
        self._store.async_delay_save(lambda: self._data, SAVE_DELAY)

    def device_policy(self, device_id: str) -> dict[str, Any]:
        """The decisions for one device (defaults when none were made)."""
        return self._data["devices"].get(device_id) or _empty_device()

    def set_field_action(
        self,
        device_id: str | None,
        *,
        path: str | None,
        category: str | None,
        action: str,
        destinations: list[str] | None,
        when: dict[str, Any] | None = None,
    ) -> str:
        """Add or replace the rule for a field path or category; returns the rule id."""
        rule: dict[str, Any] = {"id": rule_id(path, category, destinations, when), "action": action}
        if path:
            rule["path"] = path
        if category:
            rule["category"] = category
        if destinations:
            rule["destinations"] = sorted(destinations)
        if when:
            rule["when"] = when
        rules = self._scope(device_id)["rules"]
        rules[:] = [r for r in rules if r["id"] != rule["id"]] + [rule]
        self._save()
        return rule["id"]

    def set_destination_access(
        self,
        device_id: str | None,
        host: str,
        access: str,
        vendor: str | None,
        when: dict[str, Any] | None = None,
    ) -> None:
        """Allow or block one host glob (replacing an earlier decision about it)."""
        entry: dict[str, Any] = {
            "id": destination_id(host, when),
            # The sidecar's schema allows 100 characters of vendor; a host may have 253.
            "vendor": (vendor or host)[:100],
            "hosts": [host],
            "access": access,
        }
        if when:
            entry["when"] = when
        # An unconditioned decision also replaces a learn-then-lock entry for the host: otherwise an
        # Allow after lockdown would tie with the learned block, and block wins ties (docs/POLICY.md).
        replaced = {entry["id"]} | (set() if when else {f"{LEARNED_PREFIX}{host}"[:100]})
        destinations = self._scope(device_id)["destinations"]
        destinations[:] = [d for d in destinations if d.get("id") not in replaced] + [entry]
        self._save()

    def set_quarantine(self, device_id: str, quarantine: bool) -> None:
        """Cut a device off the internet (True) or let it out again."""
        self._scope(device_id)["quarantine"] = quarantine
        self._save()

    def set_mode(self, device_id: str, mode: str | None) -> None:
        """Give a device its own mode; None follows the household mode."""
        self._scope(device_id)["mode"] = mode
        self._save()

    def lock_down(self, device_id: str, destinations: list[dict[str, Any]]) -> None:
        """Exactly `destinations` ({host, access, vendor?}) become the device's learned destinations and
        the device goes to lockdown. Earlier learned ones go; so do the owner's own entries for exactly
        these hosts, because the owner just reviewed them. Other entries of the owner stay."""
        hosts = {d["host"] for d in destinations}
        learned = [
            {
                "id": f"{LEARNED_PREFIX}{d['host']}"[:100],
                "vendor": (d.get("vendor") or d["host"])[:100],
                "hosts": [d["host"]],
                "access": d["access"],
            }
            for d in destinations
        ]

        def replaced(entry: dict[str, Any]) -> bool:
            one_host = entry.get("hosts", [])
            return str(entry.get("id", "")).startswith(LEARNED_PREFIX) or (
                len(one_host) == 1 and one_host[0] in hosts
            )

        scope = self._scope(device_id)
        scope["destinations"][:] = [d for d in scope["destinations"] if not replaced(d)] + learned
        scope["mode"] = "lockdown"
        self._save()

    def set_conditional_mode(self, device_id: str, mode: str | None, when: dict[str, Any]) -> None:
        """Add or replace the device's mode while `when` holds; None removes it."""
        scope = self._scope(device_id)
        key = condition_key(when)
        entries = [e for e in scope.get("mode_when", []) if condition_key(e["when"]) != key]
        if mode is not None:
            entries.append({"mode": mode, "when": when})
        scope["mode_when"] = entries
        self._save()

    def forget_device(self, device_id: str) -> None:
        """Drop a device's decisions when it stops being mediated."""
        if self._data["devices"].pop(device_id, None) is not None:
            self._save()


def compile_policy(
    store: PolicyStore, mode: str, devices: Iterable[MediatedDevice]
) -> dict[str, Any]:
    """The policy document the sidecar enforces (valid against src/policy/schema.ts)."""
    stored = store.as_dict()
    compiled_devices: list[dict[str, Any]] = []
    for device in sorted(devices, key=lambda d: d["id"]):
        decisions = store.device_policy(device["id"])
        compiled: dict[str, Any] = {
            "id": device["id"],
            "name": device["name"][:100],
            "addresses": list(device["addresses"]),
            "quarantine": bool(decisions["quarantine"]),
            "destinations": decisions["destinations"],
            "rules": decisions["rules"],
        }
        if device["macs"]:
            compiled["macs"] = list(device["macs"])
        if manufacturer := device.get("manufacturer"):
            # Names the device's first-party destinations in the sidecar (src/destinations).
            compiled["manufacturer"] = manufacturer[:100]
        if decisions["mode"]:
            compiled["mode"] = decisions["mode"]
        if decisions.get("mode_when"):
            compiled["modeWhen"] = decisions["mode_when"]
        compiled_devices.append(compiled)
    return {
        "version": 1,
        "mode": mode,
        "destinations": stored["household"]["destinations"],
        "rules": stored["household"]["rules"],
        "devices": compiled_devices,
    }


def policy_etag(policy: dict[str, Any]) -> str:
    """A content hash: the sidecar compares it to know whether its cached policy is current."""
    canonical = json.dumps(policy, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
