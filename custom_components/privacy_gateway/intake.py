"""The sidecar's report items applied in Home Assistant: figures, history, bus events, entities, repairs."""

from __future__ import annotations

from typing import Any, Protocol

from homeassistant.components import persistent_notification
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.util import dt as dt_util

from .const import (
    CONF_NOTIFICATIONS,
    DEFAULT_NOTIFICATIONS,
    DOMAIN,
    EVENT_DNS_BYPASS,
    EVENT_NEW_DESTINATION,
    EVENT_OPAQUE_PAYLOAD,
    EVENT_VIOLATION,
    ISSUE_UNASSIGNED_CLIENT_PREFIX,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .history import iso
from .link import SidecarLink
from .report import RejectedItem, validate_item
from .stats import StatsStore
from .store import MediatedDevice

BUS_EVENTS = {
    "violation": EVENT_VIOLATION,
    "new_destination": EVENT_NEW_DESTINATION,
    "opaque_payload": EVENT_OPAQUE_PAYLOAD,
    "dns_bypass": EVENT_DNS_BYPASS,
}
# The documented bus event data: what happened and why, never the value that was sent.
EVENT_KEYS = ("field_path", "category", "action", "rule", "explanation")
# A dns_bypass event: which signal, the DNS service or address (`destination`), port and count.
DNS_BYPASS_KEYS = ("signal", "port", "count", "explanation")



def _epoch_ms() -> int:
    return int(dt_util.utcnow().timestamp() * 1000)


def signal_device_event(entry_id: str) -> str:
    """Dispatcher signal carrying (device_id, event_type, data) to the event entities."""
    return f"{DOMAIN}_{entry_id}_device_event"


class DeviceDirectory(Protocol):
    """What the intake needs of the hub that owns it (hub.py): its devices, and who to tell of changes."""

    @property
    def mediated_devices(self) -> dict[str, MediatedDevice]:
        """The devices the gateway mediates, by device id."""

    def async_notify_listeners(self) -> None:
        """Tell the entities that figures changed."""


class ReportIntake:
    """Validates each item (report.py), drops duplicates, and applies the rest to the hub's stores."""

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, link: SidecarLink, stats: StatsStore, hub: DeviceDirectory
    ) -> None:
        """Items are applied to `stats` and announced on the bus and through `link`."""
        self.hub = hub
        self.hass = hass
        self.entry = entry
        self.link = link
        self.stats = stats

    def handle(self, items: list[Any]) -> dict[str, Any]:
        """Apply a batch; every id is acknowledged once it is applied, a duplicate or rejected."""
        ack: list[str] = []
        duplicates: list[str] = []
        rejected: list[dict[str, str]] = []
        devices = self.hub.mediated_devices
        for raw in items:
            item = validate_item(raw)
            if isinstance(item, dict) and self.stats.seen(item["id"]):
                duplicates.append(item["id"])
                ack.append(item["id"])
                continue
            if isinstance(item, dict) and "device_id" in item and item["device_id"] not in devices:
                item = RejectedItem(item["id"], "unknown_device", "not a mediated device")
            if isinstance(item, RejectedItem):
                rejected.append({"id": item.id, "code": item.code, "message": item.message})
                if item.id:
                    ack.append(item.id)
                continue
            self._apply(item)
            self.stats.mark_seen(item["id"])
            ack.append(item["id"])
        if len(ack) > len(duplicates):
            self.stats.schedule_save()
            self.hub.async_notify_listeners()
        return {"ack": ack, "duplicates": duplicates, "rejected": rejected}

    def _apply(self, item: dict[str, Any]) -> None:
        if item["type"] == "unassigned_client":
            self._raise_unassigned_client(item)
            return
        if item["type"] == "dns_bypass":
            self._apply_dns_bypass(item)
            return
        if item["type"] == "dns_names":
            now = _epoch_ms()
            self.stats.history(item["device_id"]).add_dns_names(item, min(item.get("ts", now), now))
            return
        device_id = item["device_id"]
        stats = self.stats.device(device_id)
        if item["type"] == "lockdown_proposal":
            self.stats.history(device_id).set_proposal(item, min(item.get("ts", _epoch_ms()), _epoch_ms()))
            self.link.publish_card({"type": "device", "device_id": device_id, "stats": stats.as_dict()})
            return
        host = item["destination"]["host"]
        stats.last_seen = dt_util.utcnow().isoformat()
        stats.add_destination(host)
        now = _epoch_ms()
        # When the sidecar saw it (an outbox replay arrives late); a clock ahead of ours is capped.
        seen_at = min(item.get("ts", now), now)
        match item["type"]:
            case "traffic":
                stats.requests += item["requests"]
                stats.bytes_uploaded += item["bytes_up"]
                stats.blocked += item["blocked"]
            case "violation":
                stats.violations_today += 1
                stats.last_violation = dt_util.utcnow().isoformat()
            case "new_destination":
                stats.new_destinations_today += 1
            case "opaque_payload":
                stats.opaque_payloads_today += 1
        history = self.stats.history(device_id)
        if item["type"] == "traffic":
            history.add_traffic(item, seen_at)
        else:
            history.see_destination(item["destination"], seen_at)
            history.add_event(seen_at, item["type"], self._fire(item), now)
        self.link.publish_card(
            {"type": "device", "device_id": device_id, "stats": stats.as_dict()}
        )

    def _apply_dns_bypass(self, item: dict[str, Any]) -> None:
        """"Uses its own DNS": the binary sensor's evidence, an event and a history entry."""
        device_id = item["device_id"]
        stats = self.stats.device(device_id)
        now = _epoch_ms()
        seen_at = min(item.get("ts", now), now)
        stats.add_own_dns(item, iso(seen_at))
        data: dict[str, Any] = {"device_id": device_id, "destination": item["host"], "vendor": None}
        data.update({key: item.get(key) for key in DNS_BYPASS_KEYS})
        self._emit("dns_bypass", data)
        self.stats.history(device_id).add_event(seen_at, "dns_bypass", data, now)
        self.link.publish_card(
            {"type": "device", "device_id": device_id, "stats": stats.as_dict()}
        )

    def _emit(self, event_type: str, data: dict[str, Any]) -> None:
        """The bus event, the device's event entity and the cards' push."""
        self.hass.bus.async_fire(BUS_EVENTS[event_type], data)
        async_dispatcher_send(
            self.hass, signal_device_event(self.entry.entry_id), data["device_id"], event_type, data
        )
        self.link.publish_card({"type": "event", "event_type": event_type, "data": data})

    def _fire(self, item: dict[str, Any]) -> dict[str, Any]:
        """Fire the bus event, the device's event entity and the cards' push; returns the data."""
        destination = item["destination"]
        data: dict[str, Any] = {
            "device_id": item["device_id"],
            "destination": destination["host"],
            "vendor": destination.get("vendor"),
        }
        data.update({key: item.get(key) for key in EVENT_KEYS})
        event_type = item["type"]
        self._emit(event_type, data)
        if event_type == "violation" and self.entry.options.get(
            CONF_NOTIFICATIONS, DEFAULT_NOTIFICATIONS
        ):
            name = self.hub.mediated_devices[item["device_id"]]["name"]
            persistent_notification.async_create(
                self.hass,
                f"{name}: {data['explanation']} ({data['destination']})",
                title="Privacy Gateway",
                notification_id=f"{DOMAIN}_{item['device_id']}",
            )
        return data

    def _raise_unassigned_client(self, item: dict[str, Any]) -> None:
        client = item.get("mac") or item["address"]
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            ISSUE_UNASSIGNED_CLIENT_PREFIX + client.replace(":", "").replace(".", "_"),
            is_fixable=True,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="unassigned_client",
            translation_placeholders={
                "client": client,
                "hostname": item.get("hostname") or "-",
            },
            data={
                "entry_id": self.entry.entry_id,
                "address": item.get("address") or "",
                "mac": item.get("mac") or "",
                "hostname": item.get("hostname") or "",
            },
        )
