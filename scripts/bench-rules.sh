#!/usr/bin/env bash
# npm run bench:rules: PerfScope's Prometheus rule file against Sloth's rules for the same SLO, on Debian's
# Prometheus over 50 and 500 services (tools/rulebench). Installs Sloth v0.16.0 into .cache/bin when missing.
# Arguments go to rulebench, e.g. -services 50 or -before OLD.rules.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/bin
if [ ! -x .cache/bin/sloth ]; then
  GOBIN="$PWD/.cache/bin" go install github.com/slok/sloth/cmd/sloth@v0.16.0
fi
go build -o .cache/bin/rulebench ./tools/rulebench
exec .cache/bin/rulebench -sloth .cache/bin/sloth "$@"
