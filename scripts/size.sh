#!/usr/bin/env bash
# Prints the raw, gzip (-9) and brotli (-q 11) size of every asset in dist/ and the total, and with
# --check fails when the first-load brotli total is over the budget. Build first:
#   trunk build --release --offline
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_BROTLI_BYTES=${BUDGET_BROTLI_BYTES:-350000}   # 350 KB, the whole app at first load
check=""
[ "${1:-}" = --check ] && check=1
[ -d dist ] || { echo "error: dist/ not found; run: trunk build --release --offline" >&2; exit 2; }
command -v brotli >/dev/null || { echo "error: brotli not found (apt-get install brotli)" >&2; exit 2; }

total_raw=0; total_gz=0; total_br=0
printf '%-44s %10s %10s %10s\n' asset raw gzip brotli
while IFS= read -r f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-44s %10d %10d %10d\n' "${f#dist/}" "$raw" "$gz" "$br"
done < <(find dist -type f ! -name '*.br' ! -name '*.gz' | sort)
printf '%-44s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
if [ -n "$check" ]; then
  if [ "$total_br" -gt "$BUDGET_BROTLI_BYTES" ]; then
    echo "FAIL: first-load brotli total $total_br bytes is over the budget of $BUDGET_BROTLI_BYTES bytes" >&2
    exit 1
  fi
  echo "budget: first-load brotli total $total_br bytes <= $BUDGET_BROTLI_BYTES bytes"
fi
