"""Repairs: assign a client the sidecar saw but no mediated device claims."""

from __future__ import annotations

from typing import Any

import probatio

from homeassistant import data_entry_flow
from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, selector

from .const import CONF_ADDRESSES, CONF_DEVICE_ID, CONF_MACS, SUBENTRY_MEDIATED_DEVICE


class UnassignedClientRepairFlow(RepairsFlow):
    """Pick the HA device the client belongs to; it becomes (or joins) a mediated device."""

    def __init__(self, data: dict[str, Any]) -> None:
        """Store the client the issue is about."""
        self._client = data

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> data_entry_flow.FlowResult:
        """The flow starts with the issue's data, not a form's input."""
        return await self.async_step_assign()

    async def async_step_assign(self, user_input: dict[str, Any] | None = None) -> data_entry_flow.FlowResult:
        """Pick the device."""
        if user_input is not None:
            return await self._async_assign(user_input[CONF_DEVICE_ID])
        return self.async_show_form(
            step_id="assign",
            data_schema=probatio.Schema({probatio.Required(CONF_DEVICE_ID): selector.DeviceSelector()}),
            description_placeholders={
                "client": self._client["mac"] or self._client["address"],
                "hostname": self._client["hostname"] or "-",
            },
        )

    async def _async_assign(self, device_id: str) -> data_entry_flow.FlowResult:
        entries = self.hass.config_entries
        if (entry := entries.async_get_entry(self._client["entry_id"])) is None:
            return self.async_abort(reason="entry_not_loaded")
        if (device := dr.async_get(self.hass).async_get(device_id)) is None:
            return self.async_abort(reason="device_not_found")
        address = [self._client["address"]] if self._client["address"] else []
        mac = [self._client["mac"]] if self._client["mac"] else []
        for subentry in entry.subentries.values():
            if subentry.unique_id == device_id:
                data = {
                    **subentry.data,
                    CONF_ADDRESSES: list(dict.fromkeys([*subentry.data[CONF_ADDRESSES], *address])),
                    CONF_MACS: list(dict.fromkeys([*subentry.data[CONF_MACS], *mac])),
                }
                entries.async_update_subentry(entry, subentry, data=data)
                break
        else:
            entries.async_add_subentry(
                entry,
                ConfigSubentry(
                    data={CONF_DEVICE_ID: device_id, CONF_ADDRESSES: address, CONF_MACS: mac},
                    subentry_type=SUBENTRY_MEDIATED_DEVICE,
                    title=device.name_by_user or device.name or device_id,
                    unique_id=device_id,
                ),
            )
        return self.async_create_entry(data={})


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """The only fixable issue is an unassigned client."""
    return UnassignedClientRepairFlow(data or {})
