#!/usr/bin/env bash
# Installs the engines PerfScope's fixture scenarios are proven on (docs/engines.md), once per version, into
# ${PERFSCOPE_ENGINES_CACHE:-~/.cache/perfscope/engines}, and prints one NAME=PATH line per binary:
#   scripts/engines.sh            # PERFSCOPE_VICTORIAMETRICS, PERFSCOPE_VMALERT, PERFSCOPE_THANOS
# A binary named by its variable, or found on PATH (victoria-metrics, vmalert, thanos), is used as it is, as a
# user who installed a release would. VictoriaMetrics and vmalert come from `go install`; Thanos is built from
# the source tree in PERFSCOPE_THANOS_SRC (default /work/shared/engines/thanos-src-*.tar.gz) when it is present,
# with the build tags of Thanos's own release build (.promu.yml): without slicelabels its sidecar crashes.
set -euo pipefail

VM_VERSION=v1.151.0
THANOS_COMMIT=e103a81b
THANOS_SRC=${PERFSCOPE_THANOS_SRC:-/work/shared/engines/thanos-src-$THANOS_COMMIT.tar.gz}
cache=${PERFSCOPE_ENGINES_CACHE:-$HOME/.cache/perfscope/engines}

# found VAR NAME: the binary from $VAR or PATH, if any.
found() {
  local set=${!1:-}
  if [ -n "$set" ]; then
    [ -x "$set" ] || { echo "engines.sh: $1=$set is not an executable" >&2; exit 1; }
    echo "$set"
  else
    command -v "$2" || true
  fi
}

# vm_tool NAME: go install of one VictoriaMetrics app at VM_VERSION.
vm_tool() {
  local dir=$cache/victoriametrics-$VM_VERSION
  if [ ! -x "$dir/$1" ]; then
    mkdir -p "$dir.tmp"
    echo "engines.sh: installing $1 $VM_VERSION (go install)" >&2
    GOBIN=$(cd "$dir.tmp" && pwd) go install "github.com/VictoriaMetrics/VictoriaMetrics/app/$1@$VM_VERSION"
    mkdir -p "$dir" && mv "$dir.tmp/$1" "$dir/$1" && rmdir "$dir.tmp"
  fi
  echo "$dir/$1"
}

thanos_tool() {
  local dir=$cache/thanos-$THANOS_COMMIT-slicelabels
  if [ ! -x "$dir/thanos" ]; then
    [ -f "$THANOS_SRC" ] || return 0
    echo "engines.sh: building thanos $THANOS_COMMIT from $THANOS_SRC (about 4 minutes)" >&2
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    tar -xzf "$THANOS_SRC" -C "$tmp"
    mkdir -p "$dir"
    (cd "$tmp/thanos-src" && GOTOOLCHAIN=${PERFSCOPE_THANOS_GOTOOLCHAIN:-go1.27.3} go build -tags netgo,slicelabels -o "$dir/thanos.tmp" ./cmd/thanos)
    mv "$dir/thanos.tmp" "$dir/thanos"
  fi
  echo "$dir/thanos"
}

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9 # one install at a time

vm=$(found PERFSCOPE_VICTORIAMETRICS victoria-metrics)
[ -n "$vm" ] || vm=$(vm_tool victoria-metrics)
vmalert=$(found PERFSCOPE_VMALERT vmalert)
[ -n "$vmalert" ] || vmalert=$(vm_tool vmalert)
thanos=$(found PERFSCOPE_THANOS thanos)
[ -n "$thanos" ] || thanos=$(thanos_tool)
[ -n "$thanos" ] || echo "engines.sh: no thanos on PATH, in PERFSCOPE_THANOS or at $THANOS_SRC: install a Thanos release (docs/engines.md)" >&2

echo "PERFSCOPE_VICTORIAMETRICS=$vm"
echo "PERFSCOPE_VMALERT=$vmalert"
echo "PERFSCOPE_THANOS=$thanos"
