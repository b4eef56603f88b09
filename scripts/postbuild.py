#!/usr/bin/env python3
"""Trunk post_build step (run by scripts/postbuild.sh in Trunk's staging directory).

1. CSP: Trunk 0.21 writes its wasm loader as an inline `<script type="module">`, which
   `script-src 'self'` forbids. We move that code, byte for byte, into `boot-<hash>.js` beside the
   other assets, append the service worker registration, and replace the inline element with
   `<script type="module" src="./boot-<hash>.js" integrity="sha384-...">`. The name is hashed like
   Trunk's own assets so that a long-lived cache never serves a stale loader.
2. The workbench module (src/workbench.rs): Trunk builds it as a "worker", which it leaves unloaded
   and unhashed. We name its wasm and JS by their hashes like every other asset, point the JS at
   the renamed wasm, and put in front of the boot code the global loader the main module calls,
   `joblabWorkbench()`, which imports it on first use. We also write the lab's analysis worker
   script, which imports the same module, and give the page its URL (`joblabAnalysisWorker`).
3. The web component (src/component.rs): Trunk builds its module as a "worker" too. We append to
   its JS the wasm's bytes as a string (so that a host page's CSP needs only our script origin in
   script-src, plus 'wasm-unsafe-eval': a fetch of the .wasm would need connect-src as well) and
   the stylesheet its shadow roots adopt, name it by its hash, and write `joblab-embed.js`, the
   stable URL docs pages load, from its template public/joblab-embed.js.
4. Offline: the service worker template public/sw.js gets the list of files to precache and a
   build id derived from their bytes, and is written as `sw.js` (a stable name: browsers find
   updates by re-fetching the same URL and comparing bytes).

Only the standard library; fails loudly when Trunk's output no longer looks as expected, because a
silent fallback would ship an app that a strict CSP blocks.
"""

import base64
import hashlib
import json
import os
import re
import sys
from pathlib import Path

INLINE_MODULE = re.compile(
    r'<script type="module"(?: nonce="[^"]*")?>(?P<code>.*?)</script>', re.S
)

# Registers the service worker relative to this module, so the scope is the app's own directory
# wherever it is deployed. Failure only means no offline support, so it is logged as a warning,
# never as an error; file: pages and old browsers simply skip it. In a frame sandboxed without
# `allow-same-origin`, merely reading `navigator.serviceWorker` throws (an opaque origin has none);
# where third-party storage is blocked, `register` rejects. A SCORM package's launch page
# (`data-joblab-scorm`, `joblab scorm`) never installs one in the LMS's origin.
SW_REGISTRATION = """
try {
  if (!document.documentElement.hasAttribute('data-joblab-scorm') &&
      'serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker
      .register(new URL('./sw.js', import.meta.url), { scope: './' })
      .catch((err) => console.warn('Joblab: offline support unavailable:', err));
  }
} catch (err) {
  console.warn('Joblab: offline support unavailable:', err);
}
"""


# Defined before the main module starts, since it may ask for the workbench at once (a first visit
# straight to #/lab). The promise is kept, so the module is imported and initialised once per page;
# a failed import is forgotten, so the page's "Try again" does try again.
WORKBENCH_LOADER = """
const workbenchUrl = new URL('./{js}', import.meta.url).href;
let workbench;
window.joblabAnalysisWorker = new URL('./{worker}', import.meta.url).href;
window.joblabWorkbench = () =>
  (workbench ??= import(workbenchUrl)
    .then(async (m) => { await m.default({ module_or_path: new URL('./{wasm}', import.meta.url) }); return m; })
    .catch((err) => { workbench = undefined; throw err; }));
// A first visit straight to a workbench view fetches the workbench beside the main module instead
// of after it (a failure here is reported, and retried, by the view itself).
if (/^#\\/(lab|examples|practice|embed\\/(?:lab|practice))([/?]|$)/.test(location.hash)) window.joblabWorkbench().catch(() => {});
"""

WORKBENCH = "joblab-workbench"

