#!/usr/bin/env bash
# Builds the release zip laid out as grafana.com expects:
#   artifacts/perfscope-health-app-<version>.zip  holding  perfscope-health-app/{plugin.json,module.js,...}
# with the backend for linux/amd64, linux/arm64, linux/arm, darwin/amd64, darwin/arm64 and windows/amd64.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "package: $*" >&2; exit 2; }
for tool in go node zip; do
  command -v "$tool" >/dev/null || fail "$tool is not installed${tool/zip/ (Debian package zip)}"
done
[ -d node_modules ] || fail "node_modules is missing: run npm ci first"

id=perfscope-health-app
version=$(node -p "require('./package.json').version")
out="artifacts/$id-$version.zip"

npm run -s build >/dev/null || fail "the frontend build failed: run npm run build to see why"
go run github.com/magefile/mage -d . release >/dev/null || fail "the backend build failed: run go run github.com/magefile/mage -v release to see why"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r dist "$stage/$id"
find "$stage/$id" -name '*.map' -delete
mkdir -p artifacts
# Zip beside the target and rename, so a failed run never leaves a half-written zip.
(cd "$stage" && zip -qr -X "$id.zip" "$id")
mv "$stage/$id.zip" "$out"
echo "$out"
