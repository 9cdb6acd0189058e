#!/usr/bin/env bash
# The Python >= 3.14 environment the Home Assistant integration is tested in.
#
#   scripts/ha-env.sh               build once (cached), print the venv's path
#   scripts/ha-env.sh run -- CMD…   run CMD in that environment, the repo as cwd
#
# Home Assistant 2026.x needs Python >= 3.14. If the host has one, the venv is made with it. Otherwise a
# Debian testing (forky) chroot is built OUTSIDE the repo and the venv lives inside it; `run` enters the
# chroot in a private mount namespace with the live repo bound at /repo (mounts vanish with the command).
# Everything is cached under $PG_HA_CACHE (default /var/cache/privacy-gateway) and keyed by a stamp of
# the requirements file, so a second call costs a second. Concurrent calls serialise on a flock.
#
# PG_HA_ENV picks the environment: `test` (default) is requirements_test.txt, the release
# pytest-homeassistant-custom-component pins; `e2e` is requirements_e2e.txt, the newest release, for the
# real-hub and browser suites. Both share the chroot; each has its own venv.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
CACHE=${PG_HA_CACHE:-/var/cache/privacy-gateway}
CHROOT=$CACHE/ha-chroot
case ${PG_HA_ENV:-test} in
  test) CHROOT_VENV=/opt/ha-venv; REQS=$REPO/requirements_test.txt; HOST_VENV_NAME=venv-host ;;
  e2e) CHROOT_VENV=/opt/ha-venv-e2e; REQS=$REPO/requirements_e2e.txt; HOST_VENV_NAME=venv-host-e2e ;;
  *) printf '[ha-env] error: PG_HA_ENV must be test or e2e, not %s\n' "$PG_HA_ENV" >&2; exit 1 ;;
esac
SUITE=forky

log() { printf '[ha-env] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

host_python() {
  local candidate
  for candidate in python3.15 python3.14 python3; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 14) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

stamp_text() { printf 'suite=%s\n' "$SUITE"; cat "$REQS"; }

# The Debian mirror the host already uses (deb822 .sources or one-line .list), unless overridden.
debian_mirror() {
  if [[ -n ${PG_DEBIAN_MIRROR:-} ]]; then echo "$PG_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }')
  if [[ -z $uri ]]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:.*\/debian\/?$/) { print $i; exit } }')
  fi
  [[ -n $uri ]] || die "no Debian mirror found in /etc/apt/sources.list.d; set PG_DEBIAN_MIRROR"
  echo "$uri"
}

# Unmount anything left mounted below $1 (deepest first) so that removing it can never reach the host.
unmount_below() {
  local target
  findmnt -rn -o TARGET | awk -v root="$1" 'index($0, root "/") == 1' | sort -r | while read -r target; do
    umount -l "$target" || true
  done
}

build_chroot() {
  [[ -f $CHROOT/.pg-chroot-ok ]] && return 0
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap on the host"
    apt-get install -y debootstrap >&2 || { apt-get update >&2 && apt-get install -y debootstrap >&2; }
  fi
  local mirror partial=$CHROOT.partial started=$SECONDS
  mirror=$(debian_mirror)
  log "building a Debian $SUITE chroot in $CHROOT from $mirror (a few minutes)"
  unmount_below "$partial"
  rm -rf --one-file-system "$partial"
  debootstrap --variant=minbase --include=python3.14,python3.14-venv,ca-certificates \
    "$SUITE" "$partial" "$mirror" /usr/share/debootstrap/scripts/sid >&2
  unmount_below "$partial"
  rm -rf --one-file-system "$CHROOT"
  mv "$partial" "$CHROOT"
  mkdir -p "$CHROOT/repo" "$CHROOT/root/.config"
  touch "$CHROOT/.pg-chroot-ok"
  log "chroot ready in $((SECONDS - started))s"
}

# pip inside the chroot must trust the same CAs and use the same index settings as the host's pip.
copy_pip_config() {
  [[ -f /etc/pip.conf ]] && cp /etc/pip.conf "$CHROOT/etc/pip.conf"
  if [[ -d $HOME/.config/pip ]]; then
    rm -rf "$CHROOT/root/.config/pip"
    cp -r "$HOME/.config/pip" "$CHROOT/root/.config/pip"
  fi
  return 0
}

