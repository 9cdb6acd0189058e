#!/bin/sh
# Starts the sidecar inside the Home Assistant app. State lives in the app's own config folder
# (/config, the `app_config` map), so backups include the CA, the hash key, the policy and the ledger.
set -eu
OPTIONS=/data/options.json
export PG_DATA_DIR=/config
# The Supervisor's proxy to Home Assistant's websocket; the Supervisor gives every app with
# `homeassistant_api: true` a token for it. No token is pasted by the owner.
export PG_HA_URL=http://supervisor/core
export PG_HA_TOKEN="${SUPERVISOR_TOKEN:?the Supervisor gave no token: is homeassistant_api enabled?}"
export PG_RETENTION_DAYS="$(jq -r '.retention_days' "$OPTIONS")"
# Requests from the Supervisor's ingress proxy were authenticated by Home Assistant; anyone else who
# reaches the page's port inside the app network needs the page's login.
export PG_PAGE_TRUSTED_ADDRESSES=172.30.32.2
# Listens on every address of the container: the Supervisor publishes only the ports the owner
# enabled in the Network settings, and the page's port is reached through ingress only.
# Listening on 0.0.0.0 reaches the whole network: the sidecar then refuses clients that match no mediated
# device (see DOCS.md, "Who may use the proxy"), and never relays to itself, Home Assistant or the LAN.
set -- --host 0.0.0.0 --port 8080 --page-port 8099 \
  --transparent-http-port 80 --transparent-tls-port 443 --mqtts-port 8883 --dns-port 53
# Steering needs the address devices reach; without it the DNS listener records and sinkholes only.
ANSWER="$(jq -r '.dns_answer_address // ""' "$OPTIONS")"
if [ -n "$ANSWER" ]; then set -- "$@" --dns-answer-address "$ANSWER"; fi
# Plain MQTT names no broker: its listener finds it from the names DNS steered to the device (with
# dns_answer_address), else bridges to the broker the owner names; with neither it stays off.
BROKER="$(jq -r '.mqtt_upstream // ""' "$OPTIONS")"
if [ -n "$BROKER" ]; then set -- "$@" --mqtt-upstream "$BROKER"; fi
if [ -n "$BROKER" ] || [ -n "$ANSWER" ]; then set -- "$@" --mqtt-port 1883; fi
# PG_NODE_FLAGS (the Dockerfile) holds V8 flags NODE_OPTIONS may not carry; split into words on purpose.
# shellcheck disable=SC2086
exec node $PG_NODE_FLAGS /opt/privacy-gateway/node_modules/privacy-gateway/dist/cli.js start "$@"
