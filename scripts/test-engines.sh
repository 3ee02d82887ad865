#!/usr/bin/env bash
# The fixture scenarios on the other engines (docs/engines.md): for each of thanos and victoriametrics (or the
# ones named), scripts/with-engine.sh serves them and the value-asserting tests run against it: the backend's
# query types over gRPC (pkg/plugin/integration_test.go), the CLI (check, discover), every dashboard query and
# the Prometheus rule file, its recording rules replayed into the engine by vmalert (tests/prometheus).
#   scripts/test-engines.sh [thanos] [victoriametrics]
set -euo pipefail
cd "$(dirname "$0")/.."
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(thanos victoriametrics)

# Every test of pkg/plugin/integration_test.go: each reads the fixture through fixturePrometheus.
go_tests="^($(sed -n 's/^func \(Test[A-Za-z0-9_]*\)(t \*testing.T).*/\1/p' pkg/plugin/integration_test.go | paste -sd'|'))\$"

# The suites that assert the values of expected.json on the scenario fixture; the preset fixtures (served by
# Prometheus only) are left out.
jest_suites="tests/prometheus/{check,discover,fixtures,missing,alerting,dashboards}.test.ts"
jest_tests='^(?!for another profile, on the preset fixture)'

for engine in "${engines[@]}"; do
  printf '\n-- %s\n' "$engine"
  start=$SECONDS
  scripts/with-engine.sh "$engine" -- bash -c "go test -count=1 ./pkg/plugin/ -run '$go_tests' &&
    npx jest --selectProjects prometheus --config jest.config.js $jest_suites -t '$jest_tests'"
  echo "$engine: $((SECONDS - start)) s"
done
