#!/usr/bin/env bash
# Checks the README's first command: scripts/serve.sh must build the app and serve it on
# http://127.0.0.1:8080 (index.html, the boot module and the wasm). Stops the server afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
setsid bash scripts/serve.sh >"$log" 2>&1 &
pid=$!
cleanup() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if page=$(curl -fsS http://127.0.0.1:8080/ 2>/dev/null) && grep -q 'boot-' <<<"$page"; then
    boot=$(grep -o 'boot-[0-9a-f]*\.js' <<<"$page" | head -1)
    wasm=$(curl -fsS "http://127.0.0.1:8080/$boot" | grep -o "joblab-web-[0-9a-f]*_bg\.wasm" | head -1 || true)
    [ -n "$wasm" ] || wasm=$(grep -o "joblab-web-[0-9a-f]*_bg\.wasm" <<<"$page" | head -1)
    size=$(curl -fsS -o /dev/null -w '%{size_download}' "http://127.0.0.1:8080/$wasm")
    echo "serve: http://127.0.0.1:8080/ answers; $boot and $wasm ($size bytes) are served"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 2
done
echo "FAIL: scripts/serve.sh did not serve the app on 127.0.0.1:8080; its output:" >&2
cat "$log" >&2
exit 1
