#!/usr/bin/env bash
# Builds the Kubernetes oracle (oracle/, a Go module on k8s.io/kubernetes) into target/oracle/oracle
# and prints its path. Modules come from the Go module proxy (go.sum is committed); Go's build
# cache (GOCACHE) makes a rebuild after the first a matter of seconds. Exits 3, saying why, when
# Go is not installed, so callers can skip the live differential plainly.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.local/go/bin:$PATH"   # where scripts/tools.sh puts Go when the machine had none
if ! command -v go >/dev/null 2>&1; then
  echo "oracle-build: Go is not installed (the oracle needs go 1.26 and the Go module proxy)" >&2
  exit 3
fi
# Never switch toolchains behind our back: the go line of oracle/go.mod must be met by this Go.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly
mkdir -p target/oracle
start=$(date +%s)
(cd oracle && go build -trimpath -ldflags='-s -w' -o ../target/oracle/oracle .)
echo "oracle-build: target/oracle/oracle ($(go version | awk '{print $3}'), $(( $(date +%s) - start )) s)" >&2
echo "$PWD/target/oracle/oracle"
