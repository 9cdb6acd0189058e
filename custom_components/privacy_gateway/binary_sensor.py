"""Binary sensors: a violation within the last N minutes (options: violation window), and
"Uses its own DNS": a sign within the last week that the device resolves names around the gateway."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .const import CONF_VIOLATION_WINDOW, DEFAULT_VIOLATION_WINDOW, OWN_DNS_WINDOW
from .entity import PrivacyGatewayEntity, mediated_device_entries
from .hub import PrivacyGatewayConfigEntry, PrivacyGatewayHub
from .stats import DeviceStats

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class PrivacyGatewayBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor read from a device's figures; `since_fn` is when it last turned on.

    It stays on for `window` (None: the options' violation window); `attributes_fn` gives its evidence.
    """

    since_fn: Callable[[DeviceStats], datetime | None]
    window: timedelta | None = None
    attributes_fn: Callable[[DeviceStats], dict[str, Any]] | None = None


def own_dns_attributes(stats: DeviceStats) -> dict[str, Any]:
    """Which signals, where, how often and when: hosts and counts, no values."""
    signals = sorted(stats.own_dns.values(), key=lambda s: s["last_seen"], reverse=True)
    return {
        "signals": [s["signal"] for s in signals],
        "evidence": signals,
        "count": sum(s["count"] for s in signals),
        "last_seen": stats.last_own_dns,
    }


BINARY_SENSORS = (
    PrivacyGatewayBinarySensorEntityDescription(
        key="recent_violation",
        translation_key="recent_violation",
        device_class=BinarySensorDeviceClass.PROBLEM,
        since_fn=lambda stats: stats.last_violation_at,
    ),
    PrivacyGatewayBinarySensorEntityDescription(
        key="own_dns",
        translation_key="own_dns",
        device_class=BinarySensorDeviceClass.PROBLEM,
        since_fn=lambda stats: stats.last_own_dns_at,
        window=OWN_DNS_WINDOW,
        attributes_fn=own_dns_attributes,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PrivacyGatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensors of every mediated device."""
    window = timedelta(
        minutes=entry.options.get(CONF_VIOLATION_WINDOW, DEFAULT_VIOLATION_WINDOW)
    )
    for subentry_id, device in mediated_device_entries(hass, entry):
        async_add_entities(
            (
                PrivacyGatewayBinarySensor(entry.runtime_data, subentry_id, device, d, window)
                for d in BINARY_SENSORS
            ),
            config_subentry_id=subentry_id,
        )


class PrivacyGatewayBinarySensor(PrivacyGatewayEntity, BinarySensorEntity):
    """On while the last event is younger than the window; turns itself off when it ages out."""

    entity_description: PrivacyGatewayBinarySensorEntityDescription

    def __init__(
        self,
        hub: PrivacyGatewayHub,
        subentry_id: str,
        device: dr.DeviceEntry,
        description: PrivacyGatewayBinarySensorEntityDescription,
        window: timedelta,
    ) -> None:
        """Initialise with the window from the options."""
        super().__init__(hub, subentry_id, device, description)
        self._window = description.window or window
        self._cancel_expiry: CALLBACK_TYPE | None = None

    async def async_added_to_hass(self) -> None:
        """Schedule the first expiry."""
        await super().async_added_to_hass()
        self.async_on_remove(self._cancel)
        self._schedule_expiry()

    def _since(self) -> datetime | None:
        return self.entity_description.since_fn(self.hub.device_stats(self.mediated_device_id))

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The evidence, for sensors that have some."""
        if (attributes_fn := self.entity_description.attributes_fn) is None:
            return None
        return attributes_fn(self.hub.device_stats(self.mediated_device_id))

    @property
    def is_on(self) -> bool:
        """Whether the last event is within the window."""
        since = self._since()
        return since is not None and dt_util.utcnow() - since < self._window

    @callback
    def _handle_hub_update(self) -> None:
        self._schedule_expiry()
        super()._handle_hub_update()

    def _cancel(self) -> None:
        if self._cancel_expiry is not None:
            self._cancel_expiry()
            self._cancel_expiry = None

    def _schedule_expiry(self) -> None:
        self._cancel()
        if (since := self._since()) is not None and self.is_on:
            self._cancel_expiry = async_track_point_in_utc_time(
                self.hass, self._expired, since + self._window
            )

    @callback
    def _expired(self, _now: datetime) -> None:
        self._cancel_expiry = None
        self.async_write_ha_state()
