#!/usr/bin/env bash
# What the simulated-home suite (test/e2e/home) needs on the machine: `ip` (iproute2), `dig` (dnsutils)
# and curl, plus any Debian packages named as arguments (e.g. `home-env.sh mosquitto mosquitto-clients`).
# Installs what is missing with apt, as scripts/browser-env.sh does for Chromium.
# Exit 0: all present. Exit 1: something is missing and could not be installed (reason on stderr).
set -euo pipefail

log() { printf '[home-env] %s\n' "$*" >&2; }

missing=()
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v dig >/dev/null 2>&1 || missing+=(dnsutils)
command -v curl >/dev/null 2>&1 || missing+=(curl)
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command -v apt-get >/dev/null 2>&1 || { log "error: missing ${missing[*]} and no apt-get to install them"; exit 1; }
log "installing ${missing[*]} (once)"
export DEBIAN_FRONTEND=noninteractive
# Another apt may hold the lock for a while (parallel installs): wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >&2 \
  || { apt-get -o DPkg::Lock::Timeout=300 update >&2 && apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >&2; } \
  || { log "error: could not install ${missing[*]}"; exit 1; }
