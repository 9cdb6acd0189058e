#!/usr/bin/env bash
# The browser the real-frontend suite (test/e2e/ha/card.browser.test.ts) drives: Debian's chromium.
#
#   scripts/browser-env.sh     install chromium when missing (apt), print its path
#
# PG_CHROMIUM names another binary instead (it must exist; nothing is installed then).
set -euo pipefail

log() { printf '[browser-env] %s\n' "$*" >&2; }

if [[ -n ${PG_CHROMIUM:-} ]]; then
  [[ -x $PG_CHROMIUM ]] || { log "error: PG_CHROMIUM=$PG_CHROMIUM is not an executable"; exit 1; }
  echo "$PG_CHROMIUM"
  exit 0
fi

if [[ ! -x /usr/bin/chromium ]]; then
  command -v apt-get >/dev/null 2>&1 || { log "error: no /usr/bin/chromium and no apt-get to install it"; exit 1; }
  log "installing Debian's chromium (once)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends chromium >&2 \
    || { apt-get update >&2 && apt-get install -y --no-install-recommends chromium >&2; }
fi
echo /usr/bin/chromium
