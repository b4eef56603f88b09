#!/usr/bin/env bash
# Serves Joblab at http://127.0.0.1:8080, installing whatever is missing first.
# The release build is what users get; set JOBLAB_DEV=1 for a faster-to-rebuild debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools.sh serve
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
profile=(--release)
[ "${JOBLAB_DEV:-}" = 1 ] && profile=()
# No auto-reload: Trunk would inject an inline script, which the post-build hook refuses because
# the app must run under a strict Content-Security-Policy. Trunk still rebuilds on every change to
# the app or the core crate (Trunk.toml [watch]); reload the page to see it.
exec trunk serve "${profile[@]}" --offline --no-autoreload --address 127.0.0.1 --port 8080
