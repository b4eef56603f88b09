#!/usr/bin/env bash
# Regenerates the committed oracle vectors (oracle/vectors/check.jsonl; with --simulate,
# oracle/vectors/simulate.jsonl; with --cron, oracle/vectors/cron.jsonl; with --cronjobs,
# oracle/vectors/cronjob-check.jsonl, from CASES generated CronJobs, default 12000, keeping 1000;
# with --simulate-cronjobs, oracle/vectors/cronjob-simulate.jsonl; with
# --simulate-cronjob-regressions, oracle/vectors/cronjob-simulate-regressions.jsonl): runs the differential on
# CASES generated Jobs (default 20000) of seed SEED (default 1) and keeps every case that reaches
# an (error path, error type) pair or an accepted difference not yet covered, then others up to
# 2000. Refuses to write vectors while any case disagrees: a vector is an answer Joblab matches.
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${SEED:-1}
tmp=$(mktemp)
if [ "${1:-}" = --simulate-cronjobs ]; then
  # The CronJob simulation vectors: CASES (default 1000) generated CronJob x scenario cases, all
  # of which must agree (nothing is written otherwise).
  bash scripts/oracle-diff.sh --simulate --cronjobs --cases "${CASES:-1000}" --seed "$seed" --show 3 --write-vectors "$tmp"
  mv "$tmp" oracle/vectors/cronjob-simulate.jsonl
  echo "oracle-vectors: oracle/vectors/cronjob-simulate.jsonl ($(wc -l < oracle/vectors/cronjob-simulate.jsonl) vectors, $(du -h oracle/vectors/cronjob-simulate.jsonl | cut -f1))"
  exit 0
fi
if [ "${1:-}" = --simulate-cronjob-regressions ]; then
  # Cases a CI run's fresh seed once found disagreeing, kept as vectors after the fix: each line of
  # oracle/vectors/cronjob-regressions.txt is "SEED CASE-ID" (a generated case is fixed by its seed
  # and id). All must agree, or nothing is written.
  : > "$tmp"
  while read -r s id; do
    case "$s" in ''|'#'*) continue ;; esac
    one=$(mktemp)
    bash scripts/oracle-diff.sh --simulate --cronjobs --cases 1000 --seed "$s" --only "$id" --write-vectors "$one" < /dev/null
    cat "$one" >> "$tmp"
    rm -f "$one"
  done < oracle/vectors/cronjob-regressions.txt
  mv "$tmp" oracle/vectors/cronjob-simulate-regressions.jsonl
  echo "oracle-vectors: oracle/vectors/cronjob-simulate-regressions.jsonl ($(wc -l < oracle/vectors/cronjob-simulate-regressions.jsonl) vectors)"
  exit 0
fi
if [ "${1:-}" = --simulate ]; then
  # The simulation vectors: every preset case and CASES (default 2000) generated ones, all of
  # which must agree (the differential exits non-zero otherwise and nothing is written).
  bash scripts/oracle-diff.sh --simulate --cases "${CASES:-2000}" --seed "$seed" --show 3 --write-vectors "$tmp"
  mv "$tmp" oracle/vectors/simulate.jsonl
  echo "oracle-vectors: oracle/vectors/simulate.jsonl ($(wc -l < oracle/vectors/simulate.jsonl) vectors, $(du -h oracle/vectors/simulate.jsonl | cut -f1))"
  exit 0
fi
if [ "${1:-}" = --cronjobs ]; then
  bash scripts/oracle-diff.sh --cronjobs --cases "${CASES:-12000}" --seed "$seed" --show 3 --write-vectors "$tmp" --vectors-min 1000
  mv "$tmp" oracle/vectors/cronjob-check.jsonl
  echo "oracle-vectors: oracle/vectors/cronjob-check.jsonl ($(wc -l < oracle/vectors/cronjob-check.jsonl) vectors, $(du -h oracle/vectors/cronjob-check.jsonl | cut -f1))"
  exit 0
fi
if [ "${1:-}" = --cron ]; then
  # The cron vectors: CASES (default 6000) generated schedule x timeZone x start cases, every one
  # of which must agree or differ only by the checked tzdb-version gap.
  bash scripts/oracle-diff.sh --cron --cases "${CASES:-6000}" --seed "$seed" --show 3 --write-vectors "$tmp"
  mv "$tmp" oracle/vectors/cron.jsonl
  echo "oracle-vectors: oracle/vectors/cron.jsonl ($(wc -l < oracle/vectors/cron.jsonl) vectors, $(du -h oracle/vectors/cron.jsonl | cut -f1))"
  exit 0
fi
cases=${CASES:-20000}
bash scripts/oracle-diff.sh --cases "$cases" --seed "$seed" --show 3 --write-vectors "$tmp"
mv "$tmp" oracle/vectors/check.jsonl
echo "oracle-vectors: oracle/vectors/check.jsonl ($(wc -l < oracle/vectors/check.jsonl) vectors, $(du -h oracle/vectors/check.jsonl | cut -f1))"
