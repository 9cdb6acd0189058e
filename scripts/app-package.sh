#!/usr/bin/env bash
# Packs this repository (`npm pack`, which builds first) into the app folder as privacy-gateway.tgz,
# the file addon/privacy_gateway/Dockerfile installs. The release workflow runs it before the
# Home Assistant builder; run it by hand before building the image locally.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app="$root/addon/privacy_gateway"
version="$(node -p "require('$root/package.json').version")"
app_version="$(sed -n 's/^version: "\(.*\)"$/\1/p' "$app/config.yaml")"
if [ "$version" != "$app_version" ]; then
  echo "package.json is $version but the app's config.yaml is $app_version: release them together" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && npm pack --silent --pack-destination "$tmp" >/dev/null)
mv "$tmp"/privacy-gateway-"$version".tgz "$app/privacy-gateway.tgz"
echo "$app/privacy-gateway.tgz"
