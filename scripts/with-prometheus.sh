#!/usr/bin/env bash
# Runs a command against Debian's Prometheus serving the fixture scenarios (testdata/scenarios):
#   scripts/with-prometheus.sh [--port N] [--scenario a,b] [--presets all|FIXTURE,...] [--fleet N] [--presets-only] -- COMMAND ARGS...
# exports PERFSCOPE_PROMETHEUS_URL (and PERFSCOPE_PROMETHEUS_DATA, _CONFIG, PERFSCOPE_FIXTURE_TIME) to it and
# always stops Prometheus afterwards. Without a command it serves until Ctrl-C.
# --presets also starts one Prometheus per preset fixture (testdata/presets/expected.json; ids such as
# otel-http+node-exporter) and exports PERFSCOPE_PRESET_PROMETHEUS, a JSON object from fixture id to its URL;
# --fleet N also starts one over N services (svc-0001, ...) living the scenarios for the last 75 minutes, in the
# express-prom-bundle shape labelled by job, exported as PERFSCOPE_FLEET_PROMETHEUS (npm run bench:discover);
# --presets-only starts the preset and fleet servers alone (no PERFSCOPE_PROMETHEUS_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/bin
go build -o .cache/bin/fixtures ./tools/fixtures/cmd/fixtures
exec .cache/bin/fixtures serve "$@"
