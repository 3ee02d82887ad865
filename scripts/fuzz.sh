#!/usr/bin/env bash
# Runs each Go fuzz target for a bounded time (FUZZTIME, default 10s). A failing input is saved under the
# package's testdata/fuzz/ so `go test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-10s}"
targets=(
  "./pkg/scoring FuzzSubScore"
  "./pkg/scoring FuzzComposite"
  "./pkg/scoring FuzzParseProfile"
  "./pkg/scoring FuzzViewerValuesStayInTheirStrings"
  "./pkg/plugin FuzzQueryParsing"
  "./pkg/discovery FuzzMetricNames"
  "./pkg/presets FuzzJSNumber"
)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for target in "${targets[@]}"; do
  read -r pkg name <<<"$target"
  echo "fuzz $name ($pkg, $fuzztime)"
  run() { go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg" >"$log" 2>&1; }
  # On a loaded machine the fuzzing engine itself can time out talking to its workers ("context deadline
  # exceeded") without finding anything: that, and only that, is tried once more.
  if ! run && ! { grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log" && run; }; then
    grep -v '^{"@level' "$log" | tail -n 40 >&2
    echo "fuzz: $name failed; the input is saved under $pkg/testdata/fuzz/$name" >&2
    exit 1
  fi
  grep -v '^{"@level' "$log" | tail -n 2 || true
done