# The lab's analysis worker (src/lab/analyser.rs): a module worker running the workbench module's
# `analyse` on each text the page sends, so that checking a large Job never blocks typing. It also
# reports how long the analysis took, which tells the page what analysing there would cost. Errors
# are answered, not thrown, so the page can fall back to analysing on the main thread.
ANALYSIS_WORKER = """// Joblab's analysis worker (src/lab/analyser.rs); written by scripts/postbuild.py.
import init, { analyse } from './{js}';
const ready = init({ module_or_path: new URL('./{wasm}', import.meta.url) });
self.onmessage = async ({ data }) => {
  try {
    await ready;
    const started = performance.now();
    const analysis = analyse(data.text);
    self.postMessage({ id: data.id, analysis, ms: performance.now() - started });
  } catch (err) {
    self.postMessage({ id: data.id, error: String(err) });
  }
};
"""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def hash_workbench(staging: Path) -> tuple[str, str]:
    """Renames the workbench's wasm and JS to hashed names; returns (js name, wasm name)."""
    js, wasm = staging / f"{WORKBENCH}.js", staging / f"{WORKBENCH}_bg.wasm"
    if not js.is_file() or not wasm.is_file():
        raise SystemExit(f"postbuild: {js.name} or {wasm.name} missing from {staging}")
    wasm_bytes = wasm.read_bytes()
    wasm_name = f"{WORKBENCH}-{content_hash(wasm_bytes)}_bg.wasm"
    code = js.read_text(encoding="utf-8")
    default_url = f"new URL('{WORKBENCH}_bg.wasm', import.meta.url)"
    if code.count(default_url) != 1:
        raise SystemExit(f"postbuild: {js.name} no longer names its wasm as {default_url}")
    code = code.replace(default_url, f"new URL('{wasm_name}', import.meta.url)")
    js_name = f"{WORKBENCH}-{content_hash(code.encode())}.js"
    (staging / wasm_name).write_bytes(wasm_bytes)
    (staging / js_name).write_text(code, encoding="utf-8")
    js.unlink()
    wasm.unlink()
    return js_name, wasm_name


COMPONENT = "joblab-component"

# The stylesheets the web component adopts, in order (the app's index.html links the first three),
# and the exact text changes that move the colour tokens and the theme switch from the document's
# root to the element: `:root` never matches inside a shadow root.
COMPONENT_CSS = ["main.css", "diagram.css", "embed.css", "component.css"]
COMPONENT_CSS_CHANGES = [
    (':root:not([data-theme="light"])', ':host(:not([theme="light"]))'),
    (':root[data-theme="dark"]', ':host([theme="dark"])'),
    (":root {", ":host {"),
]


def latin1_string(data: bytes) -> str:
    """A JS string literal with one code point per byte (0 to 255). As UTF-8 it is about 15 %
    larger than the bytes, and it compresses almost as well as they do (base64 costs about 30 %
    after brotli). Only the quote, the backslash and the two line terminators among 0..255 are
    escaped; module scripts are always decoded as UTF-8."""
    escapes = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r"}
    return '"' + data.decode("latin-1").translate(escapes) + '"'


def component_css(source: Path) -> str:
    css = "\n".join((source / "style" / name).read_text(encoding="utf-8") for name in COMPONENT_CSS)
    for old, new in COMPONENT_CSS_CHANGES:
        if old not in css:
            raise SystemExit(f"postbuild: {old!r} is no longer in style/: update COMPONENT_CSS_CHANGES")
        css = css.replace(old, new)
    if ":root" in css:
        raise SystemExit("postbuild: a :root rule in style/ has no shadow-root form in COMPONENT_CSS_CHANGES")
    return css


