#!/usr/bin/env python3
"""A stand-in "course page" on another origin (another port) for the embed test.

GET /course.html?snippet=<html> returns a page whose body is some course text, then the snippet
exactly as the app's Embed dialog produced it (iframe plus resize listener), then more text. This
tests the real snippet from a real cross-origin parent. It deliberately echoes HTML: a loopback test
fixture, never to be exposed. GET /health answers 200 for Playwright's readiness check.
"""

import argparse
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


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/health":
            body = b"ok"
            ctype = "text/plain"
        elif url.path == "/course.html":
            snippet = urllib.parse.parse_qs(url.query).get("snippet", [""])[0]
            body = PAGE.format(snippet=snippet).encode()
            ctype = "text/html; charset=utf-8"
        else:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8789)
    args = ap.parse_args()
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
