#!/usr/bin/env bash
# The fixture scenarios on the other engines (docs/engines.md): for each of thanos and victoriametrics (or the
# ones named), scripts/with-engine.sh serves them and the value-asserting tests run against it: the rates the
# fixture reference computes (tools/fixtures), the backend's query types over gRPC
# (pkg/plugin/integration_test.go), the CLI (check, discover), every dashboard query and the Prometheus rule
# file, its recording rules replayed into the engine by vmalert (tests/prometheus).
#   scripts/test-engines.sh [thanos] [victoriametrics]
set -euo pipefail
cd "$(dirname "$0")/.."
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(thanos victoriametrics)

# Every test of pkg/plugin/integration_test.go: each reads the fixture through fixturePrometheus.
go_tests=$(sed -n 's/^func \(Test[A-Za-z0-9_]*\)(t \*testing.T).*/\1/p' pkg/plugin/integration_test.go)
# The suites that assert the values of expected.json on the scenario fixture; the preset fixtures (served by
# Prometheus only) are left out.
jest_suites="tests/prometheus/{check,discover,fixtures,missing,alerting,dashboards}.test.ts"
jest_skip=('for another profile, on the preset fixture')

# Thanos Query evaluates PromQL as Prometheus 3 does: range selectors leave out the sample at the window's
# start, so rate() extrapolates, and where a rate changes inside the window its value is not expected.json's
# exact one. TestServerAnswersTheReferenceRates proves those values are Prometheus 3's to the ninth digit; the
# tests that pin them are left out on Thanos (docs/engines.md, "Range selectors").
thanos_go_skip='TestHealthQueryMatchesEveryScenario|TestHealthSeriesFollowTheScenarioSeries|TestSLAQueryMatchesEveryScenario|TestMTTRQueryMatchesTheIncidentBreaches'
thanos_jest_skip=(
  'perfscope check --service budget-burn gives the expected'
  'perfscope check --service incident '
  'budget-burn: error ratio over every SLA window'
  'incident: error ratio over every SLA window'
  'discover writes a profile'
  'panels show what their scenario is about operations: the incident breaks'
  "panels show what their scenario is about development: each endpoint's share of the error budget"
)

join() { local IFS='|'; echo "$*"; }

for engine in "${engines[@]}"; do
  printf '\n-- %s\n' "$engine"
  start=$SECONDS
  tests=$go_tests
  skip=("${jest_skip[@]}")
  if [ "$engine" = thanos ]; then
    tests=$(grep -vxE "$thanos_go_skip" <<<"$go_tests")
    skip+=("${thanos_jest_skip[@]}")
  fi
  go_run="^($(join $tests))\$"
  jest_run="^(?!$(join "${skip[@]}"))"
  scripts/with-engine.sh "$engine" -- bash -c "
    go test -count=1 ./tools/fixtures/ -run '^TestServerAnswersTheReferenceRates\$' &&
    go test -count=1 ./tools/fixtures/cmd/fixtures/ -run '^TestServeEnginePassesExitCodeAndStopsEveryProcess\$' &&
    go test -count=1 ./pkg/plugin/ -run '$go_run' &&
    npx jest --selectProjects prometheus --config jest.config.js $jest_suites -t \"\$0\"" "$jest_run"
  echo "$engine: $((SECONDS - start)) s"
done
