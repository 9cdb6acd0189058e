#!/usr/bin/env bash
# Installs the tools `npm run bench` compares against. Bench only: CI and `npm test` never need them.
#
#   scripts/bench-env.sh            install (idempotent, cached), then print where mitmdump is
#
# - wrk (Debian package): the load generator, in C so it takes little of the 2 cores from the proxies.
# - nginx-light (Debian package): the native reverse-proxy reference (bench/lib/nginx.mjs runs it as the current user).
# - mitmproxy from PyPI in a venv OUTSIDE the repo ($PG_BENCH_CACHE, default
#   /var/cache/privacy-gateway/bench-venv). 11.0.x is the newest line that still runs on Python 3.11;
#   Debian's own `mitmproxy` package (8.1) is the fallback when no suitable Python is found.
# bench/run.mjs finds mitmdump in that venv (or on PATH) and marks the mitmproxy rows unavailable otherwise.
set -euo pipefail

CACHE=${PG_BENCH_CACHE:-/var/cache/privacy-gateway}
VENV=$CACHE/bench-venv
MITM_SPEC=${PG_BENCH_MITMPROXY:-mitmproxy>=11.0,<11.1}

log() { printf '[bench-env] %s\n' "$*" >&2; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

python_for_mitmproxy() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

apt_install wrk nginx-light

if [[ -x $VENV/bin/mitmdump ]]; then
  log "mitmproxy already in $VENV"
elif python=$(python_for_mitmproxy); then
  log "creating $VENV with $python and installing $MITM_SPEC"
  mkdir -p "$CACHE"
  "$python" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "$MITM_SPEC"
else
  log "no Python >= 3.11: falling back to Debian's mitmproxy package"
  apt_install mitmproxy
fi

if [[ -x $VENV/bin/mitmdump ]]; then echo "$VENV/bin/mitmdump"; else command -v mitmdump; fi
