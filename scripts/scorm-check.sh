#!/usr/bin/env bash
# `joblab scorm` end to end on the release build in dist/: builds the SCORM 1.2 package, checks
# that a second build gives the same bytes, and validates its imsmanifest.xml against the ADL
# SCORM 1.2 schemas with xmlschema (scripts/scorm-check.py; both installed into target/ci-tools by
# `bash scripts/tools.sh test`). e2e/scorm.spec.mjs then runs the package in a stand-in LMS.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "build first: trunk build --release --offline" >&2; exit 2; }
tools=target/ci-tools
[ -x "$tools/venv/bin/python" ] && [ -f "$tools/scorm/imscp_rootv1p1p2.xsd" ] \
  || { echo "the SCORM schemas or xmlschema are missing: bash scripts/tools.sh test" >&2; exit 2; }
out=target/scorm
mkdir -p "$out"
cargo build -q -p joblab-cli --bin joblab
joblab=target/debug/joblab
"$joblab" scorm --dist dist --out "$out/course.zip"
"$joblab" scorm --dist dist --out "$out/again.zip" >/dev/null
cmp "$out/course.zip" "$out/again.zip" || { echo "two builds of the package differ" >&2; exit 1; }
"$tools/venv/bin/python" scripts/scorm-check.py "$out/course.zip" "$tools/scorm"
# Usage errors exit 2 (README): no --out, and a directory that is not a build.
set +e
"$joblab" scorm >/dev/null 2>&1; a=$?
"$joblab" scorm --dist "$out" --out "$out/bad.zip" >/dev/null 2>&1; b=$?
set -e
[ "$a" = 2 ] && [ "$b" = 2 ] || { echo "usage errors exited $a and $b, not 2" >&2; exit 1; }
echo "joblab scorm: usage errors exit 2"
