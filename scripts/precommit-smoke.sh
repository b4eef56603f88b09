#!/usr/bin/env bash
# Runs the pre-commit setup of docs/ci.md for real: pre-commit (PyPI, pinned in scripts/tools.sh)
# in a throwaway repository whose .pre-commit-config.yaml is the docs' block, with the hook
# repository replaced by a throwaway copy of this tree's .pre-commit-hooks.yaml (so uncommitted
# changes are what is tested) and `joblab` from this tree on PATH. Checks that a commit with a
# broken Job fails with joblab's message, that the fixed Job passes, and that a YAML file outside
# the block's `files:` is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools=$root/target/ci-tools
[ -x "$tools/venv/bin/pre-commit" ] || { echo "error: pre-commit is missing; run: bash scripts/tools.sh test" >&2; exit 1; }
cargo build -q -p joblab-cli
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$target_dir/debug:$PATH" PRE_COMMIT_HOME="$work/cache"
git_() { git -c user.name=joblab-test -c user.email=test@example.invalid -c commit.gpgsign=false -c init.defaultBranch=main "$@"; }

# The hook repository: this tree's hook definition, committed.
mkdir "$work/hooks"
cp .pre-commit-hooks.yaml "$work/hooks/"
git_ -C "$work/hooks" init -q
git_ -C "$work/hooks" add .pre-commit-hooks.yaml
git_ -C "$work/hooks" commit -q -m hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

# The project: the docs' block, pointed at the hook repository.
mkdir -p "$work/project/manifests" "$work/project/other"
python3 - "$root/docs/ci.md" "$work/hooks" "$rev" >"$work/project/.pre-commit-config.yaml" <<'PY'
import re, sys
doc, repo, rev = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
block = re.search(r"<!-- pre-commit-config[^>]*-->\n```yaml\n(.*?)```", doc, re.S).group(1)
block = re.sub(r"(repo: )\S+", lambda m: m.group(1) + repo, block, count=1)
block = re.sub(r"(rev: )\S+", lambda m: m.group(1) + rev, block, count=1)
sys.stdout.write(block)
PY
cd "$work/project"
git_ init -q
printf 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  completions: -1\n  template:\n    spec:\n      containers: [{name: pi, image: "perl:5.34.0"}]\n      restartPolicy: Never\n' > manifests/job.yaml
printf 'title: not a manifest\n' > other/notes.yaml
"$tools/venv/bin/pre-commit" install >/dev/null
echo "pre-commit $("$tools/venv/bin/pre-commit" --version | cut -d' ' -f2): a broken Job"
git_ add -A
rc=0
out=$(git_ commit -m broken 2>&1) || rc=$?
[ "$rc" -ne 0 ] || { echo "$out"; echo "error: the commit with a broken Job passed the hook" >&2; exit 1; }
grep -q 'manifests/job.yaml:5:16: error: spec.completions: Invalid value: -1' <<<"$out" \
  || { echo "$out"; echo "error: the hook failed without joblab's message" >&2; exit 1; }
grep -q 'other/notes.yaml' <<<"$out" \
  && { echo "$out"; echo "error: the hook checked a file outside files:" >&2; exit 1; }
echo "  refused, with: $(grep -m1 'manifests/job.yaml:5:16' <<<"$out")"
echo "a fixed Job"
sed -i 's/completions: -1/completions: 2/' manifests/job.yaml
git_ add -A
out=$(git_ commit -m fixed 2>&1) || { echo "$out"; echo "error: the commit with a valid Job failed the hook" >&2; exit 1; }
grep -q 'joblab check.*Passed' <<<"$out" || { echo "$out"; echo "error: the hook did not run" >&2; exit 1; }
echo "  committed: $(grep -m1 'joblab check' <<<"$out")"
echo "pre-commit setup checked"
