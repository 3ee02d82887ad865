#!/usr/bin/env bash
# Runs golangci-lint with .golangci.yml on the Go module (default: ./...), at the pinned version, which it
# installs into .cache/bin on first use (built through the Go module proxy: a few minutes, once):
#   scripts/golangci-lint.sh [golangci-lint run arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.15.0
bin=.cache/bin/golangci-lint
if ! "$bin" version 2>/dev/null | grep -q "has version $version "; then
  echo "golangci-lint: installing v$version into .cache/bin (once; a few minutes)" >&2
  GOBIN="$PWD/.cache/bin" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v$version"
fi
if [ $# -eq 0 ]; then
  set -- ./...
fi
exec "$bin" run "$@"
