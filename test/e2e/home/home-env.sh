#!/usr/bin/env bash
# What the simulated-home suite (test/e2e/home) needs on the machine: `ip` (iproute2), `dig` (dnsutils)
# and curl, plus any Debian packages named as arguments (e.g. `home-env.sh mosquitto mosquitto-clients`).
# Installs what is missing with apt (scripts/apt-env.sh). Exit 0: all present; 1: missing (reason on stderr).
set -euo pipefail

packages=("$@")
command -v ip >/dev/null 2>&1 || packages+=(iproute2)
command -v dig >/dev/null 2>&1 || packages+=(dnsutils)
command -v curl >/dev/null 2>&1 || packages+=(curl)
exec "$(dirname "$0")/../../../scripts/apt-env.sh" "${packages[@]}"