# Runs inside `unshare --mount`: bind what the chroot needs, then exec CMD in it with cwd /repo.
enter_chroot() {
  mount -t proc proc "$CHROOT/proc"
  mount --rbind /dev "$CHROOT/dev"
  mount --make-rslave "$CHROOT/dev"
  mkdir -p "$CHROOT/etc/ssl/certs"
  mount --bind -o ro /etc/ssl/certs "$CHROOT/etc/ssl/certs"
  local file
  for file in /etc/resolv.conf /etc/hosts; do
    [[ -e $CHROOT$file ]] || touch "$CHROOT$file"
    mount --bind "$(readlink -f "$file")" "$CHROOT$file"
  done
  mount --bind "$REPO" "$CHROOT/repo"
  # A local wheel directory named by PIP_FIND_LINKS is shared; a missing one is not passed on.
  local find_links=${PIP_FIND_LINKS:-}
  if [[ -n $find_links && $find_links == /* && -d $find_links ]]; then
    mkdir -p "$CHROOT$find_links"
    mount --bind -o ro "$find_links" "$CHROOT$find_links"
  else
    unset PIP_FIND_LINKS
  fi
  local -a envs=(HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}"
    PATH="$CHROOT_VENV/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
  local name
  while IFS='=' read -r name _; do
    case $name in
      PIP_* | SSL_CERT_FILE | SSL_CERT_DIR | REQUESTS_CA_BUNDLE | *_proxy | *_PROXY | CI | PYTEST_ADDOPTS)
        envs+=("$name=${!name}") ;;
    esac
  done < <(env)
  exec chroot "$CHROOT" /usr/bin/env -i "${envs[@]}" /bin/sh -c 'cd /repo && exec "$@"' sh "$@"
}

in_chroot() { unshare --mount --propagation private -- "$SELF" __enter "$@"; }

build_venv() {
  local venv=$1 python=$2 stamp started=$SECONDS
  stamp=$(stamp_text)
  if [[ -f $VENV_HOST/.pg-stamp && $(cat "$VENV_HOST/.pg-stamp") == "$stamp" ]]; then return 0; fi
  log "creating the venv $venv and installing $(grep -v '^#' "$REQS" | tr '\n' ' ')"
  rm -rf --one-file-system "$VENV_HOST"
  $RUNNER "$python" -m venv "$venv"
  $RUNNER "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
  $RUNNER "$venv/bin/python" -m pip install --quiet -r "$(basename "$REQS")" >&2
  printf '%s' "$stamp" >"$VENV_HOST/.pg-stamp"
  log "venv ready in $((SECONDS - started))s"
}

ensure_env() {
  [[ -f $REQS ]] || die "missing $REQS"
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock 9
  local python started=$SECONDS
  if python=$(host_python); then
    MODE=host
    RUNNER=host_run
    VENV_HOST=$CACHE/$HOST_VENV_NAME
    build_venv "$VENV_HOST" "$python"
  else
    MODE=chroot
    RUNNER=in_chroot
    VENV_HOST=$CHROOT$CHROOT_VENV
    build_chroot
    copy_pip_config
    build_venv "$CHROOT_VENV" python3.14
  fi
  flock -u 9
  exec 9>&-
  ((SECONDS - started < 5)) || log "environment ready ($MODE) after $((SECONDS - started))s"
}

host_run() { (cd "$REPO" && "$@"); }

main() {
  case ${1:-} in
    __enter) shift; enter_chroot "$@" ;;
    run)
      shift
      [[ ${1:-} == -- ]] && shift
      (($#)) || die "usage: $0 run -- CMD…"
      ensure_env
      if [[ $MODE == host ]]; then
        (cd "$REPO" && PATH="$VENV_HOST/bin:$PATH" exec "$@")
      else
        in_chroot "$@"
      fi
      ;;
    "") ensure_env; echo "$VENV_HOST" ;;
    *) die "usage: $0 [run -- CMD…]" ;;
  esac
}

main "$@"
