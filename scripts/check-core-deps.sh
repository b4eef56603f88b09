#!/usr/bin/env bash
# Proves the core crate depends on no web crate: the same core must build natively for the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p joblab-core -e normal,build --prefix none --target all)
if bad=$(printf '%s\n' "$tree" | grep -E '^(leptos|web-sys|js-sys|wasm-bindgen|gloo|tachys|reactive_graph)([ _-]|$)'); then
  echo "error: joblab-core depends on web crates:" >&2
  printf '%s\n' "$bad" | sort -u >&2
  exit 1
fi
echo "core dependencies: no web crate ($(printf '%s\n' "$tree" | sort -u | wc -l) crates checked)"
