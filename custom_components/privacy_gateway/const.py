"""Constants for the Privacy Gateway integration."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Final

DOMAIN: Final = "privacy_gateway"
LOGGER = logging.getLogger(__package__)

# Config entry data: the sidecar's dedicated system user and its refresh token (never the token text).
CONF_USER_ID: Final = "user_id"
CONF_REFRESH_TOKEN_ID: Final = "refresh_token_id"
CONF_ROTATE_TOKEN: Final = "rotate_token"

# Options.
CONF_MODE: Final = "mode"
CONF_RETENTION_DAYS: Final = "retention_days"
CONF_NOTIFICATIONS: Final = "notifications"
CONF_VIOLATION_WINDOW: Final = "violation_window"

# Mediated device subentries.
SUBENTRY_MEDIATED_DEVICE: Final = "mediated_device"
CONF_DEVICE_ID: Final = "device_id"
CONF_ADDRESSES: Final = "addresses"
CONF_MACS: Final = "macs"

MODES: Final = ("monitor", "enforce", "lockdown")
FIELD_ACTIONS: Final = ("allow", "redact", "hash", "drop", "block")
CATEGORIES: Final = (
    "location",
    "network",
    "device",
    "personal",
    "credentials",
    "health",
    "media",
    "behaviour",
    "third_party",
)

DEFAULT_MODE: Final = "monitor"
DEFAULT_RETENTION_DAYS: Final = 30
DEFAULT_NOTIFICATIONS: Final = False
DEFAULT_VIOLATION_WINDOW: Final = 15  # minutes

SIDECAR_USER_NAME: Final = "Privacy Gateway sidecar"
# The sidecar's access token lives as long as a long-lived token; rotating it revokes the old one.
SIDECAR_TOKEN_LIFETIME: Final = timedelta(days=3650)
# A sidecar that restarts or reconnects within this grace does not raise a repair issue.
SIDECAR_GRACE: Final = timedelta(seconds=60)

EVENT_VIOLATION: Final = f"{DOMAIN}_violation"
EVENT_NEW_DESTINATION: Final = f"{DOMAIN}_new_destination"
EVENT_OPAQUE_PAYLOAD: Final = f"{DOMAIN}_opaque_payload"
EVENT_DNS_BYPASS: Final = f"{DOMAIN}_dns_bypass"

# "Uses its own DNS": the signals the sidecar reports (src/dns/bypass.ts), and how long one keeps the
# binary sensor on (the sidecar repeats a signal at most hourly while it goes on).
DNS_BYPASS_SIGNALS: Final = (
    "resolved-encrypted-dns",
    "connected-encrypted-dns",
    "connected-dns-port",
    "unresolved-address",
)
OWN_DNS_WINDOW: Final = timedelta(days=7)
MAX_OWN_DNS_SIGNALS: Final = 20

ISSUE_SIDECAR_DISCONNECTED: Final = "sidecar_disconnected"
ISSUE_UNASSIGNED_CLIENT_PREFIX: Final = "unassigned_client_"

# Bounds that keep a misbehaving sidecar from growing Home Assistant's memory or storage.
MAX_REPORT_ITEMS: Final = 500
MAX_SEEN_IDS: Final = 20_000
MAX_DESTINATIONS_PER_DEVICE: Final = 500
