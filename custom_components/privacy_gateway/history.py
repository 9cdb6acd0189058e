"""What one mediated device did lately, for the card and the privacy report.

Built from the sidecar's report items, so it holds hosts, field paths, categories, actions and
explanations, never a value. Everything is bounded: the events of the last 7 days (at most
MAX_EVENTS_PER_DEVICE, oldest dropped first), and the destinations and fields the device used (at most
MAX_DESTINATIONS_PER_DEVICE / MAX_FIELDS_PER_DEVICE, the longest unseen forgotten first). Times are
kept as epoch milliseconds and reported as ISO 8601 strings, like the figures in stats.py.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from .const import MAX_DESTINATIONS_PER_DEVICE

EVENT_RETENTION_MS = int(timedelta(days=7).total_seconds() * 1000)
MAX_EVENTS_PER_DEVICE = 2_000
MAX_FIELDS_PER_DEVICE = 500
MAX_DNS_NAMES_PER_DEVICE = 500
MAX_TOPICS_PER_DEVICE = 500


def iso(ms: int) -> str:
    """Epoch milliseconds as an ISO 8601 UTC string."""
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()


def _timed(name: str, key: str, record: dict[str, Any]) -> dict[str, Any]:
    return {
        name: key,
        **record,
        "first_seen": iso(record["first_seen"]),
        "last_seen": iso(record["last_seen"]),
    }


def _evict_stalest(records: dict[str, dict[str, Any]], bound: int) -> None:
    """Make room for one more record by forgetting those seen longest ago."""
    while len(records) >= bound:
        del records[min(records, key=lambda k: records[k]["last_seen"])]


def _counted(
    records: dict[str, dict[str, Any]], key: str, bound: int, ts: int, counts: tuple[str, ...]
) -> dict[str, Any]:
    """The record under `key` (made with zero counts, the stalest evicted past `bound`), seen at `ts`."""
    if (record := records.get(key)) is None:
        _evict_stalest(records, bound)
        record = records[key] = {**dict.fromkeys(counts, 0), "first_seen": ts, "last_seen": ts}
    record["first_seen"] = min(record["first_seen"], ts)
    record["last_seen"] = max(record["last_seen"], ts)
    return record


@dataclass(slots=True)
class DeviceHistory:
    """Recent events, contacted destinations and observed fields of one device."""

    # {"ts": ms, "event_type": …, "data": bus event data without device_id}, ascending by ts.
    events: list[dict[str, Any]] = field(default_factory=list)
    destinations: dict[str, dict[str, Any]] = field(default_factory=dict)
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The sidecar's latest learn-then-lock proposal (a `lockdown_proposal` item without id and type).
    proposal: dict[str, Any] | None = None
    # Names looked up through the gateway's DNS, and MQTT topics ("direction host topic" keys).
    dns_names: dict[str, dict[str, Any]] = field(default_factory=dict)
    mqtt_topics: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, stored: dict[str, Any]) -> DeviceHistory:
        """Read what `as_dict` wrote."""
        return cls(
            events=sorted(stored.get("events", []), key=lambda e: e["ts"]),
            destinations=dict(stored.get("destinations", {})),
            fields=dict(stored.get("fields", {})),
            proposal=stored.get("proposal"),
            dns_names=dict(stored.get("dns_names", {})),
            mqtt_topics=dict(stored.get("mqtt_topics", {})),
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for the store."""
        return {
            "events": self.events,
            "destinations": self.destinations,
            "fields": self.fields,
            "dns_names": self.dns_names,
            "mqtt_topics": self.mqtt_topics,
            "proposal": self.proposal,
        }

    def set_proposal(self, item: dict[str, Any], ts: int) -> None:
        """Keep the sidecar's proposal unless a newer one is already kept (an outbox replay is late)."""
        if self.proposal is not None and self.proposal["ts"] > ts:
            return
        self.proposal = {
            "ts": ts,
            "observed_days": item["observed_days"],
            "learning_complete": item["learning_complete"],
            "destinations": item["destinations"],
        }

    def add_event(self, ts: int, event_type: str, data: dict[str, Any], now: int) -> None:
        """Keep an event unless it is older than the retention; past the cap the oldest goes."""
        if ts < now - EVENT_RETENTION_MS:
            return
        event = {
            "ts": ts,
            "event_type": event_type,
            "data": {k: v for k, v in data.items() if k != "device_id"},
        }
        # Items arrive in order, but an outbox replay may interleave: keep the list sorted by time.
        bisect.insort_right(self.events, event, key=lambda e: e["ts"])
        if len(self.events) > MAX_EVENTS_PER_DEVICE:
            del self.events[: len(self.events) - MAX_EVENTS_PER_DEVICE]

    def prune(self, now: int) -> bool:
        """Drop events past the retention; True if any went."""
        cut = bisect.bisect_left(self.events, now - EVENT_RETENTION_MS, key=lambda e: e["ts"])
        del self.events[:cut]
        return cut > 0

    def see_destination(self, destination: dict[str, Any], ts: int) -> dict[str, Any]:
        """The record of a contacted host (a report item's `destination`), its first and last seen
        times moved to include `ts`; the sidecar's latest naming (vendor, party, countries) wins."""
        host = destination["host"]
        if (record := self.destinations.get(host)) is None:
            _evict_stalest(self.destinations, MAX_DESTINATIONS_PER_DEVICE)
            record = self.destinations[host] = {
                "vendor": None,
                "inspectable": None,
                "requests": 0,
                "blocked": 0,
                "bytes_up": 0,
                "first_seen": ts,
                "last_seen": ts,
            }
        record["vendor"] = destination.get("vendor") or record["vendor"]
        if "party" in destination:
            record["party"] = destination["party"]
        if destination.get("countries"):
            record["countries"] = list(destination["countries"])
        record["first_seen"] = min(record["first_seen"], ts)
        record["last_seen"] = max(record["last_seen"], ts)
        return record

    def add_traffic(self, item: dict[str, Any], ts: int) -> None:
        """Add a traffic item's counts, inspectability and field observations."""
        host = item["destination"]["host"]
        record = self.see_destination(item["destination"], ts)
        record["requests"] += item["requests"]
        record["blocked"] += item["blocked"]
        record["bytes_up"] += item["bytes_up"]
        if "inspectable" in item:
            # Once a client refused the gateway's certificate for a host, its traffic there may be unread.
            record["inspectable"] = item["inspectable"] and record["inspectable"] is not False
        for observed in item.get("fields", []):
            self._observe_field(observed, host, ts)
        for topic in item.get("topics", []):
            key = f"{topic['direction']} {host} {topic['topic']}"
            record = _counted(self.mqtt_topics, key, MAX_TOPICS_PER_DEVICE, ts, ("messages", "blocked"))
            record.update(host=host, topic=topic["topic"], direction=topic["direction"])
            record["messages"] += topic["messages"]
            record["blocked"] += topic["blocked"]

    def add_dns_names(self, item: dict[str, Any], ts: int) -> None:
        """Add a dns_names item: per name, lookups and how they were answered."""
        for name in item["names"]:
            counts = ("queries", "steered", "truthful", "sinkholed", "failed")
            record = _counted(self.dns_names, name["name"], MAX_DNS_NAMES_PER_DEVICE, ts, counts)
            for key in counts:
                record[key] += name[key]
            if ts >= record["last_seen"]:
                record["last_answer"] = name["last_answer"]

    def _observe_field(self, observed: dict[str, Any], host: str, ts: int) -> None:
        path = observed["path"]
        if (record := self.fields.get(path)) is None:
            _evict_stalest(self.fields, MAX_FIELDS_PER_DEVICE)
            record = self.fields[path] = {
                "categories": [],
                "action": observed["action"],
                "opaque": False,
                "count": 0,
                "host": host,
                "first_seen": ts,
                "last_seen": ts,
            }
        # In the order first seen: the first is the field's main category (the card groups by it).
        record["categories"] = list(dict.fromkeys([*record["categories"], *observed["categories"]]))
        record["count"] += observed["count"]
        record["opaque"] = record["opaque"] or observed["opaque"]
        record["first_seen"] = min(record["first_seen"], ts)
        if ts >= record["last_seen"]:
            # The latest observation tells the action in force now.
            record.update(action=observed["action"], host=host, last_seen=ts)
            if "why" in observed:
                # Which detectors decided the categories, as last explained.
                record["why"] = observed["why"]
        elif "why" in observed:
            record.setdefault("why", observed["why"])

    def report(self, device_id: str, now: int) -> dict[str, Any]:
        """`events` (newest first), `observed_destinations`, `fields`, `dns_names`, `mqtt_topics` and
        `lockdown_proposal` for device_report."""
        since = now - EVENT_RETENTION_MS
        return {
            "events": [
                {"ts": iso(e["ts"]), "event_type": e["event_type"], "data": {"device_id": device_id, **e["data"]}}
                for e in reversed(self.events)
                if e["ts"] >= since
            ],
            "observed_destinations": [
                _timed("host", host, record) for host, record in sorted(self.destinations.items())
            ],
            "fields": [_timed("path", path, record) for path, record in sorted(self.fields.items())],
            "lockdown_proposal": None
            if self.proposal is None
            else {
                "generated_at": iso(self.proposal["ts"]),
                **{k: v for k, v in self.proposal.items() if k != "ts"},
            },
            "dns_names": [
                _timed("name", name, record) for name, record in sorted(self.dns_names.items())
            ],
            "mqtt_topics": [
                {**record, "first_seen": iso(record["first_seen"]), "last_seen": iso(record["last_seen"])}
                for _, record in sorted(self.mqtt_topics.items())
            ],
        }
