"""Websocket commands for the sidecar and the card (docs/HUB_PROTOCOL.md describes each)."""

from __future__ import annotations

from typing import Any

import probatio

from homeassistant.components import websocket_api
from homeassistant.const import __version__ as HA_VERSION
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .const import CONF_USER_ID, MAX_REPORT_ITEMS
from .edits import EDITS
from .home import async_collect_home_knowledge
from .hub import PrivacyGatewayHub, loaded_hub
from .link import DATA_LINK, Sidecar

type _Msg = dict[str, Any]


@callback
def async_register_commands(hass: HomeAssistant) -> None:
    """Register every command (once, for the integration)."""
    for command in (
        ws_sidecar_register,
        ws_sidecar_report,
        ws_sidecar_subscribe_policy,
        ws_sidecar_subscribe_home,
        ws_sidecar_subscribe_states,
        ws_devices,
        ws_device_report,
        ws_policy,
        ws_policy_edit,
        ws_subscribe,
    ):
        websocket_api.async_register_command(hass, command)


def _hub(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> PrivacyGatewayHub | None:
    if (hub := loaded_hub(hass)) is None:
        connection.send_error(msg["id"], "not_loaded", "The Privacy Gateway entry is not loaded")
    return hub


def _sidecar_hub(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> PrivacyGatewayHub | None:
    """The hub, if this connection is the gateway's sidecar user (or an admin's token)."""
    if (hub := _hub(hass, connection, msg)) is None:
        return None
    user = connection.user
    if user.id != hub.entry.data[CONF_USER_ID] and not user.is_admin:
        connection.send_error(msg["id"], websocket_api.ERR_UNAUTHORIZED, "Not the gateway's sidecar user")
        return None
    return hub


# Sidecar ---------------------------------------------------------------------------------


@websocket_api.websocket_command(
    {
        probatio.Required("type"): "privacy_gateway/sidecar/register",
        probatio.Required("sidecar_id"): probatio.All(str, probatio.Length(min=1, max=100)),
        probatio.Required("version"): probatio.All(str, probatio.Length(min=1, max=50)),
    }
)
@callback
def ws_sidecar_register(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """Mark the sidecar connected for as long as this connection lives."""
    if (hub := _sidecar_hub(hass, connection, msg)) is None:
        return
    info = Sidecar(msg["sidecar_id"], msg["version"], dt_util.utcnow())
    connection.subscriptions[msg["id"]] = hub.link.register(connection, info)
    connection.send_result(
        msg["id"],
        {
            "entry_id": hub.entry.entry_id,
            "etag": hub.policy_envelope()["etag"],
            "ha_version": HA_VERSION,
            "max_report_items": MAX_REPORT_ITEMS,
        },
    )


@websocket_api.websocket_command(
    {
        probatio.Required("type"): "privacy_gateway/sidecar/report",
        probatio.Required("items"): probatio.All(list, probatio.Length(min=1, max=MAX_REPORT_ITEMS)),
    }
)
@callback
def ws_sidecar_report(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """Apply a batch of report items; answers which ids the sidecar may drop from its outbox."""
    if (hub := _sidecar_hub(hass, connection, msg)) is None:
        return
    if id(connection) not in hub.link.sidecars:
        connection.send_error(msg["id"], "not_registered", "Send privacy_gateway/sidecar/register first")
        return
    connection.send_result(msg["id"], hub.async_handle_report(msg["items"]))


@websocket_api.websocket_command({probatio.Required("type"): "privacy_gateway/sidecar/subscribe_policy"})
@callback
def ws_sidecar_subscribe_policy(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """Push the compiled policy now and whenever it changes."""
    if (hub := _sidecar_hub(hass, connection, msg)) is None:
        return
    connection.subscriptions[msg["id"]] = hub.link.subscribe_policy(connection, msg["id"])
    connection.send_result(msg["id"])
    connection.send_message(websocket_api.event_message(msg["id"], hub.policy_envelope()))


@websocket_api.websocket_command({probatio.Required("type"): "privacy_gateway/sidecar/subscribe_home"})
@websocket_api.async_response
async def ws_sidecar_subscribe_home(
    hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg
) -> None:
    """Push what the home knows (zone, persons, device registry) now and whenever it changes."""
    if (hub := _sidecar_hub(hass, connection, msg)) is None:
        return
    # Collected before subscribing, so no pushed change can overtake this first frame.
    frame = await async_collect_home_knowledge(hass)
    connection.subscriptions[msg["id"]] = hub.link.subscribe_home(connection, msg["id"])
    connection.send_result(msg["id"])
    connection.send_message(websocket_api.event_message(msg["id"], frame))


@websocket_api.websocket_command({probatio.Required("type"): "privacy_gateway/sidecar/subscribe_states"})
@callback
def ws_sidecar_subscribe_states(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """Push the states of the entities the policy's conditions name, now and whenever one changes."""
    if (hub := _sidecar_hub(hass, connection, msg)) is None:
        return
    connection.subscriptions[msg["id"]] = hub.link.subscribe_states(connection, msg["id"])
    connection.send_result(msg["id"])
    connection.send_message(websocket_api.event_message(msg["id"], hub.conditions.frame()))


# Card ------------------------------------------------------------------------------------


def _device_summary(hub: PrivacyGatewayHub, device_id: str, name: str) -> dict[str, Any]:
    return {
        "device_id": device_id,
        "name": name,
        "mode": hub.effective_mode(device_id),
        "quarantined": hub.is_quarantined(device_id),
        "stats": hub.device_stats(device_id).as_dict(),
    }


@websocket_api.websocket_command({probatio.Required("type"): "privacy_gateway/devices"})
@callback
def ws_devices(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """The mediated devices with their figures (cached from the sidecar's reports)."""
    if (hub := _hub(hass, connection, msg)) is None:
        return
    devices = [_device_summary(hub, d["id"], d["name"]) for d in hub.mediated_devices.values()]
    connection.send_result(
        msg["id"], {"connected": hub.link.connected, "mode": hub.mode, "devices": devices}
    )


@websocket_api.websocket_command(
    {probatio.Required("type"): "privacy_gateway/device_report", probatio.Required("device_id"): str}
)
@callback
def ws_device_report(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """One device's privacy report (the export_report service's response)."""
    if (hub := _hub(hass, connection, msg)) is None:
        return
    try:
        connection.send_result(msg["id"], hub.device_report(msg["device_id"]))
    except ServiceValidationError as err:
        connection.send_error(msg["id"], err.translation_key or "invalid", str(err))


@websocket_api.websocket_command({probatio.Required("type"): "privacy_gateway/policy"})
@websocket_api.require_admin
@callback
def ws_policy(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """The compiled policy, as the sidecar receives it."""
    if (hub := _hub(hass, connection, msg)) is not None:
        connection.send_result(msg["id"], hub.policy_envelope())


@websocket_api.websocket_command(
    {
        probatio.Required("type"): "privacy_gateway/policy/edit",
        probatio.Required("operation"): probatio.In(EDITS),
        probatio.Required("data"): dict,
    }
)
@websocket_api.require_admin
@callback
def ws_policy_edit(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """Edit the policy (admins only); the sidecar receives it through its subscription."""
    if (hub := _hub(hass, connection, msg)) is None:
        return
    schema, apply = EDITS[msg["operation"]]
    try:
        result = apply(hub, schema(msg["data"]))
    except probatio.Invalid as err:
        connection.send_error(msg["id"], websocket_api.ERR_INVALID_FORMAT, str(err))
        return
    except ServiceValidationError as err:
        connection.send_error(msg["id"], err.translation_key or "invalid", str(err))
        return
    connection.send_result(msg["id"], {**result, "etag": hub.policy_envelope()["etag"]})


@websocket_api.websocket_command({probatio.Required("type"): "privacy_gateway/subscribe"})
@callback
def ws_subscribe(hass: HomeAssistant, connection: websocket_api.ActiveConnection, msg: _Msg) -> None:
    """Live updates for the card: device figures, events, policy etags, sidecar status."""
    link = hass.data[DATA_LINK]
    connection.subscriptions[msg["id"]] = link.subscribe_card(connection, msg["id"])
    connection.send_result(msg["id"])
    connection.send_message(
        websocket_api.event_message(msg["id"], {"type": "sidecar", "connected": link.connected})
    )
