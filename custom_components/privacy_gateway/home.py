"""What the home already knows, for the sidecar's classifier.

The sidecar's user is not an admin, and the device registry and user list are admin-only, so the
integration (which runs with full access) collects this *home knowledge* and pushes it over the hub
protocol (`privacy_gateway/sidecar/subscribe_home`): the home zone, the names of persons and of the
users they link to, and the names, serial numbers, connections (MACs…) and identifiers of the devices
in the device registry. The sidecar keeps it in memory only and matches traffic against it.

The frame is rebuilt when the device registry, a person or the home zone changes, and sent only when
its content changed (a person walking home changes `person.*` state, not the frame).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from homeassistant.const import (
    ATTR_FRIENDLY_NAME,
    ATTR_LATITUDE,
    ATTR_LONGITUDE,
    EVENT_CORE_CONFIG_UPDATE,
    EVENT_STATE_CHANGED,
)
from homeassistant.core import CALLBACK_TYPE, Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.debounce import Debouncer

from .const import LOGGER

if TYPE_CHECKING:
    from .link import SidecarLink

HOME_ZONE = "zone.home"
# Home Assistant's own default radius of the home zone.
DEFAULT_HOME_RADIUS = 100
# Bounds of one frame (docs/HUB_PROTOCOL.md); the sidecar's schema refuses a frame beyond them.
MAX_PERSONS = 200
MAX_DEVICES = 2000
MAX_PER_DEVICE = 50
MAX_TEXT = 255
REFRESH_COOLDOWN = 1.0


def _text(value: Any) -> str | None:
    """A non-empty string within the frame's bounds, else None (nothing to match on)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= MAX_TEXT else None


def _zone(hass: HomeAssistant) -> dict[str, float] | None:
    """The home zone's centre and radius; the core configuration when the zone has no state yet."""
    if (state := hass.states.get(HOME_ZONE)) is not None:
        latitude = state.attributes.get(ATTR_LATITUDE)
        longitude = state.attributes.get(ATTR_LONGITUDE)
        radius = state.attributes.get("radius", DEFAULT_HOME_RADIUS)
    else:
        latitude, longitude, radius = hass.config.latitude, hass.config.longitude, hass.config.radius
    if not isinstance(latitude, (int, float)) or not isinstance(longitude, (int, float)):
        return None
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        return None
    radius = radius if isinstance(radius, (int, float)) and radius >= 0 else DEFAULT_HOME_RADIUS
    return {"latitude": float(latitude), "longitude": float(longitude), "radius": float(radius)}


async def _persons(hass: HomeAssistant) -> list[dict[str, str | None]]:
    """Each person's name and the name of the Home Assistant user it links to."""
    persons: list[dict[str, str | None]] = []
    for state in sorted(hass.states.async_all("person"), key=lambda s: s.entity_id):
        if (name := _text(state.attributes.get(ATTR_FRIENDLY_NAME))) is None:
            continue
        user_name = None
        if isinstance(user_id := state.attributes.get("user_id"), str):
            if (user := await hass.auth.async_get_user(user_id)) is not None:
                user_name = _text(user.name)
        persons.append({"name": name, "user": user_name})
    return persons[:MAX_PERSONS]


def _device(device: dr.DeviceEntry) -> dict[str, Any] | None:
    """A registry device's names and identifiers; None when it has nothing to match on."""
    names = list(dict.fromkeys(n for n in (_text(device.name_by_user), _text(device.name)) if n))
    connections = sorted(
        [kind, value] for kind, raw in device.connections if (value := _text(raw)) is not None
    )
    identifiers = sorted(
        [domain, value] for domain, raw in device.identifiers if (value := _text(raw)) is not None
    )
    serial = _text(device.serial_number)
    if not names and not connections and not identifiers and serial is None:
        return None
    return {
        "id": device.id,
        "names": names,
        "serial_number": serial,
        "connections": connections[:MAX_PER_DEVICE],
        "identifiers": identifiers[:MAX_PER_DEVICE],
    }


def _devices(hass: HomeAssistant) -> list[dict[str, Any]]:
    """The device registry, without services (their identifiers are entry ids no device sends)."""
    devices = []
    for device in dr.async_get(hass).devices.values():
        if device.entry_type is dr.DeviceEntryType.SERVICE:
            continue
        if (described := _device(device)) is not None:
            devices.append(described)
    devices.sort(key=lambda d: d["id"])
    return devices[:MAX_DEVICES]


async def async_collect_home_knowledge(hass: HomeAssistant) -> dict[str, Any]:
    """The `subscribe_home` event: zone, persons and devices, with an etag of that content."""
    content = {"zone": _zone(hass), "persons": await _persons(hass), "devices": _devices(hass)}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]
    return {"etag": digest, **content}


class HomeKnowledgeTracker:
    """Rebuilds the home knowledge when the registry, a person or the zone changes; pushes changes."""

    def __init__(self, hass: HomeAssistant, link: SidecarLink) -> None:
        """Store the arguments; `async_start` starts listening."""
        self.hass = hass
        self.link = link
        self.etag: str | None = None
        self._unsubs: list[CALLBACK_TYPE] = []
        self._debouncer: Debouncer[Any] | None = None

    @callback
    def async_start(self) -> None:
        """Listen to the registries and states the knowledge comes from."""
        self._debouncer = Debouncer(
            self.hass, LOGGER, cooldown=REFRESH_COOLDOWN, immediate=False, function=self.async_refresh
        )
        bus = self.hass.bus
        self._unsubs = [
            bus.async_listen(dr.EVENT_DEVICE_REGISTRY_UPDATED, self._schedule),
            bus.async_listen(EVENT_CORE_CONFIG_UPDATE, self._schedule),
            bus.async_listen(EVENT_STATE_CHANGED, self._schedule, event_filter=_is_knowledge_state),
        ]
        # Sidecars subscribed before a reload get the reloaded hub's knowledge (if it changed).
        self._debouncer.async_schedule_call()

    @callback
    def async_stop(self) -> None:
        """Stop listening."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs = []
        if self._debouncer is not None:
            self._debouncer.async_shutdown()
            self._debouncer = None

    @callback
    def _schedule(self, _event: Event[Any]) -> None:
        if self._debouncer is not None:
            self._debouncer.async_schedule_call()

    async def async_refresh(self) -> None:
        """Collect the knowledge and send it to the sidecars when it changed."""
        frame = await async_collect_home_knowledge(self.hass)
        if frame["etag"] == self.etag:
            return
        self.etag = frame["etag"]
        self.link.publish_home(frame)


@callback
def _is_knowledge_state(event_data: EventStateChangedData) -> bool:
    entity_id = event_data["entity_id"]
    return entity_id == HOME_ZONE or entity_id.startswith("person.")
