#!/usr/bin/env bash
# Runs a command against Debian's Prometheus serving the fixture scenarios (testdata/scenarios):
#   scripts/with-prometheus.sh [--port N] [--scenario a,b] -- COMMAND ARGS...
# exports PERFSCOPE_PROMETHEUS_URL (and PERFSCOPE_PROMETHEUS_DATA, _CONFIG, PERFSCOPE_FIXTURE_TIME) to it and
# always stops Prometheus afterwards. Without a command it serves until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/bin
go build -o .cache/bin/fixtures ./tools/fixtures/cmd/fixtures
exec .cache/bin/fixtures serve "$@"
