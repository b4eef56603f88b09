#!/usr/bin/env bash
# Prints the raw, gzip (-9) and brotli (-q 11) size of every asset in dist/, in two groups:
# - first load: everything a visit to any guide view fetches before the page works (the HTML, the
#   boot script, the main module's JS and wasm, every stylesheet) and the service worker script;
# - on demand: the workbench module (src/workbench.rs), which the page imports only when a reader
#   opens the Lab, Examples or Practice, and the lab's analysis worker script (src/lab/analyser.rs). (Once the service worker is installed it also caches it in
#   the background, so that those views work offline; that download comes after the page is ready.)
# - the web component (src/component.rs): joblab-embed.js and the module it imports, which only
#   docs pages that use <joblab-diagram> load; never part of the app's own load.
# Then a per-module report: the guide module, the workbench module, the worker, the stylesheets and
# the shell, raw and brotli, for comparing two builds module by module.
# With --check it fails when the first-load brotli total or file count is over its budget. Build first:
#   trunk build --release --offline
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_BROTLI_BYTES=${BUDGET_BROTLI_BYTES:-350000}   # 350 KB for the first load
BUDGET_FIRST_LOAD_FILES=${BUDGET_FIRST_LOAD_FILES:-10} # every file is a request before first render
check=""
[ "${1:-}" = --check ] && check=1
[ -f dist/index.html ] || { echo "error: dist/index.html not found; run: trunk build --release --offline" >&2; exit 2; }
command -v brotli >/dev/null || { echo "error: brotli not found (apt-get install brotli)" >&2; exit 2; }

first_br=0
# The on-demand files, as a find -regex over the whole path.
ON_DEMAND='.*/joblab-\(workbench\|analysis\)-[0-9a-f]*\(_bg\.wasm\|\.js\)'
# The web component's files.
COMPONENT='.*/joblab-\(embed\|component-[0-9a-f]*\)\.js'
# group <title> <include|exclude|component>: prints one table of the on-demand files, of the web
# component's, or of the others, and sets group_br to its brotli total.
group() {
  local title=$1 mode=$2 raw gz br total_raw=0 total_gz=0 total_br=0 n=0
  printf '%s\n%-48s %10s %10s %10s\n' "$title" asset raw gzip brotli
  while IFS= read -r f; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -n -c "$f" | wc -c)
    br=$(brotli -q 11 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br)); n=$((n + 1))
    printf '  %-46s %10d %10d %10d\n' "${f#dist/}" "$raw" "$gz" "$br"
  done < <(if [ "$mode" = include ]; then
             find dist -maxdepth 1 -type f -regex "$ON_DEMAND"
           elif [ "$mode" = component ]; then
             find dist -maxdepth 1 -type f -regex "$COMPONENT"
           else
             find dist -maxdepth 1 -type f ! -regex "$ON_DEMAND" ! -regex "$COMPONENT" ! -name '*.br' ! -name '*.gz'
           fi | sort)
  [ "$n" -gt 0 ] || { echo "error: no files for: $title" >&2; exit 2; }
  printf '  %-46s %10d %10d %10d\n\n' "TOTAL ($n files)" "$total_raw" "$total_gz" "$total_br"
  group_br=$total_br
  group_files=$n
}
group "First load" exclude
first_br=$group_br
first_files=$group_files
group "On demand (Lab, Examples, Practice)" include
group "Web component (<joblab-diagram>, loaded only by pages that use it)" component

# module <label> <find -regex>: one line of the per-module report, brotli bytes of the matching
# files (what a change costs each module: compare two builds' reports, docs/performance.md).
module() {
  local label=$1 re=$2 raw=0 br=0 f
  while IFS= read -r f; do
    raw=$((raw + $(stat -c %s "$f")))
    br=$((br + $(brotli -q 11 -c "$f" | wc -c)))
  done < <(find dist -maxdepth 1 -type f -regex "$re" ! -name '*.br' ! -name '*.gz' | sort)
  printf '  %-46s %10d %21d\n' "$label" "$raw" "$br"
}
printf '%s\n%-48s %10s %21s\n' "Per module" module raw brotli
module "guide module (wasm + glue; first load)" '.*/joblab-web-[0-9a-f]*\(_bg\.wasm\|\.js\)'
module "workbench module (wasm + glue; on demand)" '.*/joblab-workbench-[0-9a-f]*\(_bg\.wasm\|\.js\)'
module "analysis worker script (on demand)" '.*/joblab-analysis-[0-9a-f]*\.js'
module "stylesheets (first load)" '.*\.css'
module "HTML, boot script, service worker" '.*/\(index\.html\|boot-[0-9a-f]*\.js\|sw\.js\)'
echo

if [ -n "$check" ]; then
  if [ "$first_br" -gt "$BUDGET_BROTLI_BYTES" ]; then
    echo "FAIL: first-load brotli total $first_br bytes is over the budget of $BUDGET_BROTLI_BYTES bytes" >&2
    exit 1
  fi
  if [ "$first_files" -gt "$BUDGET_FIRST_LOAD_FILES" ]; then
    echo "FAIL: the first load is $first_files files, over the budget of $BUDGET_FIRST_LOAD_FILES" >&2
    exit 1
  fi
  echo "budget: first-load brotli total $first_br bytes <= $BUDGET_BROTLI_BYTES bytes"
  echo "budget: first-load files $first_files <= $BUDGET_FIRST_LOAD_FILES"
fi
