"""The gateway's runtime: policy decisions, device figures and the reports that feed them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components import persistent_notification
from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_connect, async_dispatcher_send
from homeassistant.helpers.event import async_track_time_change
from homeassistant.util import dt as dt_util

from .const import (
    CONF_ADDRESSES,
    CONF_DEVICE_ID,
    CONF_MACS,
    CONF_MODE,
    CONF_NOTIFICATIONS,
    CONF_RETENTION_DAYS,
    DEFAULT_MODE,
    DEFAULT_NOTIFICATIONS,
    DEFAULT_RETENTION_DAYS,
    DOMAIN,
    EVENT_DNS_BYPASS,
    EVENT_NEW_DESTINATION,
    EVENT_OPAQUE_PAYLOAD,
    EVENT_VIOLATION,
    ISSUE_UNASSIGNED_CLIENT_PREFIX,
    SUBENTRY_MEDIATED_DEVICE,
)
from .conditions import ConditionStatesTracker, condition_entities
from .history import iso
from .home import HomeKnowledgeTracker
from .link import DATA_LINK, SidecarLink
from .report import RejectedItem, validate_item
from .stats import DeviceStats, StatsStore
from .store import MediatedDevice, PolicyStore, compile_policy, policy_etag

type PrivacyGatewayConfigEntry = ConfigEntry[PrivacyGatewayHub]

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


class PrivacyGatewayHub:
    """Everything one gateway entry knows; entities, services and websocket commands use it."""

    def __init__(self, hass: HomeAssistant, entry: PrivacyGatewayConfigEntry, link: SidecarLink) -> None:
        """Store the arguments; `async_setup` loads the stores."""
        self.hass = hass
        self.entry = entry
        self.link = link
        self.policy = PolicyStore(hass, entry.entry_id)
        self.stats = StatsStore(hass, entry.entry_id)
        self.home = HomeKnowledgeTracker(hass, link)
        self.conditions = ConditionStatesTracker(hass, link)
        self._listeners: list[CALLBACK_TYPE] = []
        self._unsub_midnight: CALLBACK_TYPE | None = None
        self._unsub_entry_changed: CALLBACK_TYPE | None = None
        self._devices_at_setup = self.mediated_devices

    async def async_setup(self) -> None:
        """Load the stores and start serving the sidecar."""
        await self.policy.async_load()
        await self.stats.async_load()
        for device_id in set(self.policy.as_dict()["devices"]) - set(self.mediated_devices):
            self.policy.forget_device(device_id)
        for device_id in set(self.stats.histories) - set(self.mediated_devices):
            self.stats.forget(device_id)
        self._unsub_midnight = async_track_time_change(
            self.hass, self._midnight, hour=0, minute=0, second=0
        )
        self._unsub_entry_changed = async_dispatcher_connect(
            self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, self._entry_changed
        )
        self.link.attach(self)
        self.home.async_start()
        self.conditions.async_track(condition_entities(self.compiled_policy()))

    async def async_shutdown(self) -> None:
        """Stop serving and write the figures."""
        self.link.detach(self)
        self.home.async_stop()
        self.conditions.async_stop()
        for unsub in (self._unsub_midnight, self._unsub_entry_changed):
            if unsub is not None:
                unsub()
        await self.policy.async_save()
        await self.stats.async_save()

    @callback
    def _entry_changed(self, change: ConfigEntryChange, entry: ConfigEntry) -> None:
        """Reload when mediated devices (subentries) change, so their entities follow.

        Options reload through OptionsFlowWithReload, which forbids entry update listeners;
        this dispatcher signal is not one, and it ignores everything but subentry changes.
        """
        if (
            entry.entry_id == self.entry.entry_id
            and change is ConfigEntryChange.UPDATED
            and self.devices_changed()
        ):
            self._devices_at_setup = self.mediated_devices
            self.hass.config_entries.async_schedule_reload(entry.entry_id)

    @callback
    def _midnight(self, _now: Any) -> None:
        self.stats.prune(_epoch_ms())
        self.async_notify_listeners()

    # Listeners (entities) ------------------------------------------------------------------

    @callback
    def async_add_listener(self, update: CALLBACK_TYPE) -> Callable[[], None]:
        """Call `update` whenever figures, policy or the sidecar connection change."""
        self._listeners.append(update)
        return lambda: self._listeners.remove(update)

    @callback
    def async_notify_listeners(self) -> None:
        """Tell every entity to re-read its state."""
        for update in list(self._listeners):
            update()

    # Options and devices ----------------------------------------------------------------

    @property
    def mode(self) -> str:
        """The household mode (options flow)."""
        return self.entry.options.get(CONF_MODE, DEFAULT_MODE)

    @property
    def retention_days(self) -> int:
        """How long the sidecar keeps its ledger."""
        return int(self.entry.options.get(CONF_RETENTION_DAYS, DEFAULT_RETENTION_DAYS))

    @property
    def mediated_devices(self) -> dict[str, MediatedDevice]:
        """The mediated devices, keyed by HA device id, from the config subentries."""
        devices: dict[str, MediatedDevice] = {}
        registry = dr.async_get(self.hass)
        for subentry in self.entry.subentries.values():
            if subentry.subentry_type != SUBENTRY_MEDIATED_DEVICE:
                continue
            device_id = subentry.data[CONF_DEVICE_ID]
            registered = registry.async_get(device_id)
            devices[device_id] = MediatedDevice(
                id=device_id,
                name=subentry.title,
                addresses=list(subentry.data.get(CONF_ADDRESSES, [])),
                macs=list(subentry.data.get(CONF_MACS, [])),
                manufacturer=registered.manufacturer if registered is not None else None,
            )
        return devices

    def devices_changed(self) -> bool:
        """Whether the mediated devices differ from those this hub was set up with."""
        return self.mediated_devices != self._devices_at_setup

    def require_device(self, device_id: str) -> MediatedDevice:
        """The mediated device, or a translated error naming the unknown id."""
        if (device := self.mediated_devices.get(device_id)) is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="unknown_device",
                translation_placeholders={"device_id": device_id},
            )
        return device

    def device_stats(self, device_id: str) -> DeviceStats:
        """The figures of one device."""
        return self.stats.device(device_id)

    def effective_mode(self, device_id: str) -> str:
        """The device's own mode, else the household's."""
        return self.policy.device_policy(device_id)["mode"] or self.mode

    def is_quarantined(self, device_id: str) -> bool:
        """Whether the device is cut off the internet."""
        return bool(self.policy.device_policy(device_id)["quarantine"])

    # Policy -------------------------------------------------------------------------

    def compiled_policy(self) -> dict[str, Any]:
        """The policy document the sidecar enforces."""
        return compile_policy(self.policy, self.mode, self.mediated_devices.values())

    def policy_envelope(self) -> dict[str, Any]:
        """What `subscribe_policy` pushes: the policy, its etag and the sidecar's settings."""
        policy = self.compiled_policy()
        return {
            "etag": policy_etag(policy),
            "policy": policy,
            "settings": {"retention_days": self.retention_days},
        }

    @callback
    def async_policy_changed(self) -> None:
        """Push an edit to the sidecar and the cards, and refresh entities."""
        envelope = self.policy_envelope()
        # States first: the new policy's conditions then read current states, not the stricter default.
        self.conditions.async_track(condition_entities(envelope["policy"]))
        self.link.publish_policy(envelope)
        self.link.publish_card({"type": "policy", "etag": envelope["etag"]})
        self.async_notify_listeners()

    def _edit_scope(self, device_id: str | None) -> str | None:
        if device_id is not None:
            self.require_device(device_id)
        return device_id

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
        """Set what happens to a field path or category (household when no device), optionally while a condition holds."""
        rule = self.policy.set_field_action(
            self._edit_scope(device_id),
            path=path,
            category=category,
            action=action,
            destinations=destinations,
            when=when,
        )
        self.async_policy_changed()
        return rule

    def set_destination_access(
        self,
        device_id: str | None,
        host: str,
        access: str,
        vendor: str | None,
        when: dict[str, Any] | None = None,
    ) -> None:
        """Allow or block a host glob (household when no device), optionally while a condition holds."""
        self.policy.set_destination_access(self._edit_scope(device_id), host, access, vendor, when)
        self.async_policy_changed()

    def set_conditional_mode(self, device_id: str, mode: str | None, when: dict[str, Any]) -> None:
        """Give a device a mode while a condition holds (None removes that conditional mode)."""
        self.require_device(device_id)
        self.policy.set_conditional_mode(device_id, mode, when)
        self.async_policy_changed()

    def set_quarantine(self, device_id: str, quarantine: bool) -> None:
        """Cut a device off the internet, or let it out again."""
        self.require_device(device_id)
        self.policy.set_quarantine(device_id, quarantine)
        self.async_policy_changed()

    def set_mode(self, device_id: str, mode: str | None) -> None:
        """Give a device its own mode (None: follow the household)."""
        self.require_device(device_id)
        self.policy.set_mode(device_id, mode)
        self.async_policy_changed()

    def lock_down(self, device_id: str, destinations: list[dict[str, Any]]) -> None:
        """Learn-then-lock: exactly these destinations become the device's learned list, mode lockdown."""
        self.require_device(device_id)
        self.policy.lock_down(device_id, destinations)
        self.async_policy_changed()

    def lockdown_proposal(self, device_id: str) -> dict[str, Any] | None:
        """The sidecar's latest proposal for the device, if it sent one."""
        self.require_device(device_id)
        return self.stats.history(device_id).proposal

    def device_report(self, device_id: str) -> dict[str, Any]:
        """A device's privacy report: figures, the policy that applies and the recent history."""
        device = self.require_device(device_id)
        decisions = self.policy.device_policy(device_id)
        return {
            "device_id": device_id,
            "name": device["name"],
            "generated_at": dt_util.utcnow().isoformat(),
            "mode": self.effective_mode(device_id),
            "quarantined": bool(decisions["quarantine"]),
            "stats": self.device_stats(device_id).as_dict(),
            "destinations": decisions["destinations"],
            "rules": decisions["rules"],
            "sidecar_connected": self.link.connected,
            **self.stats.history(device_id).report(device_id, _epoch_ms()),
            **self.conditions.device_report(decisions),
        }

    # Reports --------------------------------------------------------------------------

    @callback
    def async_handle_report(self, items: list[Any]) -> dict[str, Any]:
        """Apply a batch; every id is acknowledged once it is applied, a duplicate or rejected."""
        ack: list[str] = []
        duplicates: list[str] = []
        rejected: list[dict[str, str]] = []
        devices = self.mediated_devices
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
            self.async_notify_listeners()
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
            name = self.mediated_devices[item["device_id"]]["name"]
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


def loaded_hub(hass: HomeAssistant) -> PrivacyGatewayHub | None:
    """The hub of the loaded entry, if any. The link knows it only as an AttachedHub; this narrows it."""
    hub = hass.data[DATA_LINK].hub if DATA_LINK in hass.data else None
    return hub if isinstance(hub, PrivacyGatewayHub) else None
