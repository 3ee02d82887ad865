#!/usr/bin/env bash
# Runs a command against the fixture scenarios (testdata/scenarios) served by another engine than Prometheus:
#   scripts/with-engine.sh thanos|victoriametrics [--scenario a,b] -- COMMAND ARGS...
# thanos: Thanos Query (--query.replica-label=replica) over two Prometheus replicas of the same data, each
# behind a Thanos sidecar; victoriametrics: VictoriaMetrics single-node with the scenarios imported.
# Exports PERFSCOPE_PROMETHEUS_URL (the engine's Prometheus API), PERFSCOPE_ENGINE, PERFSCOPE_ENGINE_WRITE_URLS
# (remote write into the engine, one URL per Thanos replica, space-separated) and PERFSCOPE_FIXTURE_TIME, and always stops every process afterwards.
# The engines come from PERFSCOPE_THANOS / PERFSCOPE_VICTORIAMETRICS, PATH, or scripts/engines.sh (docs/engines.md).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/with-engine.sh thanos|victoriametrics [--scenario a,b] -- COMMAND ARGS..." >&2; exit 2; }
engine=$1
shift
while IFS='=' read -r name path; do
  [ -z "${!name:-}" ] && [ -n "$path" ] && export "$name=$path"
done < <(scripts/engines.sh)
mkdir -p .cache/bin
go build -o .cache/bin/fixtures ./tools/fixtures/cmd/fixtures
exec .cache/bin/fixtures serve --engine "$engine" "$@"
