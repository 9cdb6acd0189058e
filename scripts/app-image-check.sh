#!/usr/bin/env bash
# Runs the app Dockerfile's steps in a Debian bookworm chroot (the base image's distribution), since
# no Docker engine is at hand: apt packages, `npm install --omit=dev` of this repository's `npm pack`
# output, then run.sh with an options file and a Supervisor token, in a private network namespace
# (only its own loopback), until the local page answers. Needs root; the chroot is cached under
# /var/cache/privacy-gateway/app-chroot. One difference from the image is stated in the output: the
# chroot runs this host's Node (the image ships Node 24 LTS from its base image).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
CHROOT=/var/cache/privacy-gateway/app-chroot
MIRROR=${PG_DEBIAN_MIRROR:-http://deb.debian.org/debian}
log() { echo "[app-image] $*" >&2; }

if [[ ! -f $CHROOT/.pg-chroot-ok ]]; then
  log "building a Debian bookworm chroot in $CHROOT"
  rm -rf --one-file-system "$CHROOT.partial"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$CHROOT.partial" "$MIRROR" >&2
  rm -rf --one-file-system "$CHROOT"
  mv "$CHROOT.partial" "$CHROOT"
  touch "$CHROOT/.pg-chroot-ok"
fi

# The base image's Node, stood in for by the host's, with its headers: node-gyp would otherwise fetch
# them from nodejs.org, which the image build can reach and this machine cannot.
install -m 0755 "$(command -v node)" "$CHROOT/usr/local/bin/node"
if [[ -d /usr/include/node ]]; then
  rm -rf "$CHROOT/usr/include/node" && cp -r /usr/include/node "$CHROOT/usr/include/node"
fi
rm -rf "$CHROOT/usr/local/lib/node_modules/npm"
mkdir -p "$CHROOT/usr/local/lib/node_modules"
cp -r "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$CHROOT/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$CHROOT/usr/local/bin/npm"

tarball=$("$REPO/scripts/app-package.sh")
app="$REPO/addon/privacy_gateway"
cp "$tarball" "$CHROOT/tmp/privacy-gateway.tgz"
install -m 0755 "$app/run.sh" "$CHROOT/run.sh"
rm -f "$tarball"

# The Dockerfile's RUN lines, in order (build stage, then the final stage's packages).
steps=$(cat <<'STEPS'
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null
rm -rf /opt/privacy-gateway && mkdir -p /opt/privacy-gateway && cd /opt/privacy-gateway
echo '{"name":"privacy-gateway-app","private":true}' > package.json
npm install --omit=dev --no-fund --no-audit /tmp/privacy-gateway.tgz
apt-get install -y -qq --no-install-recommends jq >/dev/null
STEPS
)
# A private network and pid namespace: the sidecar started inside ends with the probe, never outlives it.
run_in_chroot() {
  unshare --mount --propagation private --net --pid --fork -- /bin/sh -c '
    set -e
    chroot="$1"; shift
    mount -t proc proc "$chroot/proc"
    mount --rbind /dev "$chroot/dev"; mount --make-rslave "$chroot/dev"
    mount --bind "$(readlink -f /etc/resolv.conf)" "$chroot/etc/resolv.conf"
    ip link set lo up 2>/dev/null || true
    exec chroot "$chroot" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin "$@"' sh "$CHROOT" "$@"
}
log "running the Dockerfile's steps"
# The build stage needs the package registries: this first run keeps the host's network, and the host's
# CA bundle (this machine reaches the registries through a TLS-inspecting egress).
unshare --mount --propagation private --fork -- /bin/sh -c '
  set -e
  chroot="$1"; steps="$2"
  mount -t proc proc "$chroot/proc"
  mount --rbind /dev "$chroot/dev"; mount --make-rslave "$chroot/dev"
  mount --bind "$(readlink -f /etc/resolv.conf)" "$chroot/etc/resolv.conf"
  mount --bind -o ro /etc/ssl/certs "$chroot/etc/ssl/certs"
  exec chroot "$chroot" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt npm_config_nodedir=/usr /bin/sh -c "$steps"' sh "$CHROOT" "$steps"

log "starting run.sh as the Supervisor would, in a network namespace of its own"
mkdir -p "$CHROOT/data" "$CHROOT/config"
echo '{"retention_days": 30}' > "$CHROOT/data/options.json"
rm -rf "${CHROOT:?}/config/"*
probe=$(cat <<'PROBE'
SUPERVISOR_TOKEN=check-token /run.sh >/tmp/run.log 2>&1 &
# Beyond loopback the page's API needs its token (the Supervisor's ingress address is trusted instead).
status='const fs=require("fs"); const t=fs.existsSync("/config/page-token")?fs.readFileSync("/config/page-token","utf8").trim():"";
require("http").get({host:"127.0.0.1",port:8099,path:"/api/status",headers:{authorization:"Bearer "+t}},r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))'
for i in $(seq 1 60); do
  if node -e "$status"; then
    echo "local page's status API answered after ${i}s"
    cat /tmp/run.log
    if grep '\[error\]' /tmp/run.log | grep -qv 'hub: Cannot reach Home Assistant'; then echo "errors in the log"; exit 1; fi
    exit 0
  fi
  sleep 1
done
echo "the sidecar did not answer:"; cat /tmp/run.log; exit 1
PROBE
)
run_in_chroot /bin/sh -c "$probe"
log "passed: the Dockerfile's steps and run.sh work on bookworm with Node $(node --version) (the image uses Node 24 LTS)"
