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
# `oracle simulate` needs a few unexported parts of the Job and TTL-after-finished controllers, so
# our shim files (oracle/shim/<package>/*.go.txt) are compiled into those packages. Go refuses an
# overlay beneath GOMODCACHE, so they go into a build-time copy of k8s.io/kubernetes (git-ignored,
# made once per version) and a build-only go.mod replaces the module with that copy. No patched or
# copied Kubernetes file is ever committed; oracle/go.mod stays the one `go mod tidy` maintains.
k8s_version=$(cd oracle && go list -m -f "{{.Version}}" k8s.io/kubernetes)
k8s_src="$(go env GOMODCACHE)/k8s.io/kubernetes@${k8s_version}"
k8s_copy="$PWD/target/oracle/k8s"
if [ ! -d "$k8s_src" ]; then
  (cd oracle && go mod download k8s.io/kubernetes)
fi
if [ "$(cat "$k8s_copy/.joblab-version" 2>/dev/null)" != "$k8s_version" ]; then
  rm -rf "$k8s_copy"
  cp -R "$k8s_src" "$k8s_copy"
  chmod -R u+w "$k8s_copy"
  echo "$k8s_version" > "$k8s_copy/.joblab-version"
fi
for dir in oracle/shim/*/; do
  pkg=$(basename "$dir")
  for f in "$dir"*.go.txt; do
    target="$k8s_copy/pkg/controller/$pkg/$(basename "$f" .txt)"
    cmp -s "$f" "$target" 2>/dev/null || cp "$f" "$target"
  done
done
{ cat oracle/go.mod; echo; echo "replace k8s.io/kubernetes => $k8s_copy"; } > target/oracle/go.mod.new
cmp -s target/oracle/go.mod.new target/oracle/go.mod || cp target/oracle/go.mod.new target/oracle/go.mod
rm -f target/oracle/go.mod.new
cmp -s oracle/go.sum target/oracle/go.sum || cp oracle/go.sum target/oracle/go.sum
(cd oracle && go build -modfile=../target/oracle/go.mod -trimpath -ldflags='-s -w' -o ../target/oracle/oracle .)
echo "oracle-build: target/oracle/oracle ($(go version | awk '{print $3}'), $(( $(date +%s) - start )) s)" >&2
echo "$PWD/target/oracle/oracle"
