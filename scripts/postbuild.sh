#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml [[hooks]]): runs in the project root with TRUNK_STAGING_DIR set
# to the not-yet-published dist/. It makes the build CSP-clean and offline-capable
# (scripts/postbuild.py), then writes a `.br` and a `.gz` beside every text and wasm asset so that
# static hosts (nginx gzip_static/brotli_static, e2e/servers/static_csp.py) can send them as-is.
set -euo pipefail
cd "$(dirname "$0")/.."
staging="${TRUNK_STAGING_DIR:?run by trunk build (Trunk.toml [[hooks]])}"
command -v brotli >/dev/null || { echo "postbuild: brotli not found (bash scripts/tools.sh installs it)" >&2; exit 1; }

python3 scripts/postbuild.py "$staging"

# Compress last, after index.html and sw.js have their final bytes. -n keeps gzip output free of
# names and timestamps, so identical inputs give identical files.
find "$staging" -maxdepth 1 -type f \
  \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' -o -name '*.json' \
     -o -name '*.svg' -o -name '*.txt' -o -name '*.webmanifest' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -q 11 -k -f "$f"
    gzip -9 -n -k -f "$f"
  done
