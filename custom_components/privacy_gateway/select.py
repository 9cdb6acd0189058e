"""Select: a mediated device's mode (monitor, enforce, lockdown)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import MODES
from .entity import PrivacyGatewayEntity, mediated_device_entries
from .hub import PrivacyGatewayConfigEntry, PrivacyGatewayHub

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class PrivacyGatewaySelectEntityDescription(SelectEntityDescription):
    """A select over a device's policy."""

    current_fn: Callable[[PrivacyGatewayHub, str], str]
    select_fn: Callable[[PrivacyGatewayHub, str, str], None]


SELECTS = (
    PrivacyGatewaySelectEntityDescription(
        key="mode",
        translation_key="mode",
        options=list(MODES),
        current_fn=lambda hub, device_id: hub.effective_mode(device_id),
        select_fn=lambda hub, device_id, option: hub.set_mode(device_id, option),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PrivacyGatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the selects of every mediated device."""
    for subentry_id, device in mediated_device_entries(hass, entry):
        async_add_entities(
            (PrivacyGatewaySelect(entry.runtime_data, subentry_id, device, d) for d in SELECTS),
            config_subentry_id=subentry_id,
        )


class PrivacyGatewaySelect(PrivacyGatewayEntity, SelectEntity):
    """A policy select; the edit reaches the sidecar through the policy subscription."""

    entity_description: PrivacyGatewaySelectEntityDescription

    @property
    def current_option(self) -> str:
        """The effective option."""
        return self.entity_description.current_fn(self.hub, self.mediated_device_id)

    async def async_select_option(self, option: str) -> None:
        """Select an option."""
        self.entity_description.select_fn(self.hub, self.mediated_device_id, option)
