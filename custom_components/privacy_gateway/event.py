"""Event entity: what the gateway noticed a mediated device doing (the modern device trigger)."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import PrivacyGatewayEntity, mediated_device_entries
from .hub import PrivacyGatewayConfigEntry
from .intake import BUS_EVENTS, signal_device_event

PARALLEL_UPDATES = 0

EVENTS = (
    EventEntityDescription(
        key="privacy_event",
        translation_key="privacy_event",
        event_types=list(BUS_EVENTS),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PrivacyGatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the event entity of every mediated device."""
    for subentry_id, device in mediated_device_entries(hass, entry):
        async_add_entities(
            (PrivacyGatewayEvent(entry.runtime_data, subentry_id, device, d) for d in EVENTS),
            config_subentry_id=subentry_id,
        )


class PrivacyGatewayEvent(PrivacyGatewayEntity, EventEntity):
    """Fires with the same data as the bus events, minus the device id it already belongs to."""

    async def async_added_to_hass(self) -> None:
        """Listen for this device's events."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass, signal_device_event(self.hub.entry.entry_id), self._handle_event
            )
        )

    @callback
    def _handle_hub_update(self) -> None:
        """Figures do not change an event entity's state."""

    @callback
    def _handle_event(self, device_id: str, event_type: str, data: dict[str, Any]) -> None:
        if device_id != self.mediated_device_id:
            return
        self._trigger_event(event_type, {k: v for k, v in data.items() if k != "device_id"})
        self.async_write_ha_state()
