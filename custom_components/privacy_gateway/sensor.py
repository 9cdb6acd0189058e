"""Sensors: what a mediated device sent where, and how far it can be trusted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import UnitOfInformation
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .entity import PrivacyGatewayEntity, mediated_device_entries
from .hub import PrivacyGatewayConfigEntry
from .history import DeviceHistory
from .stats import DeviceStats

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class PrivacyGatewaySensorEntityDescription(SensorEntityDescription):
    """A sensor read from a device's figures."""

    value_fn: Callable[[DeviceStats], StateType]
    attributes_fn: Callable[[DeviceHistory], dict[str, Any]] | None = None


MAX_DESTINATION_ATTRIBUTES = 20


def _named_destinations(history: DeviceHistory) -> dict[str, Any]:
    """The most recently seen destinations with who they belong to (small: recorder stores it)."""
    recent = sorted(history.destinations.items(), key=lambda item: item[1]["last_seen"], reverse=True)
    return {
        "destinations": [
            {
                "host": host,
                "vendor": record.get("vendor"),
                "party": record.get("party", "unknown"),
                "countries": record.get("countries", []),
            }
            for host, record in recent[:MAX_DESTINATION_ATTRIBUTES]
        ]
    }


SENSORS: tuple[PrivacyGatewaySensorEntityDescription, ...] = (
    PrivacyGatewaySensorEntityDescription(
        key="violations_today",
        translation_key="violations_today",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda stats: stats.violations_today,
    ),
    PrivacyGatewaySensorEntityDescription(
        key="data_uploaded",
        translation_key="data_uploaded",
        device_class=SensorDeviceClass.DATA_SIZE,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.MEGABYTES,
        suggested_display_precision=1,
        value_fn=lambda stats: stats.bytes_uploaded,
    ),
    PrivacyGatewaySensorEntityDescription(
        key="destinations_contacted",
        translation_key="destinations_contacted",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda stats: len(stats.destinations),
        attributes_fn=_named_destinations,
    ),
    PrivacyGatewaySensorEntityDescription(
        key="trust_score",
        translation_key="trust_score",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda stats: stats.trust_score,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PrivacyGatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors of every mediated device."""
    for subentry_id, device in mediated_device_entries(hass, entry):
        async_add_entities(
            (PrivacyGatewaySensor(entry.runtime_data, subentry_id, device, d) for d in SENSORS),
            config_subentry_id=subentry_id,
        )


class PrivacyGatewaySensor(PrivacyGatewayEntity, SensorEntity):
    """A figure of one mediated device."""

    entity_description: PrivacyGatewaySensorEntityDescription

    @property
    def native_value(self) -> StateType:
        """The figure."""
        return self.entity_description.value_fn(
            self.hub.device_stats(self.mediated_device_id)
        )

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Named destinations on the destinations sensor; nothing on the others."""
        if (attributes_fn := self.entity_description.attributes_fn) is None:
            return None
        return attributes_fn(self.hub.stats.history(self.mediated_device_id))
