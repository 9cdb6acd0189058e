"""Per-device figures built from the sidecar's reports, and the trust score.

Trust score (0–100), recomputed from today's counts (local day):

    score = 100 − 10 × violations − 5 × new destinations − 10 × opaque payloads, floored at 0

A violation is a field the policy redacted, hashed, dropped or blocked (or would have, in monitor
mode); a new destination is a host the device had never contacted; an opaque payload is a blob the
gateway could not inspect (encrypted or encoded data that may hide anything).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import DOMAIN, MAX_DESTINATIONS_PER_DEVICE, MAX_OWN_DNS_SIGNALS, MAX_SEEN_IDS
from .history import DeviceHistory

STORAGE_VERSION = 1
SAVE_DELAY = 10


def trust_score(violations: int, new_destinations: int, opaque_payloads: int) -> int:
    """The documented formula above."""
    return max(0, 100 - 10 * violations - 5 * new_destinations - 10 * opaque_payloads)


@dataclass(slots=True)
class DeviceStats:
    """What the gateway has seen one mediated device do."""

    day: str = ""
    violations_today: int = 0
    new_destinations_today: int = 0
    opaque_payloads_today: int = 0
    bytes_uploaded: int = 0
    requests: int = 0
    blocked: int = 0
    destinations: list[str] = field(default_factory=list)
    last_violation: str | None = None
    last_seen: str | None = None
    # "Uses its own DNS" evidence by signal and host: {signal, host, port, count, last_seen (ISO)}.
    own_dns: dict[str, dict[str, Any]] = field(default_factory=dict)
    last_own_dns: str | None = None

    def roll_over(self, today: date) -> bool:
        """Reset the day's counts when the local day changed; True if it did."""
        if self.day == today.isoformat():
            return False
        self.day = today.isoformat()
        self.violations_today = self.new_destinations_today = self.opaque_payloads_today = 0
        return True

    def add_destination(self, host: str) -> bool:
        """Remember a contacted host; True if it is new for this device."""
        if host in self.destinations:
            return False
        if len(self.destinations) < MAX_DESTINATIONS_PER_DEVICE:
            self.destinations.append(host)
        return True

    def add_own_dns(self, item: dict[str, Any], seen_at: str) -> None:
        """Count a `dns_bypass` item; past the bound the signal seen longest ago is forgotten."""
        key = f"{item['signal']} {item['host']}"
        if key not in self.own_dns and len(self.own_dns) >= MAX_OWN_DNS_SIGNALS:
            del self.own_dns[min(self.own_dns, key=lambda k: self.own_dns[k]["last_seen"])]
        known = self.own_dns.get(key, {"count": 0})
        self.own_dns[key] = {
            "signal": item["signal"],
            "host": item["host"],
            "port": item.get("port"),
            "count": known["count"] + item["count"],
            "last_seen": max(seen_at, known.get("last_seen", seen_at)),
        }
        self.last_own_dns = max(seen_at, self.last_own_dns or seen_at)

    @property
    def last_own_dns_at(self) -> datetime | None:
        """When the device last showed a sign of resolving names around the gateway."""
        return dt_util.parse_datetime(self.last_own_dns) if self.last_own_dns else None

    @property
    def trust_score(self) -> int:
        """Today's trust score."""
        return trust_score(
            self.violations_today, self.new_destinations_today, self.opaque_payloads_today
        )

    @property
    def last_violation_at(self) -> datetime | None:
        """When the last violation was reported."""
        return dt_util.parse_datetime(self.last_violation) if self.last_violation else None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, trust score included."""
        return {**asdict(self), "trust_score": self.trust_score}


class StatsStore:
    """Device figures, their recent history and the ids of items already applied, kept across restarts.

    One file, so the ids of applied items and what they added are always written together: an item
    acknowledged as a duplicate after a restart was never lost from the history.
    """

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Store the arguments; `async_load` reads the file."""
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}.stats"
        )
        self.devices: dict[str, DeviceStats] = {}
        self.histories: dict[str, DeviceHistory] = {}
        self._seen: OrderedDict[str, None] = OrderedDict()

    async def async_load(self) -> None:
        """Load the saved figures."""
        stored = await self._store.async_load() or {}
        self.devices = {
            device_id: DeviceStats(**values)
            for device_id, values in stored.get("devices", {}).items()
        }
        self.histories = {
            device_id: DeviceHistory.from_dict(values)
            for device_id, values in stored.get("histories", {}).items()
        }
        self._seen = OrderedDict.fromkeys(stored.get("seen", []))

    async def async_save(self) -> None:
        """Write now (on unload)."""
        await self._store.async_save(self._data())

    async def async_remove(self) -> None:
        """Delete the file when the gateway entry is removed."""
        await self._store.async_remove()

    def schedule_save(self) -> None:
        """Write soon; reports arrive in bursts."""
        self._store.async_delay_save(self._data, SAVE_DELAY)

    def _data(self) -> dict[str, Any]:
        return {
            "devices": {k: asdict(v) for k, v in self.devices.items()},
            "histories": {k: v.as_dict() for k, v in self.histories.items()},
            "seen": list(self._seen),
        }

    def device(self, device_id: str) -> DeviceStats:
        """The figures of one device, rolled over to today."""
        stats = self.devices.setdefault(device_id, DeviceStats())
        stats.roll_over(dt_util.now().date())
        return stats

    def history(self, device_id: str) -> DeviceHistory:
        """The recent history of one device."""
        return self.histories.setdefault(device_id, DeviceHistory())

    def forget(self, device_id: str) -> None:
        """Drop the history of a device that is no longer mediated (its figures stay, as before)."""
        if self.histories.pop(device_id, None) is not None:
            self.schedule_save()

    def prune(self, now_ms: int) -> None:
        """Drop events past their retention (daily), and write if any went."""
        if any([history.prune(now_ms) for history in self.histories.values()]):
            self.schedule_save()

    def seen(self, item_id: str) -> bool:
        """Whether an item with this id was applied already."""
        return item_id in self._seen

    def mark_seen(self, item_id: str) -> None:
        """Remember an applied item; the oldest ids are forgotten past the bound."""
        self._seen[item_id] = None
        while len(self._seen) > MAX_SEEN_IDS:
            self._seen.popitem(last=False)
