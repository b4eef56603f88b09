#!/usr/bin/env bash
# Regenerates the committed oracle vectors (oracle/vectors/check.jsonl): runs the differential on
# CASES generated Jobs (default 20000) of seed SEED (default 1) and keeps every case that reaches
# an (error path, error type) pair or an accepted difference not yet covered, then others up to
# 2000. Refuses to write vectors while any case disagrees: a vector is an answer Joblab matches.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${CASES:-20000}
seed=${SEED:-1}
tmp=$(mktemp)
bash scripts/oracle-diff.sh --cases "$cases" --seed "$seed" --show 3 --write-vectors "$tmp"
mv "$tmp" oracle/vectors/check.jsonl
echo "oracle-vectors: oracle/vectors/check.jsonl ($(wc -l < oracle/vectors/check.jsonl) vectors, $(du -h oracle/vectors/check.jsonl | cut -f1))"
