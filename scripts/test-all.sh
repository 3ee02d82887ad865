#!/usr/bin/env bash
# Runs every PerfScope test: static checks, unit tests, the build, and the tests against a real Prometheus
# and a real Chromium. Exits non-zero as soon as one step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

for tool in go node npm promtool prometheus chromium zip unzip; do
  command -v "$tool" >/dev/null || { echo "perfscope tests: '$tool' is not installed (on Debian: bash .ci/run installs everything)" >&2; exit 2; }
done
[ -d node_modules ] || { step "npm ci"; npm ci --no-audit --no-fund; }

step "typecheck";       npm run -s typecheck
step "lint";            npm run -s lint
step "go vet";          go vet ./...
step "unit tests";      npm run -s test:ci
step "go unit tests";   go test ./...
step "build";           npm run -s build && npm run -s build:backend
