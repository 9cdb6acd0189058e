"""Switch: a mediated device's internet access (off = quarantined)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import PrivacyGatewayEntity, mediated_device_entries
from .hub import PrivacyGatewayConfigEntry, PrivacyGatewayHub

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class PrivacyGatewaySwitchEntityDescription(SwitchEntityDescription):
    """A switch over a device's policy."""

    is_on_fn: Callable[[PrivacyGatewayHub, str], bool]
    set_fn: Callable[[PrivacyGatewayHub, str, bool], None]


SWITCHES = (
    PrivacyGatewaySwitchEntityDescription(
        key="internet_access",
        translation_key="internet_access",
        is_on_fn=lambda hub, device_id: not hub.is_quarantined(device_id),
        set_fn=lambda hub, device_id, on: hub.set_quarantine(device_id, not on),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PrivacyGatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the switches of every mediated device."""
    for subentry_id, device in mediated_device_entries(hass, entry):
        async_add_entities(
            (PrivacyGatewaySwitch(entry.runtime_data, subentry_id, device, d) for d in SWITCHES),
            config_subentry_id=subentry_id,
        )


class PrivacyGatewaySwitch(PrivacyGatewayEntity, SwitchEntity):
    """A policy switch; the edit reaches the sidecar through the policy subscription."""

    entity_description: PrivacyGatewaySwitchEntityDescription

    @property
    def is_on(self) -> bool:
        """The switch state from the policy."""
        return self.entity_description.is_on_fn(self.hub, self.mediated_device_id)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn on."""
        self.entity_description.set_fn(self.hub, self.mediated_device_id, True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn off."""
        self.entity_description.set_fn(self.hub, self.mediated_device_id, False)
