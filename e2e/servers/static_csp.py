#!/usr/bin/env python3
"""A static host for the end-to-end tests that behaves like a strict production deployment.

- serves dist/ under a sub-path (default /courses/k8s/joblab/), so any absolute URL in the build
  would 404 and fail a test;
- sends the exact Content-Security-Policy the app promises to satisfy on every response;
- sends the precompressed `.br` or `.gz` beside a file when the request accepts it (like nginx's
  brotli_static/gzip_static), with the original file's Content-Type and `Vary: Accept-Encoding`;
- `Cache-Control: no-cache` for index.html and sw.js, long-lived for the hashed assets.

Standard library only. Loopback only: it is a test fixture, not a web server to deploy.
"""

import argparse
import mimetypes
import os
import posixpath
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data:"
)
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")


def make_handler(root: str, prefix: str):
    class Handler(BaseHTTPRequestHandler):
        server_version = "joblab-test"

        def log_message(self, *args):  # quiet: Playwright shows failures itself
            pass

        def send_plain(self, status: int, text: str, extra=()):
            body = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", CSP)
            for k, v in extra:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            if path + "/" == prefix:
                # Like most hosts: the directory without its slash redirects, so relative URLs
                # resolve inside it.
                return self.send_plain(HTTPStatus.MOVED_PERMANENTLY, "moved", [("Location", prefix)])
            if not path.startswith(prefix):
                return self.send_plain(HTTPStatus.NOT_FOUND, "not under " + prefix)
            rel = posixpath.normpath(urllib.parse.unquote(path[len(prefix):]) or ".")
            if rel.startswith("..") or rel.startswith("/"):
                return self.send_plain(HTTPStatus.NOT_FOUND, "outside the root")
            file = os.path.join(root, rel)
            if os.path.isdir(file):
                file = os.path.join(file, "index.html")
            if not os.path.isfile(file):
                return self.send_plain(HTTPStatus.NOT_FOUND, "no such file")

            accepted = {
                part.split(";")[0].strip()
                for part in self.headers.get("Accept-Encoding", "").split(",")
            }
            send, encoding = file, None
            for enc, ext in (("br", ".br"), ("gzip", ".gz")):
                if enc in accepted and os.path.isfile(file + ext):
                    send, encoding = file + ext, enc
                    break
            ctype = mimetypes.guess_type(file)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype == "application/json":
                ctype += "; charset=utf-8"
            with open(send, "rb") as f:
                body = f.read()
            name = os.path.basename(file)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", CSP)
            # Docs pages on other origins load joblab-embed.js as a module script, which is
            # fetched in CORS mode (docs/embed.md, "Hosting notes"); and a frame sandboxed without
            # allow-same-origin has an opaque origin, so its module scripts, wasm fetch and
            # stylesheets are CORS requests too (docs/deploy.md).
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Vary", "Accept-Encoding")
            if name in ("index.html", "sw.js", "joblab-embed.js"):
                self.send_header("Cache-Control", "no-cache")
            else:
                self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8788)
    ap.add_argument("--root", default="dist")
    ap.add_argument("--prefix", default="/courses/k8s/joblab/")
    args = ap.parse_args()
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.root, prefix))
    server.serve_forever()


if __name__ == "__main__":
    main()
