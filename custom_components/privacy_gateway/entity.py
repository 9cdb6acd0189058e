"""The base entity: one per mediated device and description, on that device's own page."""

from __future__ import annotations

from collections.abc import Iterator

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import CONF_DEVICE_ID, LOGGER, SUBENTRY_MEDIATED_DEVICE
from .hub import PrivacyGatewayConfigEntry, PrivacyGatewayHub


def mediated_device_entries(
    hass: HomeAssistant, entry: PrivacyGatewayConfigEntry
) -> Iterator[tuple[str, dr.DeviceEntry]]:
    """(subentry id, existing device) for each mediated device that still exists."""
    registry = dr.async_get(hass)
    for subentry in entry.subentries.values():
        if subentry.subentry_type != SUBENTRY_MEDIATED_DEVICE:
            continue
        if (device := registry.async_get(subentry.data[CONF_DEVICE_ID])) is None:
            LOGGER.warning("Mediated device %s no longer exists", subentry.title)
            continue
        yield subentry.subentry_id, device


class PrivacyGatewayEntity(Entity):
    """Attached through `device_entry`, never DeviceInfo: DeviceInfo with the device's MAC would
    make Home Assistant create a second device instead of joining the existing one."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self,
        hub: PrivacyGatewayHub,
        subentry_id: str,
        device: dr.DeviceEntry,
        description: EntityDescription,
    ) -> None:
        """Initialise for one mediated device (its subentry keeps the unique ids stable)."""
        self.hub = hub
        self.entity_description = description
        self.device_entry = device
        self.mediated_device_id = device.id
        self._attr_unique_id = f"{subentry_id}_{description.key}"

    async def async_added_to_hass(self) -> None:
        """Follow the hub."""
        await super().async_added_to_hass()
        self.async_on_remove(self.hub.async_add_listener(self._handle_hub_update))

    @callback
    def _handle_hub_update(self) -> None:
        self.async_write_ha_state()
