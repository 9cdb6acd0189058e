#!/bin/sh
# Reads the add-on options and starts the sidecar; state lives in the add-on's config folder.
set -eu
OPTIONS=/data/options.json
export PG_DATA_DIR=/config
export PG_HA_URL="$(jq -r '.ha_url' "$OPTIONS")"
export PG_HA_TOKEN="$(jq -r '.ha_token' "$OPTIONS")"
export PG_RETENTION_DAYS="$(jq -r '.retention_days' "$OPTIONS")"
# Listening on 0.0.0.0 reaches the whole network: the sidecar then refuses clients that match no mediated
# device (see DOCS.md, "Who may use the proxy"), and never relays to itself, Home Assistant or the LAN.
exec node /opt/privacy-gateway/node_modules/privacy-gateway/dist/cli.js start \
  --host 0.0.0.0 --port 8080 --page-port 8099 --transparent-tls-port 8443
