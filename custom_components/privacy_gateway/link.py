"""The sidecar's and the cards' websocket presence.

It lives as long as the integration (not the config entry), so reloading the entry after an options
change or a new mediated device does not drop the sidecar: its policy subscription stays open and
simply receives the policy of the reloaded hub.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from homeassistant.components import websocket_api
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN, ISSUE_SIDECAR_DISCONNECTED, SIDECAR_GRACE

DATA_LINK: HassKey[SidecarLink] = HassKey(DOMAIN)

type _Subscriber = tuple[websocket_api.ActiveConnection, int]


class AttachedHub(Protocol):
    """What the link needs of the loaded hub. The hub owns the link's attachment, not the reverse:
    hub.py imports this module, and this module knows the hub only through this protocol."""

    def policy_envelope(self) -> dict[str, Any]:
        """The policy and settings pushed to subscribed sidecars."""

    def async_notify_listeners(self) -> None:
        """Tell the hub's entities that the sidecar's presence changed."""


@dataclass(slots=True)
class Sidecar:
    """A registered sidecar connection."""

    sidecar_id: str
    version: str
    registered_at: datetime


class SidecarLink:
    """Registered sidecars, policy subscribers and card subscribers."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Store the arguments."""
        self.hass = hass
        self.hub: AttachedHub | None = None
        self.sidecars: dict[int, Sidecar] = {}
        self._policy_subscribers: dict[tuple[int, int], _Subscriber] = {}
        self._card_subscribers: dict[tuple[int, int], _Subscriber] = {}
        self._home_subscribers: dict[tuple[int, int], _Subscriber] = {}
        self._states_subscribers: dict[tuple[int, int], _Subscriber] = {}
        self._cancel_issue_timer: CALLBACK_TYPE | None = None

    @property
    def connected(self) -> bool:
        """Whether at least one sidecar is registered."""
        return bool(self.sidecars)

    @callback
    def attach(self, hub: AttachedHub) -> None:
        """A loaded hub: push its policy to subscribers already listening."""
        self.hub = hub
        self.publish_policy(hub.policy_envelope())
        if not self.connected:
            self._schedule_issue()

    @callback
    def detach(self, hub: AttachedHub) -> None:
        """The hub unloads; subscriptions stay open for the next one."""
        if self.hub is hub:
            self.hub = None
        self._cancel_timer()
        ir.async_delete_issue(self.hass, DOMAIN, ISSUE_SIDECAR_DISCONNECTED)

    @callback
    def register(
        self, connection: websocket_api.ActiveConnection, info: Sidecar
    ) -> Callable[[], None]:
        """Mark a sidecar connected until the returned callback (or the connection) ends it."""
        key = id(connection)
        self.sidecars[key] = info
        self._cancel_timer()
        ir.async_delete_issue(self.hass, DOMAIN, ISSUE_SIDECAR_DISCONNECTED)
        self._notify_status()

        @callback
        def unregister() -> None:
            if self.sidecars.get(key) is not info:
                return  # registered again on this connection: the newer registration counts
            del self.sidecars[key]
            if not self.connected and self.hub is not None:
                self._schedule_issue()
            self._notify_status()

        return unregister

    @callback
    def subscribe_policy(self, connection: websocket_api.ActiveConnection, msg_id: int) -> Callable[[], None]:
        """Add a sidecar policy subscriber; returns its unsubscribe callback."""
        return self._subscribe(self._policy_subscribers, connection, msg_id)

    @callback
    def subscribe_home(self, connection: websocket_api.ActiveConnection, msg_id: int) -> Callable[[], None]:
        """Add a sidecar home knowledge subscriber; returns its unsubscribe callback."""
        return self._subscribe(self._home_subscribers, connection, msg_id)

    @callback
    def subscribe_states(self, connection: websocket_api.ActiveConnection, msg_id: int) -> Callable[[], None]:
        """Add a sidecar subscriber to the states the policy's conditions name."""
        return self._subscribe(self._states_subscribers, connection, msg_id)

    @callback
    def subscribe_card(self, connection: websocket_api.ActiveConnection, msg_id: int) -> Callable[[], None]:
        """Add a card subscriber; returns its unsubscribe callback."""
        return self._subscribe(self._card_subscribers, connection, msg_id)

    @staticmethod
    def _subscribe(
        table: dict[tuple[int, int], _Subscriber],
        connection: websocket_api.ActiveConnection,
        msg_id: int,
    ) -> Callable[[], None]:
        key = (id(connection), msg_id)
        table[key] = (connection, msg_id)

        @callback
        def unsubscribe() -> None:
            table.pop(key, None)

        return unsubscribe

    @callback
    def publish_policy(self, envelope: dict[str, Any]) -> None:
        """Send the compiled policy to every sidecar subscriber."""
        for connection, msg_id in list(self._policy_subscribers.values()):
            connection.send_message(websocket_api.event_message(msg_id, envelope))

    @callback
    def publish_home(self, frame: dict[str, Any]) -> None:
        """Send the home knowledge to every sidecar that subscribed to it."""
        for connection, msg_id in list(self._home_subscribers.values()):
            connection.send_message(websocket_api.event_message(msg_id, frame))

    @callback
    def publish_states(self, frame: dict[str, Any]) -> None:
        """Send the conditions' states to every sidecar that subscribed to them."""
        for connection, msg_id in list(self._states_subscribers.values()):
            connection.send_message(websocket_api.event_message(msg_id, frame))

    @callback
    def publish_card(self, message: dict[str, Any]) -> None:
        """Send a live update to every card subscriber."""
        for connection, msg_id in list(self._card_subscribers.values()):
            connection.send_message(websocket_api.event_message(msg_id, message))

    def _notify_status(self) -> None:
        self.publish_card({"type": "sidecar", "connected": self.connected})
        if self.hub is not None:
            self.hub.async_notify_listeners()

    def _schedule_issue(self) -> None:
        self._cancel_timer()
        self._cancel_issue_timer = async_call_later(
            self.hass, SIDECAR_GRACE, self._raise_issue
        )

    def _cancel_timer(self) -> None:
        if self._cancel_issue_timer is not None:
            self._cancel_issue_timer()
            self._cancel_issue_timer = None

    @callback
    def _raise_issue(self, _now: datetime) -> None:
        self._cancel_issue_timer = None
        if self.connected or self.hub is None:
            return
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            ISSUE_SIDECAR_DISCONNECTED,
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=ISSUE_SIDECAR_DISCONNECTED,
            translation_placeholders={"since": dt_util.now().isoformat(timespec="minutes")},
        )

    def diagnostics(self) -> dict[str, Any]:
        """The link's state for diagnostics."""
        return {
            "sidecars": [
                {"sidecar_id": s.sidecar_id, "version": s.version, "registered_at": s.registered_at.isoformat()}
                for s in self.sidecars.values()
            ],
            "policy_subscribers": len(self._policy_subscribers),
            "card_subscribers": len(self._card_subscribers),
            "home_subscribers": len(self._home_subscribers),
            "states_subscribers": len(self._states_subscribers),
        }
