#!/usr/bin/env bash
# Prints Joblab's performance report on stdout, every figure from a measurement made by this run:
#   - the first-load transfer of dist/ (bash scripts/size.sh, unchanged);
#   - criterion benchmarks of the core (check, simulate, draw), read from criterion's estimates.json;
#   - the release CLI on every file of the hostile corpus (exit code, first line, wall time);
#   - `joblab check` as CI runs it (the 30-file corpus in one process and as one process per file,
#     a 10 000-document stream on stdin), against kubeconform, kubectl-validate and yamllint measured in the same run
#     (scripts/perf/check-peers.py; the peers are installed by `bash scripts/tools.sh perf`);
#   - headless Chromium: time to first render of every view, keystroke to updated diagnostics in
#     the lab, main-thread work per frame, long tasks and DOM mutations per frame while 200- and
#     1 000-Pod diagrams play, idle and with one core busy (scripts/perf/browser.mjs).
# Timing lines show their target and say meets or MISSES, for information only: a missed target
# never fails the script, but a measurement that cannot be made does. Progress goes to stderr.
#
#   bash scripts/perf-report.sh [--build] [--skip-bench] [--skip-browser]
#
#   --build         rebuild dist/ even if it exists (otherwise it is built only when missing)
#   --skip-bench    leave out the criterion benchmarks (about a minute once compiled)
#   --skip-browser  leave out the headless Chromium measurements (about two minutes)
#   PERF_PORT=8793  the port the browser measurements serve dist/ on
set -euo pipefail
cd "$(dirname "$0")/.."

build="" skip_bench="" skip_browser=""
for arg in "$@"; do
  case "$arg" in
    --build) build=1 ;;
    --skip-bench) skip_bench=1 ;;
    --skip-browser) skip_browser=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

# The browser side serves dist/ on this port; the end-to-end tests use 8787-8789 (JOBLAB_E2E_PORT_BASE moves them).
PERF_PORT=${PERF_PORT:-8793}
# Short criterion runs keep the whole report to a few minutes; the statistics stay criterion's.
BENCH_ARGS=(--warm-up-time 1 --measurement-time 3)
HOSTILE_TARGET_MS=1000

progress() { printf '\033[1m--> %s\033[0m\n' "$*" >&2; }
section() { printf '\n== %s ==\n' "$*"; }
# Runs a noisy build step with its output in a log, shown only when it fails.
logged() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "error: failed: $*" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}

# The same tools as the test suite, installed if missing (a second or so when all are present).
progress "checking tools (scripts/tools.sh perf: the test tools and the CLI's peers)"
bash scripts/tools.sh perf >&2
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

if [ -n "$build" ] || [ ! -f dist/index.html ]; then
  progress "trunk build --release --offline"
  logged trunk build --release --offline
fi
[ -f dist/index.html ] || { echo "error: dist/index.html missing after the build" >&2; exit 1; }

# ---- Header: what was measured, where and when. ----
echo "Joblab performance report"
echo "date:     $(date '+%Y-%m-%d %H:%M %Z')"
commit=$(git rev-parse --short HEAD)
[ -z "$(git status --porcelain --untracked-files=no)" ] || commit="$commit (with uncommitted changes)"
echo "commit:   $commit"
echo "dist/:    built $(date -r dist/index.html '+%Y-%m-%d %H:%M %Z')"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "machine:  $(nproc) cores, ${cpu:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "rustc:    $(rustc --version)"

# ---- First-load transfer. ----
section "First-load transfer of dist/ (bash scripts/size.sh; bytes)"
bash scripts/size.sh

# ---- Criterion. ----
if [ -z "$skip_bench" ]; then
  section "Criterion benchmarks (cargo bench -p joblab-core --bench analyze --bench simulate --bench draw -- ${BENCH_ARGS[*]})"
  # Only estimates written by this run are read: a benchmark that did not run must not show an
  # old figure.
  since=$(date +%s%3N)
  progress "cargo bench (criterion: analyze, simulate, draw)"
  logged cargo bench -p joblab-core --bench analyze --bench simulate --bench draw -- "${BENCH_ARGS[@]}"
  node scripts/perf/criterion.mjs --dir "$target_dir/criterion" --since "$since"
fi

# ---- Hostile corpus through the release CLI. ----
progress "cargo build --profile release-native -p joblab-cli"
logged cargo build --profile release-native -p joblab-cli
cli="$target_dir/release-native/joblab"
[ -x "$cli" ] || { echo "error: $cli not built" >&2; exit 1; }
section "Hostile corpus: joblab check <file> (release-native CLI, wall time per run)"
printf '%-36s %4s %10s   %-24s %s\n' file exit wall target 'first line of output'
out=$(mktemp)
trap 'rm -f "$out"' EXIT
hostile_dir=crates/joblab-core/tests/hostile
# Every committed input but the README and dot files such as regressions/.gitkeep.
mapfile -t hostile < <(git ls-files "$hostile_dir" | sed "s|^$hostile_dir/||" | grep -v -e '^README\.md$' -e '\(^\|/\)\.')
[ ${#hostile[@]} -gt 0 ] || { echo "error: no files in $hostile_dir" >&2; exit 1; }
for f in "${hostile[@]}"; do
  # Run from the corpus directory so the diagnostics name the file as the table does.
  start=$(date +%s%N)
  rc=0
  (cd "$hostile_dir" && "$cli" check "$f") >"$out" 2>&1 || rc=$?
  end=$(date +%s%N)
  wall_ms=$(( (end - start) / 1000000 ))
  if [ "$wall_ms" -le "$HOSTILE_TARGET_MS" ]; then verdict=meets; else verdict=MISSES; fi
  # Long first lines are cut so the table stays readable; the ellipsis says so.
  first=$(head -n 1 "$out" | tr -d '\r')
  [ ${#first} -le 100 ] || first="${first:0:99}…"
  printf '%-36s %4d %7d ms   %-24s %s\n' "$f" "$rc" "$wall_ms" "<= $HOSTILE_TARGET_MS ms: $verdict" "$first"
done

# ---- joblab check as CI runs it, against peers. ----
corpus=../shared/corpus/jobs-in-the-wild
[ -d "$corpus" ] || { echo "error: $corpus is missing (the shared corpus beside the repository)" >&2; exit 1; }
progress "joblab check against kubeconform, kubectl-validate and yamllint (corpus, per file, 10 000-document stream)"
section "joblab check in CI: the corpus, one process per file, a 10 000-document stream, against peers (scripts/perf/check-peers.py)"
python3 scripts/perf/check-peers.py --joblab "$cli" --corpus "$corpus" \
  --kubeconform target/perf-peers/bin/kubeconform --schemas target/perf-peers/schemas \
  --kubectl-validate target/perf-peers/bin/kubectl-validate --yamllint target/perf-peers/venv/bin/yamllint --runs 5

# ---- Headless Chromium. ----
if [ -z "$skip_browser" ]; then
  progress "headless Chromium (first render, typing, a 200-Pod diagram playing)"
  section "Browser measurements (node scripts/perf/browser.mjs --port $PERF_PORT)"
  node scripts/perf/browser.mjs --port "$PERF_PORT"
fi
# The load at the end, next to the one at the start, says how busy the machine was meanwhile.
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
progress "report done"
