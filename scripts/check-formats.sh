#!/usr/bin/env bash
# Checks `joblab check`'s machine formats with their consumers, on the CLI tests' inputs
# (crates/joblab-cli/tests/data), in the test command:
#   - sarif: `sarif-multitool validate` (npm @microsoft/sarif-multitool, the SARIF SDK's checker:
#     the SARIF 2.1.0 schema plus its rules); any finding fails but SARIF2005, which asks for the
#     tool's informationUri, a public homepage Joblab does not have;
#   - junit: read back with junitparser (PyPI); its test, failure and skip counts must be the
#     JSON output's documents, invalid documents and skipped documents;
#   - github: the same findings written by GitHub's own toolkit, `@actions/core` (npm)'s
#     error/warning/notice, must be byte for byte what joblab writes;
#   - json: valid against its schema, docs/joblab-check.schema.json (PyPI jsonschema).
# The consumers are installed, pinned, by `bash scripts/tools.sh test` into target/ci-tools.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/ci-tools
[ -f "$tools/versions" ] || { echo "error: $tools is missing; run: bash scripts/tools.sh test" >&2; exit 1; }
cargo build -q -p joblab-cli
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
joblab="$target_dir/debug/joblab"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=crates/joblab-cli/tests/data

# Every input of the CLI tests, in one run per input, each format written to its own file.
inputs=("$data/helm-template.yaml" "$data/cronjob-invalid.yaml" "$data/kustomize-build.yaml" "$data/list-and-kinds.yaml" "$data/syntax-error.yaml" "$data/tree" crates/joblab-core/tests/hostile/xss.yaml)
n=0
for input in "${inputs[@]}"; do
  n=$((n + 1))
  rc=0
  "$joblab" check --warnings-as-errors --output "sarif=$work/$n.sarif" --output "junit=$work/$n.xml" \
    --output "json=$work/$n.json" --format github "$input" >"$work/$n.github" || rc=$?
  [ "$rc" -le 1 ] || { echo "error: joblab check $input exited $rc" >&2; exit 1; }
done

echo "sarif: sarif-multitool validate ($(cat "$tools/versions" | cut -d, -f1))"
for f in "$work"/*.sarif; do
  "$tools/npm/node_modules/.bin/sarif-multitool" validate -o "$f.validation" "$f" >"$f.log" || { cat "$f.log" >&2; exit 1; }
  python3 - "$f" "$f.validation" <<'PY'
import json, sys
sarif, validation = sys.argv[1], sys.argv[2]
run = json.load(open(validation))["runs"][0]
if not all(i.get("executionSuccessful") for i in run.get("invocations", [])):
    sys.exit(f"error: the SARIF Multitool did not run to the end on {sarif}")
findings = [r for r in run.get("results", []) if r["ruleId"] != "SARIF2005"]
for r in findings:
    print(f"error: {sarif}: {r['ruleId']}: {r['message'].get('text', r['message'])}", file=sys.stderr)
results = json.load(open(sarif))["runs"][0]["results"]
if findings:
    sys.exit(1)
print(f"  {sarif.rsplit('/', 1)[-1]}: valid, {len(results)} results")
PY
done

echo "junit and json: junitparser, json"
for f in "$work"/*.json; do
  "$tools/venv/bin/python" - "$f" "${f%.json}.xml" <<'PY'
import json, sys
import jsonschema
from junitparser import JUnitXml, Failure, Skipped
report_path, junit_path = sys.argv[1], sys.argv[2]
report = json.load(open(report_path))
schema = json.load(open("docs/joblab-check.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(report))
for e in errors:
    print(f"error: {report_path}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(1)
documents = [d for f in report["files"] for d in f["documents"]]
xml = JUnitXml.fromfile(junit_path)
cases = [case for suite in xml for case in suite]
failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
skipped = [c for c in cases if any(isinstance(r, Skipped) for r in c.result)]
want = (len(documents), sum(not d["valid"] for d in documents), sum(d.get("skipped", False) and d["valid"] for d in documents))
got = (len(cases), len(failed), len(skipped))
if got != want:
    sys.exit(f"error: {junit_path}: junitparser reads (cases, failures, skips) {got}, the JSON says {want}")
if (xml.tests, xml.failures, xml.skipped) != want:
    sys.exit(f"error: {junit_path}: the totals say {(xml.tests, xml.failures, xml.skipped)}, the JSON says {want}")
print(f"  {report_path.rsplit('/', 1)[-1]}: valid against docs/joblab-check.schema.json; {junit_path.rsplit('/', 1)[-1]}: {got[0]} test cases, {got[1]} failures, {got[2]} skipped, as the JSON says")
PY
done

echo "github: @actions/core"
cat >"$work/annotate.mjs" <<'JS'
// Writes, with GitHub's own toolkit, the annotation of every diagnostic in a joblab JSON report.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
// The package is ESM with an "import"-only export map, so its entry file is imported by path.
const core = await import(pathToFileURL(process.argv[2] + '/@actions/core/lib/core.js').href);
const report = JSON.parse(readFileSync(process.argv[3], 'utf8'));
for (const file of report.files) {
  for (const doc of file.documents) {
    for (const d of doc.diagnostics) {
      const message = (d.path ? `${d.path}: ` : '') + (d.type === 'Advice' ? '' : d.type + (d.message ? ': ' : '')) + d.message + (doc.source ? ` (from ${doc.source})` : '');
      const properties = { title: `joblab: ${d.type}`, file: file.file, startLine: d.line, endLine: d.endLine, startColumn: d.column, endColumn: d.endColumn };
      ({ error: core.error, warning: core.warning, note: core.notice })[d.severity](message, properties);
    }
  }
}
JS
for f in "$work"/*.json; do
  node "$work/annotate.mjs" "$PWD/$tools/npm/node_modules" "$f" >"${f%.json}.expected"
  if ! diff -u "${f%.json}.expected" "${f%.json}.github" >&2; then
    echo "error: joblab's github output differs from @actions/core's (above)" >&2
    exit 1
  fi
  echo "  ${f##*/}: $(wc -l <"${f%.json}.github") annotations, identical to @actions/core's"
