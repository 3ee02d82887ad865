#!/usr/bin/env bash
# Records the data frames the panels' tests, browser tests and gallery use (testdata/frames/) from the fixture
# Prometheus, through Grafana's Prometheus datasource shape and through PerfScope's backend datasource.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-prometheus.sh -- go run ./tools/frames "$@"
