#!/usr/bin/env bash
# A short randomized run of every cargo-fuzz target (fuzz/), for CI: each target runs for
# FUZZ_SECONDS (default 25) seeded from the repository's test data. A crash fails the script
# and leaves its input under fuzz/artifacts/<target>/; commit it to
# crates/joblab-core/tests/hostile/regressions/ (replayed by `cargo test`) and fix it.
#   scripts/fuzz-smoke.sh [target ...]      FUZZ_SECONDS=300 for a longer run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Pinned like every other tool (scripts/tools.sh): cargo-fuzz from crates.io.
CARGO_FUZZ_VERSION=0.13.2
seconds=${FUZZ_SECONDS:-25}

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  if ! rustup toolchain install nightly --profile minimal; then
    echo "fuzz-smoke: SKIPPED: no nightly toolchain and it cannot be installed (offline?); cargo-fuzz needs nightly" >&2
    exit 0
  fi
fi
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# Seeds: the manifests and scenarios the tests use, and the hostile corpus. Copied fresh so that
# the committed files never change and what libFuzzer adds stays in the ignored corpus directory.
seed() {
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  find crates/joblab-core/tests/data crates/joblab-core/tests/hostile -maxdepth 2 -type f \
    \( -name '*.yaml' -o -name '*.bin' \) -size -64k -exec cp -f {} "$dir/" \;
  find crates/joblab-core/tests/hostile/regressions -type f ! -name .gitkeep -exec cp -f {} "$dir/" \; 2>/dev/null || true
}

for target in "${targets[@]}"; do
  seed "$target"
  echo "fuzz-smoke: $target for ${seconds}s"
  # -rss_limit_mb: a blow-up is a finding too; -timeout: one input taking 10 s is a hang.
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1
done
echo "fuzz-smoke: ${#targets[@]} targets ran ${seconds}s each without a crash"
