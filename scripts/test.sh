#!/usr/bin/env bash
# Runs every test layer, installing whatever is missing first:
#   formatting and lints (native and wasm32), the core's dependency rule, native unit, table and
#   golden tests, browser tests (wasm-bindgen-test in headless Chromium), the release build and its
#   size budget, end-to-end tests (Playwright driving Debian's Chromium against dist/), and a short
#   randomized run of every fuzz target (cargo-fuzz on nightly); with Go, a live differential
#   against the Kubernetes oracle (oracle/, scripts/oracle-diff.sh), the API server's and kubectl's.
set -euo pipefail
cd "$(dirname "$0")/.."
# What the tree looks like before the run: the run must leave it exactly so (on a clean checkout,
# `git status --porcelain` stays empty), so no test rewrites a committed file behind our back.
tree_before=$(git status --porcelain 2>/dev/null || true)
bash scripts/tools.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check
step "the core depends on no web crate"
bash scripts/check-core-deps.sh
step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown -p joblab-web --all-targets -- -D warnings
# The two production modules (src/workbench.rs): the guide's main module and the workbench.
cargo clippy --target wasm32-unknown-unknown -p joblab-web --features split --bins -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p joblab-web --features workbench --bins -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p joblab-core --lib -- -D warnings
step "native tests (core, CLI, app logic)"
cargo test --workspace
step "joblab check's formats against their consumers (SARIF Multitool, junitparser, JSON schema, @actions/core)"
bash scripts/check-formats.sh
step "the pre-commit setup of docs/ci.md in a throwaway repository (pre-commit from PyPI)"
bash scripts/precommit-smoke.sh
step "live differential against the Kubernetes oracle (Go, k8s.io/kubernetes v1.37.2)"
# A fresh seed every day, printed, so a failure is replayed with the same command. The committed
# vectors (oracle/vectors/, in `cargo test` above) hold without Go.
export PATH="$HOME/.local/go/bin:$PATH"
if command -v go >/dev/null 2>&1; then
  # The oracle's Go is formatted as gofmt writes it.
  unformatted=$(gofmt -l oracle)
  [ -z "$unformatted" ] || { echo "gofmt: run 'gofmt -w' on: $unformatted" >&2; exit 1; }
  seed=$(date -u +%Y%m%d)
  echo "seed $seed; replay: bash scripts/oracle-diff.sh --cases 2000 --seed $seed"
  bash scripts/oracle-diff.sh --cases 2000 --seed "$seed" --show 5
  # CronJobs through the CronJob strategy: 2000 generated around the same seed's Jobs
  # (oracle/vectors/cronjob-check.jsonl holds 1 000 of a run of 12 000, in cargo test).
  echo "seed $seed; replay: bash scripts/oracle-diff.sh --cronjobs --cases 2000 --seed $seed"
  bash scripts/oracle-diff.sh --cronjobs --cases 2000 --seed "$seed" --show 5
  # The real Job and TTL-after-finished controllers (oracle simulate) against Joblab's
  # simulation: every guide preset at default knobs and bounds, and 2000 generated Job x scenario
  # cases of the same seed (oracle/vectors/simulate.jsonl holds a committed run, in cargo test).
  echo "seed $seed; replay: bash scripts/oracle-diff.sh --simulate --cases 2000 --seed $seed"
  bash scripts/oracle-diff.sh --simulate --cases 2000 --seed "$seed" --show 3
  # The real CronJob controller v2, with the real Job controller of every Job it creates, against
  # Joblab's CronJob simulation: 1000 generated CronJob x scenario cases of the same seed
  # (oracle/vectors/cronjob-simulate.jsonl holds a committed run, in cargo test).
  echo "seed $seed; replay: bash scripts/oracle-diff.sh --simulate --cronjobs --cases 1000 --seed $seed"
  bash scripts/oracle-diff.sh --simulate --cronjobs --cases 1000 --seed "$seed" --show 3
  # kubectl's views judged by kubectl's code: 300 snapshots, taken evenly from the tests', docs'
  # and presets' scenarios and 20 generated Job×scenario pairs of the day's seed.
  echo "seed $seed; replay: bash scripts/oracle-diff.sh --kubectl --cases 20 --seed $seed --max-snapshots 300"
  bash scripts/oracle-diff.sh --kubectl --cases 20 --seed "$seed" --max-snapshots 300 --show 5
  # The same for CronJobs: get cronjobs, describe cronjob and every Job's and Pod's views of
  # about 200 snapshots of 30 generated CronJob x scenario cases of the same seed
  # (oracle/vectors/kubectl-cronjob.jsonl holds a committed run, in cargo test).
  echo "seed $seed; replay: bash scripts/oracle-diff.sh --kubectl --cronjobs --cases 30 --seed $seed"
  bash scripts/oracle-diff.sh --kubectl --cronjobs --cases 30 --seed "$seed" --show 5
  # robfig/cron as the API server and the CronJob controller call it (oracle cron) against
  # Joblab's cron engine: 6000 schedule x timeZone x start cases of the same seed, start times
  # near daylight-saving changes (oracle/vectors/cron.jsonl holds a committed run, in cargo test).
  echo "seed $seed; replay: bash scripts/oracle-diff.sh --cron --cases 6000 --seed $seed"
  bash scripts/oracle-diff.sh --cron --cases 6000 --seed "$seed" --show 5
  # The Go encoding table Joblab's stored form is generated from must still be what the Go
  # types say (tests/go_fields_up_to_date.rs checks the Rust table against this JSON).
  "$(bash scripts/oracle-build.sh)" fields | diff -u oracle/go-fields.json - \
    || { echo "oracle/go-fields.json is stale: regenerate it with 'target/oracle/oracle fields'" >&2; exit 1; }
else
  echo "SKIPPED the live differential: Go is not installed, so the oracle (oracle/) cannot be built; only the committed vectors were compared"
fi
step "browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown -p joblab-web
step "release build"
trunk build --release --offline
step "size budget: first load at most 350 KB brotli (raw, gzip, brotli per asset)"
bash scripts/size.sh --check
step "the guide's module carries none of the check pipeline"
bash scripts/check-split.sh
step "docs/nginx/joblab.conf serves dist/ as docs/deploy.md and docs/embed.md promise (nginx, curl)"
bash docs/nginx/try.sh --check
step "joblab scorm: the package's manifest against the SCORM 1.2 schemas (xmlschema), reproducible bytes"
bash scripts/scorm-check.sh
step "end-to-end tests (Playwright, Chromium)"
npx playwright test
step "the README's serve command answers on 127.0.0.1:8080"
bash scripts/serve-smoke.sh
step "fuzz smoke (every cargo-fuzz target, ~25 s each)"
bash scripts/fuzz-smoke.sh
step "the run left the tree as it found it (git status --porcelain)"
if git rev-parse --git-dir >/dev/null 2>&1; then
  tree_after=$(git status --porcelain)
  if [ "$tree_after" != "$tree_before" ]; then
    echo "error: the test run changed the tree:" >&2
    diff <(echo "$tree_before") <(echo "$tree_after") >&2 || true
    exit 1
  fi
else
  echo "SKIPPED: not a git checkout"
fi
