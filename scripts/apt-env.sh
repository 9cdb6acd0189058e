#!/usr/bin/env bash
# Debian packages a test suite needs, installed with apt when missing (as scripts/browser-env.sh does for
# Chromium): `scripts/apt-env.sh mosquitto mosquitto-clients`. `npm test` (and so .ci/run) gets its system
# tools this way, from the suites that need them, not from a separate setup step.
# Exit 0: all present. Exit 1: something is missing and could not be installed (reason on stderr).
set -euo pipefail

log() { printf '[apt-env] %s\n' "$*" >&2; }

missing=()
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command -v apt-get >/dev/null 2>&1 || { log "error: missing ${missing[*]} and no apt-get to install them"; exit 1; }
log "installing ${missing[*]} (once)"
export DEBIAN_FRONTEND=noninteractive
# Another apt may hold the lock for a while (parallel suites): wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >&2 \
  || { apt-get -o DPkg::Lock::Timeout=300 update >&2 && apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >&2; } \
  || { log "error: could not install ${missing[*]}"; exit 1; }