done
echo "kustomize build | joblab check -"
# kustomize's real output (installed, pinned, by tools.sh test) on standard input: every document
# is read and the error is reported at its line in the rendered stream.
rendered="$work/rendered.yaml"
if [ ! -x "$tools/bin/kustomize" ]; then
  echo "SKIPPED: kustomize is not installed (it needs Go; bash scripts/tools.sh test)"
  echo "all formats checked"
  exit 0
fi
"$tools/bin/kustomize" build "$data/kustomize" >"$rendered"
rc=0
"$joblab" check - <"$rendered" >"$work/kustomize.txt" || rc=$?
want_line=$(grep -n '^  parallelism: -3$' "$rendered" | cut -d: -f1)
grep -qx "<stdin>:$want_line:16: error: spec.parallelism: Invalid value: -3: must be greater than or equal to 0" "$work/kustomize.txt" \
  && grep -qx '<stdin>: 2 documents checked, 1 error, 0 warnings' "$work/kustomize.txt" && [ "$rc" = 1 ] \
  || { cat "$rendered" "$work/kustomize.txt" >&2; echo "error: joblab misread kustomize build's output (exit $rc)" >&2; exit 1; }
echo "  $(grep -m1 " error: " "$work/kustomize.txt")"
echo "helm template | joblab check -"
# Helm's real output (installed, pinned, by tools.sh test): each document is named after the
# chart file in its `# Source:` comment.
if [ ! -x "$tools/bin/helm" ]; then
  echo "SKIPPED: helm is not installed (it needs Go; bash scripts/tools.sh test)"
  echo "all formats checked"
  exit 0
fi
"$tools/bin/helm" template release "$data/chart/backup" >"$work/helm.yaml"
rc=0
"$joblab" check - <"$work/helm.yaml" >"$work/helm.txt" || rc=$?
want_line=$(grep -n '^          comand: \["migrate"\]$' "$work/helm.yaml" | cut -d: -f1)
grep -qx "<stdin>:$want_line:11: error: spec.template.spec.containers\[0\].comand: Unknown field: \"comand\" is not a field of Container; did you mean \"command\"? (from backup/templates/migrate-job.yaml)" "$work/helm.txt" \
  && grep -q 'note: skipped: this document is a v1 ServiceAccount, not a batch/v1 Job (from backup/templates/serviceaccount.yaml)$' "$work/helm.txt" \
  && grep -qx '<stdin>: 3 documents checked, 1 error, 1 warning' "$work/helm.txt" && [ "$rc" = 1 ] \
  || { cat "$work/helm.yaml" "$work/helm.txt" >&2; echo "error: joblab misread helm template's output (exit $rc)" >&2; exit 1; }
echo "  $(grep -m1 " error: " "$work/helm.txt")"
echo "all formats checked"
