"""Config flow: the gateway entry, its sidecar credential, options and mediated devices."""

from __future__ import annotations

from typing import Any

import probatio

from homeassistant.auth.const import GROUP_ID_USER
from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryFlow,
    OptionsFlowWithReload,
    SubentryFlowResult,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, selector
from homeassistant.helpers.network import NoURLAvailableError, get_url

from .clients import parse_clients, suggest_clients
from .const import (
    CONF_ADDRESSES,
    CONF_DEVICE_ID,
    CONF_MACS,
    CONF_MODE,
    CONF_NOTIFICATIONS,
    CONF_REFRESH_TOKEN_ID,
    CONF_RETENTION_DAYS,
    CONF_ROTATE_TOKEN,
    CONF_USER_ID,
    CONF_VIOLATION_WINDOW,
    DEFAULT_MODE,
    DEFAULT_NOTIFICATIONS,
    DEFAULT_RETENTION_DAYS,
    DEFAULT_VIOLATION_WINDOW,
    DOMAIN,
    MODES,
    SIDECAR_TOKEN_LIFETIME,
    SIDECAR_USER_NAME,
    SUBENTRY_MEDIATED_DEVICE,
)

OPTIONS_SCHEMA = probatio.Schema(
    {
        probatio.Required(CONF_MODE, default=DEFAULT_MODE): selector.SelectSelector(
            selector.SelectSelectorConfig(options=list(MODES), translation_key=CONF_MODE)
        ),
        probatio.Required(CONF_RETENTION_DAYS, default=DEFAULT_RETENTION_DAYS): probatio.All(
            selector.NumberSelector(
                selector.NumberSelectorConfig(min=1, max=3650, step=1, mode=selector.NumberSelectorMode.BOX)
            ),
            probatio.Coerce(int),
        ),
        probatio.Required(CONF_VIOLATION_WINDOW, default=DEFAULT_VIOLATION_WINDOW): probatio.All(
            selector.NumberSelector(
                selector.NumberSelectorConfig(
                    min=1, max=1440, step=1, unit_of_measurement="min", mode=selector.NumberSelectorMode.BOX
                )
            ),
            probatio.Coerce(int),
        ),
        probatio.Required(CONF_NOTIFICATIONS, default=DEFAULT_NOTIFICATIONS): selector.BooleanSelector(),
    }
)
_CLIENTS = selector.TextSelector(selector.TextSelectorConfig(multiple=True))


def _url(hass: HomeAssistant) -> str:
    try:
        return get_url(hass, allow_external=False)
    except NoURLAvailableError:
        return "http://homeassistant.local:8123"


async def _async_issue_token(hass: HomeAssistant, user_id: str | None) -> tuple[str, dict[str, str]]:
    """A token for the sidecar's own system user: it can do nothing an admin-only command needs,
    and removing the entry (or rotating) revokes it. The text is shown once and never stored."""
    user = await hass.auth.async_get_user(user_id) if user_id else None
    if user is None:
        user = await hass.auth.async_create_system_user(SIDECAR_USER_NAME, group_ids=[GROUP_ID_USER])
    refresh_token = await hass.auth.async_create_refresh_token(
        user, access_token_expiration=SIDECAR_TOKEN_LIFETIME
    )
    token = hass.auth.async_create_access_token(refresh_token)
    return token, {CONF_USER_ID: user.id, CONF_REFRESH_TOKEN_ID: refresh_token.id}


class PrivacyGatewayConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add the gateway (one per Home Assistant)."""

    VERSION = 1
    MINOR_VERSION = 1

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> PrivacyGatewayOptionsFlow:
        """The household defaults."""
        return PrivacyGatewayOptionsFlow()

    @classmethod
    @callback
    def async_get_supported_subentry_types(cls, config_entry: ConfigEntry) -> dict[str, type[ConfigSubentryFlow]]:
        """Mediated devices are subentries."""
        return {SUBENTRY_MEDIATED_DEVICE: MediatedDeviceSubentryFlow}

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Confirm, then create the sidecar's user and show its token once."""
        if user_input is None:
            return self.async_show_form(step_id="user")
        token, data = await _async_issue_token(self.hass, None)
        return self.async_create_entry(
            title="Privacy Gateway",
            data=data,
            options={
                CONF_MODE: DEFAULT_MODE,
                CONF_RETENTION_DAYS: DEFAULT_RETENTION_DAYS,
                CONF_VIOLATION_WINDOW: DEFAULT_VIOLATION_WINDOW,
                CONF_NOTIFICATIONS: DEFAULT_NOTIFICATIONS,
            },
            description="sidecar_token",
            description_placeholders={"token": token, "url": _url(self.hass)},
        )

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Issue a new sidecar token; the old one stops working at once."""
        entry = self._get_reconfigure_entry()
        if user_input is None:
            return self.async_show_form(
                step_id="reconfigure",
                data_schema=probatio.Schema({probatio.Required(CONF_ROTATE_TOKEN, default=True): bool}),
            )
        if not user_input[CONF_ROTATE_TOKEN]:
            return self.async_abort(reason="reconfigure_successful")
        if (old := self.hass.auth.async_get_refresh_token(entry.data[CONF_REFRESH_TOKEN_ID])) is not None:
            self.hass.auth.async_remove_refresh_token(old)
        token, data = await _async_issue_token(self.hass, entry.data[CONF_USER_ID])
        self.hass.config_entries.async_update_entry(entry, data=data)
        return self.async_abort(
            reason="token_rotated", description_placeholders={"token": token, "url": _url(self.hass)}
        )


class PrivacyGatewayOptionsFlow(OptionsFlowWithReload):
    """Household defaults: mode, ledger retention, violation window, notifications."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """One form."""
        if user_input is not None:
            return self.async_create_entry(data=user_input)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(OPTIONS_SCHEMA, self.config_entry.options),
        )


class MediatedDeviceSubentryFlow(ConfigSubentryFlow):
    """Pick an existing HA device, then the client addresses its traffic comes from."""

    _device_id: str

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Pick the device."""
        if user_input is not None:
            self._device_id = user_input[CONF_DEVICE_ID]
            for subentry in self._get_entry().subentries.values():
                if subentry.unique_id == self._device_id:
                    return self.async_abort(reason="already_configured")
            return await self.async_step_clients()
        return self.async_show_form(
            step_id="user",
            data_schema=probatio.Schema({probatio.Required(CONF_DEVICE_ID): selector.DeviceSelector()}),
        )

    async def async_step_clients(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Addresses and MACs, suggested from what Home Assistant knows of the device."""
        device = dr.async_get(self.hass).async_get(self._device_id)
        if device is None:
            return self.async_abort(reason="device_not_found")
        errors: dict[str, str] = {}
        if user_input is not None:
            addresses, macs, errors = parse_clients(
                user_input.get(CONF_ADDRESSES, []), user_input.get(CONF_MACS, [])
            )
            if not errors:
                return self.async_create_entry(
                    title=device.name_by_user or device.name or self._device_id,
                    data={CONF_DEVICE_ID: self._device_id, CONF_ADDRESSES: addresses, CONF_MACS: macs},
                    unique_id=self._device_id,
                )
        suggested_addresses, suggested_macs = suggest_clients(self.hass, self._device_id)
        schema = probatio.Schema({probatio.Optional(CONF_ADDRESSES): _CLIENTS, probatio.Optional(CONF_MACS): _CLIENTS})
        return self.async_show_form(
            step_id="clients",
            data_schema=self.add_suggested_values_to_schema(
                schema,
                user_input or {CONF_ADDRESSES: suggested_addresses, CONF_MACS: suggested_macs},
            ),
            errors=errors,
            description_placeholders={"device": device.name_by_user or device.name or ""},
        )

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Change a mediated device's addresses."""
        subentry = self._get_reconfigure_subentry()
        errors: dict[str, str] = {}
        if user_input is not None:
            addresses, macs, errors = parse_clients(
                user_input.get(CONF_ADDRESSES, []), user_input.get(CONF_MACS, [])
            )
            if not errors:
                return self.async_update_and_abort(
                    self._get_entry(),
                    subentry,
                    data={**subentry.data, CONF_ADDRESSES: addresses, CONF_MACS: macs},
                )
        schema = probatio.Schema({probatio.Optional(CONF_ADDRESSES): _CLIENTS, probatio.Optional(CONF_MACS): _CLIENTS})
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(schema, user_input or dict(subentry.data)),
            errors=errors,
            description_placeholders={"device": subentry.title},
        )
