#!/usr/bin/env python3
"""A stand-in "course page" on another origin (another port) for the embed test.

GET /course.html?snippet=<html> returns a page whose body is some course text, then the snippet
exactly as the app's Embed dialog produced it (iframe plus resize listener), then more text. This
tests the real snippet from a real cross-origin parent. It deliberately echoes HTML: a loopback test
fixture, never to be exposed. GET /health answers 200 for Playwright's readiness check.

GET /host.html?script=<URL of joblab-embed.js>&snippet=<html> is a docs page for the web component
(e2e/component.spec.mjs): it loads the script as a module, shows the snippet among elements of its
own, links /host.css (rules that target svg, text, button and Joblab's own class names globally, to
show that none reach inside the component), and sends a Content-Security-Policy that allows
scripts only from itself and the script's origin, plus 'wasm-unsafe-eval'. Without `script` it is
the same page with no component, to compare the host's own elements against.

GET /sites/<path> serves the docs sites scripts/component-sites.sh builds (--sites DIR).
"""

import argparse
import mimetypes
import os
import posixpath
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Course: Kubernetes Jobs</title>
<link rel="icon" href="data:,"></head>
<body>
<h1>Week 3: Kubernetes Jobs</h1>
<p>Read the diagram below, then answer the quiz.</p>
{snippet}
<p id="after">End of the embedded diagram.</p>
</body>
</html>
"""


HOST_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Docs: Kubernetes Jobs</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/host.css">
{script}
</head>
<body>
<main>
<h1>Kubernetes Jobs, by example</h1>
<p id="host-text">A Job runs Pods until enough of them succeed.</p>
<button type="button" id="host-button">A button of the host page</button>
<svg id="host-svg" width="120" height="40" role="img" aria-label="The host's own picture"><text x="4" y="30">host</text></svg>
{snippet}
<p id="after">End of the example.</p>
</main>
</body>
</html>
"""

# Rules a docs theme might have, and some aimed at Joblab's own class names: if any reached inside
# the component, its diagram would look wrong or vanish (e2e/component.spec.mjs checks it does not).
HOST_CSS = """body { font-family: serif; color: rgb(10, 20, 30); background: rgb(250, 250, 240); }
main { font-style: italic; word-spacing: 4px; }
p { letter-spacing: 2px; }
button { color: rgb(128, 0, 128); border: 5px solid rgb(200, 0, 0); text-transform: uppercase; }
svg { background: rgb(255, 230, 230); }
text { fill: rgb(0, 100, 0); font-size: 30px; }
.player, .diagram-svg, .controller { display: none; }
h2 { color: rgb(200, 0, 0); }
"""


def host_csp(script_url: str) -> str:
    parts = urllib.parse.urlsplit(script_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    return (
        f"default-src 'self'; script-src 'self' {origin} 'wasm-unsafe-eval'; "
        "style-src 'self'; img-src 'self' data:"
    )


class Handler(BaseHTTPRequestHandler):
    sites = None

    def log_message(self, *args):
        pass

    def send_site_file(self, rel: str):
        rel = posixpath.normpath(urllib.parse.unquote(rel) or ".")
        if self.sites is None or rel.startswith(".."):
            return self.send_error(HTTPStatus.NOT_FOUND)
        file = os.path.join(self.sites, rel)
        if os.path.isdir(file):
            file = os.path.join(file, "index.html")
        if not os.path.isfile(file):
            return self.send_error(HTTPStatus.NOT_FOUND)
        with open(file, "rb") as f:
            body = f.read()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", mimetypes.guess_type(file)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        csp = None
        if url.path == "/favicon.ico":
            # Chromium asks for it on pages without an icon (the Hugo and Docusaurus sites).
            self.send_response(HTTPStatus.NO_CONTENT)
            self.end_headers()
            return
        if url.path.startswith("/sites/"):
            return self.send_site_file(url.path[len("/sites/"):])
        if url.path == "/host.html":
            script = query.get("script", [""])[0]
            tag = f'<script type="module" src="{script}"></script>' if script else ""
            snippet = query.get("snippet", [""])[0]
            body = HOST_PAGE.format(script=tag, snippet=snippet).encode()
            ctype = "text/html; charset=utf-8"
            csp = host_csp(script) if script else "default-src 'self'; img-src 'self' data:"
        elif url.path == "/host.css":
            body = HOST_CSS.encode()
            ctype = "text/css; charset=utf-8"
        elif url.path == "/health":
            body = b"ok"
            ctype = "text/plain"
        elif url.path == "/course.html":
            snippet = query.get("snippet", [""])[0]
            body = PAGE.format(snippet=snippet).encode()
            ctype = "text/html; charset=utf-8"
        else:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        self.wfile.write(body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8789)
    ap.add_argument("--sites", default="target/component-sites")
    args = ap.parse_args()
    Handler.sites = os.path.abspath(args.sites)
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
