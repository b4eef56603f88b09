#!/usr/bin/env bash
# Regenerates oracle/go.mod's replace list from k/k's own go.mod, so it is never typed by hand.
# k/k requires every staging module at the fake version v0.0.0 and maps it to ./staging/...; Go
# ignores a dependency's replaces, so an importer must replace each one with its published tag
# v0.X.Y (kubernetes/kubernetes#79384). Run it after changing K8S_VERSION; it rewrites
# oracle/go.mod and oracle/go.sum through `go mod tidy`.
#   scripts/oracle-gomod.sh            uses the version pinned in oracle/go.mod
#   K8S_VERSION=v1.37.2 scripts/oracle-gomod.sh
set -euo pipefail
cd "$(dirname "$0")/../oracle"
version=${K8S_VERSION:-$(sed -n 's/^\tk8s.io\/kubernetes \(v[0-9.]*\)$/\1/p; s/^require k8s.io\/kubernetes \(v[0-9.]*\)$/\1/p' go.mod | head -1)}
[ -n "$version" ] || { echo "oracle-gomod: no k8s.io/kubernetes version in oracle/go.mod; set K8S_VERSION" >&2; exit 2; }
staging="v0.${version#v1.}"
kk_mod=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
[ -f "$kk_mod" ] || { echo "oracle-gomod: could not download k8s.io/kubernetes@$version" >&2; exit 1; }
# Drop every earlier replace, then add one per `=> ./staging/src/...` line of k/k's go.mod.
go mod edit -json | python3 -c 'import json,sys; [print(r["Old"]["Path"]) for r in json.load(sys.stdin).get("Replace") or []]' \
  | while read -r old; do go mod edit -dropreplace="$old"; done
go mod edit -require="k8s.io/kubernetes@$version"
count=0
while read -r mod; do
  go mod edit -replace="$mod=$mod@$staging"
  count=$((count + 1))
done < <(sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\1#p' "$kk_mod")
echo "oracle-gomod: $count staging modules replaced at $staging (from k8s.io/kubernetes@$version's go.mod)" >&2
go mod tidy
