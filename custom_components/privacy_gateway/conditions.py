"""Rules that follow the home: conditions on Home Assistant state, and the states the sidecar reads them from.

A field rule, a destination or a device's mode may carry `when: {"entity": "person.anna", "state":
"not_home"}` (or a list of states, or `"not": ...` for the negated form; src/policy/conditions.ts is the
schema). The sidecar evaluates conditions from its own cache, so enforcement never waits on Home
Assistant: this module tracks the entities the policy names and pushes their states over
`privacy_gateway/sidecar/subscribe_states`, whole, on subscribe, on every policy change and on every
change of one of them.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import probatio

from homeassistant.core import CALLBACK_TYPE, Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.event import async_track_state_change_event

if TYPE_CHECKING:
    from .link import SidecarLink

# The frame's bound (src/hub/protocol.ts MAX_TRACKED_ENTITIES) and the schema's bounds on states.
MAX_TRACKED_ENTITIES = 500
MAX_STATES = 20
MAX_STATE_LENGTH = 255


def _states(value: Any) -> list[str] | str:
    """One state or a list of 1-20 states, each 1-255 characters (kept as given: the sidecar compares them)."""
    values = value if isinstance(value, list) else [value]
    if not 1 <= len(values) <= MAX_STATES:
        raise probatio.Invalid(f"give 1 to {MAX_STATES} states")
    for state in values:
        if not isinstance(state, str) or not 1 <= len(state) <= MAX_STATE_LENGTH:
            raise probatio.Invalid("a state is text of 1 to 255 characters, such as on or not_home")
    return value


def _exactly_one(data: dict[str, Any]) -> dict[str, Any]:
    if ("state" in data) == ("not" in data):
        raise probatio.Invalid('give exactly one of state or not (e.g. state: "not_home")')
    return data


CONDITION_SCHEMA = probatio.All(
    probatio.Schema(
        {
            probatio.Required("entity"): cv.entity_id,
            probatio.Optional("state"): _states,
            probatio.Optional("not"): _states,
        }
    ),
    _exactly_one,
)


def condition_key(when: dict[str, Any] | None) -> str:
    """A short stable text for ids: ` when person.anna=not_home`; '' for no condition."""
    if not when:
        return ""
    negated = "not" in when
    states = when["not"] if negated else when["state"]
    states = ",".join(sorted(states)) if isinstance(states, list) else states
    return f" when {when['entity']}{'!=' if negated else '='}{states}"


def bounded_id(text: str) -> str:
    """Ids are at most 100 characters in the sidecar's schema; longer ones become a hash."""
    return text if len(text) <= 100 else "id:" + hashlib.sha256(text.encode()).hexdigest()[:32]


def condition_entities(policy: dict[str, Any]) -> list[str]:
    """Every entity the compiled policy's conditions name, once, sorted."""
    entities: set[str] = set()
    for scope in (policy, *policy.get("devices", [])):
        for item in (*scope.get("rules", []), *scope.get("destinations", []), *scope.get("modeWhen", [])):
            if isinstance(when := item.get("when"), dict):
                entities.add(when["entity"])
    return sorted(entities)[:MAX_TRACKED_ENTITIES]


class ConditionStatesTracker:
    """Tracks the entities the policy's conditions name and pushes their states to the sidecars."""

    def __init__(self, hass: HomeAssistant, link: SidecarLink) -> None:
        """Store the arguments; `async_track` starts tracking."""
        self.hass = hass
        self.link = link
        self.entities: list[str] = []
        self._unsub: CALLBACK_TYPE | None = None

    @callback
    def async_track(self, entities: list[str]) -> None:
        """Track these entities (the policy changed) and push their states now."""
        if entities != self.entities:
            self._untrack()
            self.entities = entities
            if entities:
                self._unsub = async_track_state_change_event(self.hass, entities, self._changed)
        self.link.publish_states(self.frame())

    @callback
    def async_stop(self) -> None:
        """Stop tracking (the entry unloads; the sidecar keeps the last known states)."""
        self._untrack()

    def _untrack(self) -> None:
        if self._unsub is not None:
            self._unsub()
            self._unsub = None

    @callback
    def _changed(self, _event: Event[EventStateChangedData]) -> None:
        self.link.publish_states(self.frame())

    def device_report(self, decisions: dict[str, Any]) -> dict[str, Any]:
        """For a device with conditioned rules: its conditional modes and the states its conditions read."""
        items = [*decisions["rules"], *decisions["destinations"], *decisions.get("mode_when", [])]
        entities = {item["when"]["entity"] for item in items if isinstance(item.get("when"), dict)}
        if not entities:
            return {}
        states = [s for s in self.frame()["states"] if s["entity_id"] in entities]
        return {"mode_when": decisions.get("mode_when", []), "condition_states": states}

    def frame(self) -> dict[str, Any]:
        """The `subscribe_states` event: each tracked entity's state (None when it does not exist)."""
        states = []
        for entity_id in self.entities:
            state = self.hass.states.get(entity_id)
            states.append(
                {
                    "entity_id": entity_id,
                    "state": state.state if state is not None else None,
                    "last_changed": int(state.last_changed.timestamp() * 1000) if state is not None else None,
                }
            )
        return {"states": states}
