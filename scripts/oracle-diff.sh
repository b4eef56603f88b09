#!/usr/bin/env bash
# The differential between Joblab and the Kubernetes oracle on generated Jobs (docs/fidelity.md).
#   scripts/oracle-diff.sh --cases N --seed S [--show K] [--write-vectors FILE]
#   scripts/oracle-diff.sh --vectors oracle/vectors/check.jsonl     (no Go needed)
#   scripts/oracle-diff.sh --simulate --cases N --seed S [--show K] [--only ID]
#                                      the simulation differential (oracle simulate, docs/fidelity.md)
#   scripts/oracle-diff.sh --simulate --cronjobs --cases N --seed S [--show K] [--only ID]
#                                      the same for generated CronJobs (the real CronJob controller)
#   scripts/oracle-diff.sh --kubectl --cases N --seed S [--max-snapshots M] [--write-vectors FILE]
#   scripts/oracle-diff.sh --kubectl --vectors oracle/vectors/kubectl.jsonl   (no Go needed)
#   scripts/oracle-diff.sh --cron --cases N --seed S [--show K] [--write-vectors FILE]
#   scripts/oracle-diff.sh --cron --vectors oracle/vectors/cron.jsonl      (no Go needed)
# --kubectl is the views differential: kubectl's views of simulation snapshots against
# `oracle kubectl` (docs/fidelity.md, "kubectl's views"). --cron is the cron differential:
# Joblab's cron engine against robfig/cron as the API server and the CronJob controller call it
# (`oracle cron`, docs/fidelity.md, "The cron engine").
# Prints the agreement per category and the first disagreements in full, and exits non-zero on
# any disagreement that docs/fidelity.md does not list as accepted.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
args=("$@")
oracle=()
if [[ " ${args[*]-} " != *" --vectors "* ]]; then
  oracle=(--oracle "$(bash scripts/oracle-build.sh)")
  # `oracle cron` reads zones from Go's own database rather than the host's (oracle/README.md).
  export PATH="$HOME/.local/go/bin:$PATH"
  ZONEINFO="$(go env GOROOT)/lib/time/zoneinfo.zip"
  export ZONEINFO
fi
cargo build --quiet --profile release-native -p oracle-diff
exec target/release-native/oracle-diff "${oracle[@]}" "${args[@]}"
