#!/usr/bin/env bash
# Builds the docs sites of e2e/sites (mdBook, MkDocs, Docusaurus, Hugo) with the web component
# loaded from APP_URL, into OUT/<generator>, for e2e/component-sites.spec.mjs. First it checks that
# docs/embed.md quotes each site's snippet files verbatim, so the snippets the docs give are the
# ones tested. The generators come from scripts/tools.sh test (target/site-tools, Debian's hugo).
#   bash scripts/component-sites.sh http://127.0.0.1:8788/courses/k8s/joblab/ target/component-sites
set -euo pipefail
cd "$(dirname "$0")/.."
app_url=${1:?usage: scripts/component-sites.sh APP_URL OUT}
out=${2:?usage: scripts/component-sites.sh APP_URL OUT}
tools=$PWD/target/site-tools
# The Joblab address the fixtures and docs/embed.md use.
example=https://example.org/courses/k8s/joblab/

# Whole files the docs quote, then single lines.
quoted_files=(
  mdbook/src/jobs.md
  mkdocs/mkdocs.yml mkdocs/docs/index.md
  docusaurus/docs/jobs.mdx
  hugo/layouts/shortcodes/joblab.html hugo/content/jobs.md
)
status=0
for f in "${quoted_files[@]}"; do
  python3 - "e2e/sites/$f" docs/embed.md <<'PY' || status=1
import sys
snippet, docs = (open(p, encoding="utf-8").read() for p in sys.argv[1:])
if snippet.strip() not in docs:
    sys.exit(f"component-sites: docs/embed.md does not quote {sys.argv[1]} verbatim")
PY
done
line=$(grep -F 'scripts:' e2e/sites/docusaurus/docusaurus.config.js)
grep -qF -- "$line" docs/embed.md || { echo "component-sites: docs/embed.md lacks: $line" >&2; status=1; }
[ "$status" -eq 0 ] || exit 1

for tool in "$tools/bin/mdbook" "$tools/venv/bin/mkdocs" "$tools/npm/node_modules/.bin/docusaurus"; do
  [ -x "$tool" ] || { echo "component-sites: $tool missing; run: bash scripts/tools.sh test" >&2; exit 2; }
done
command -v hugo >/dev/null || { echo "component-sites: hugo missing; run: bash scripts/tools.sh test" >&2; exit 2; }

src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cp -r e2e/sites/. "$src/"
grep -rlF "$example" "$src" | xargs sed -i "s#$example#$app_url#g"
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)

"$tools/bin/mdbook" build "$src/mdbook" --dest-dir "$out/mdbook" >/dev/null
"$tools/venv/bin/mkdocs" build --quiet --config-file "$src/mkdocs/mkdocs.yml" --site-dir "$out/mkdocs"
hugo --quiet --source "$src/hugo" --destination "$out/hugo"
# Docusaurus resolves its preset from the site's own node_modules.
ln -s "$tools/npm/node_modules" "$src/docusaurus/node_modules"
(cd "$src/docusaurus" && ./node_modules/.bin/docusaurus build --out-dir "$out/docusaurus" >/dev/null)
echo "component-sites: built mdbook, mkdocs, hugo and docusaurus into $out"
