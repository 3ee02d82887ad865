#!/usr/bin/env bash
# Runs every PerfScope test: static checks, unit tests, the build, the tests against a real Prometheus and on
# Thanos and VictoriaMetrics, the built plugin in a real Chromium, and the release zip. Stops at the first
# failure with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

for tool in go node npm promtool prometheus chromium zip unzip; do
  command -v "$tool" >/dev/null || { echo "perfscope tests: '$tool' is not installed (on Debian, bash .ci/run installs everything)" >&2; exit 2; }
done
[ -d node_modules ] || { step "npm ci"; npm ci --no-audit --no-fund; }

step "typecheck";  npm run -s typecheck
step "lint";       npm run -s lint
step "go vet and golangci-lint"; go vet ./...; scripts/golangci-lint.sh
step "unit tests"; npm run -s test:ci
step "build";      npm run -s build && npm run -s build:backend && npm run -s build:browser-host && npm run -s build:cli

step "tests against the fixture Prometheus (Go and Jest)"
PERFSCOPE_REQUIRE_PROMETHEUS=1 scripts/with-prometheus.sh --presets all -- \
  bash -c 'go test -count=1 ./... && npx jest --selectProjects prometheus'

step "the fixture scenarios on Thanos and VictoriaMetrics"
scripts/test-engines.sh # each engine from PATH, its variable or scripts/engines.sh

step "Go fuzz targets (10 s each)"; scripts/fuzz.sh
step "the demo: workload, compose files, live Prometheus"; npm run -s test:demo
step "the built plugin in Chromium"; npm run -s test:browser
step "release zip";                 npm run -s package && npx jest --selectProjects package