def build_component(staging: Path, source: Path) -> str:
    """Writes the web component's hashed module and joblab-embed.js; returns the module's name."""
    js, wasm = staging / f"{COMPONENT}.js", staging / f"{COMPONENT}_bg.wasm"
    if not js.is_file() or not wasm.is_file():
        raise SystemExit(f"postbuild: {js.name} or {wasm.name} missing from {staging}")
    code = js.read_text(encoding="utf-8")
    code += (
        "\n// Appended by scripts/postbuild.py: the wasm's bytes, one code point each, and the"
        "\n// stylesheet of the element's shadow root.\n"
        f"export const joblabWasm = {latin1_string(wasm.read_bytes())};\n"
        f"export const joblabCss = {json.dumps(component_css(source))};\n"
    )
    body = code.encode("utf-8")
    name = f"{COMPONENT}-{content_hash(body)}.js"
    (staging / name).write_bytes(body)
    js.unlink()
    wasm.unlink()
    template = (source / "public" / "joblab-embed.js").read_text(encoding="utf-8")
    if "__JOBLAB_COMPONENT__" not in template:
        raise SystemExit("postbuild: __JOBLAB_COMPONENT__ missing from public/joblab-embed.js")
    (staging / "joblab-embed.js").write_text(template.replace("__JOBLAB_COMPONENT__", name), encoding="utf-8")
    return name


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main() -> int:
    staging = Path(os.environ.get("TRUNK_STAGING_DIR") or sys.argv[1])
    source = Path(os.environ.get("TRUNK_SOURCE_DIR") or ".")
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")

    scripts = list(INLINE_MODULE.finditer(html))
    if len(scripts) != 1:
        print(
            f"postbuild: expected exactly one inline module script in {index}, found {len(scripts)}",
            file=sys.stderr,
        )
        return 1
    js_name, wasm_name = hash_workbench(staging)
    component_name = build_component(staging, source)
    worker = ANALYSIS_WORKER.replace("{js}", js_name).replace("{wasm}", wasm_name).encode()
    worker_name = f"joblab-analysis-{content_hash(worker)}.js"
    (staging / worker_name).write_bytes(worker)
    loader = (
        WORKBENCH_LOADER.replace("{js}", js_name)
        .replace("{wasm}", wasm_name)
        .replace("{worker}", worker_name)
    )
    code = loader.lstrip() + scripts[0].group("code").strip() + "\n" + SW_REGISTRATION
    body = code.encode("utf-8")
    boot_name = f"boot-{content_hash(body)}.js"
    (staging / boot_name).write_bytes(body)
    tag = f'<script type="module" src="./{boot_name}" integrity="{sri(body)}"></script>'
    html = html[: scripts[0].start()] + tag + html[scripts[0].end() :]
    # Stylesheets carry Subresource Integrity hashes. In a frame sandboxed without
    # `allow-same-origin` the page's origin is opaque, so every asset is cross-origin, and the
    # browser enforces integrity only on a CORS request: a no-cors stylesheet with `integrity` is
    # blocked. `crossorigin="anonymous"` makes it a CORS request (same-origin pages need no header
    # for that; a sandboxed frame needs the host's `Access-Control-Allow-Origin`, docs/deploy.md),
    # as Trunk already does for the module preload and the wasm preload.
    html, n = re.subn(r'<link rel="stylesheet" (?!crossorigin)', '<link rel="stylesheet" crossorigin="anonymous" ', html)
    if n == 0 or re.search(r'<link rel="stylesheet" (?!crossorigin)', html):
        print("postbuild: expected Trunk's <link rel=\"stylesheet\" ...> elements in index.html", file=sys.stderr)
        return 1
    # The stylesheets ship without their comments (sentences for the next engineer, about a fifth
    # of their brotli size, which the first load's budget needs): each is rewritten in place and its
    # integrity hash follows. Its name keeps Trunk's hash of the source, which the rewrite is a
    # function of, so the name still changes exactly when the content does.
    def strip_css(m: re.Match) -> str:
        path = staging / m.group("href")
        css = path.read_text(encoding="utf-8")
        if re.search(r"""["'][^"'\n]*/\*""", css):
            raise SystemExit(f"postbuild: {path.name} has '/*' inside a string; comments cannot be stripped by pattern")
        stripped = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        stripped = re.sub(r"\n\s*\n+", "\n", stripped).strip() + "\n"
        path.write_text(stripped, encoding="utf-8")
        return m.group(0).replace(m.group("sri"), sri(stripped.encode("utf-8")))

    html, n = re.subn(
        r'<link rel="stylesheet" crossorigin="anonymous" href="\./(?P<href>[^"]+\.css)" integrity="(?P<sri>sha384-[^"]+)"/?>',
        strip_css,
        html,
    )
    if n == 0:
        print("postbuild: expected stylesheets with integrity hashes in index.html", file=sys.stderr)
        return 1
    if "<script>" in html or "<style" in html or " style=" in html:
        print("postbuild: index.html still has inline script or style", file=sys.stderr)
        return 1
    index.write_text(html, encoding="utf-8")

    # Everything the app needs to start, in a stable order; sw.js itself and the precompressed
    # copies are not app files (the browser negotiates the encoding per request), and the web
    # component's files are for other sites' pages, which this service worker never serves.
    assets = sorted(
        p.name
        for p in staging.iterdir()
        if p.is_file()
        and p.name not in ("sw.js", "joblab-embed.js", component_name)
        and p.suffix not in (".br", ".gz")
    )
    digest = hashlib.sha256()
    for name in assets:
        digest.update(name.encode() + b"\0" + (staging / name).read_bytes())
    build_id = digest.hexdigest()[:16]
    precache = ["./"] + [f"./{n}" for n in assets]

    template = (source / "public" / "sw.js").read_text(encoding="utf-8")
    for placeholder, value in (
        ('"__JOBLAB_BUILD__"', json.dumps(build_id)),
        ('["__JOBLAB_PRECACHE__"]', json.dumps(precache)),
    ):
        if placeholder not in template:
            print(f"postbuild: {placeholder} missing from public/sw.js", file=sys.stderr)
            return 1
        template = template.replace(placeholder, value)
    (staging / "sw.js").write_text(template, encoding="utf-8")
    print(f"postbuild: {boot_name}, sw.js build {build_id} precaching {len(precache)} URLs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
