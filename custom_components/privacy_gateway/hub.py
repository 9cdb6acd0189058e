"""The gateway's runtime: policy decisions, device figures and the reports that feed them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.event import async_track_time_change
from homeassistant.util import dt as dt_util

from .const import (
    CONF_ADDRESSES,
    CONF_DEVICE_ID,
    CONF_MACS,
    CONF_MODE,
    CONF_RETENTION_DAYS,
    DEFAULT_MODE,
    DEFAULT_RETENTION_DAYS,
    DOMAIN,
    SUBENTRY_MEDIATED_DEVICE,
)
from .conditions import ConditionStatesTracker, condition_entities
from .home import HomeKnowledgeTracker
from .intake import ReportIntake
from .link import DATA_LINK, SidecarLink
from .stats import DeviceStats, StatsStore
from .store import MediatedDevice, PolicyStore, compile_policy, policy_etag

type PrivacyGatewayConfigEntry = ConfigEntry[PrivacyGatewayHub]

def _epoch_ms() -> int:
    return int(dt_util.utcnow().timestamp() * 1000)


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
        self.intake = ReportIntake(hass, entry, link, self.stats, self)
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
        """Apply a batch of the sidecar's report items (intake.py); answers the acknowledgement."""
        return self.intake.handle(items)


def loaded_hub(hass: HomeAssistant) -> PrivacyGatewayHub | None:
    """The hub of the loaded entry, if any. The link knows it only as an AttachedHub; this narrows it."""
    hub = hass.data[DATA_LINK].hub if DATA_LINK in hass.data else None
    return hub if isinstance(hub, PrivacyGatewayHub) else None
