#!/usr/bin/env bash
# Tries docs/nginx/joblab.conf on loopback without touching the system's nginx setup: a private
# prefix in a temporary directory, the alias pointed at a copy of this checkout's dist/, port 8790 (or
# $JOBLAB_NGINX_PORT), then curl requests for the redirect, the page, the precompressed wasm, the
# service worker and the web component's scripts. Needs nginx (and for brotli
# libnginx-mod-http-brotli-static) from Debian, and a release build in dist/.
#   bash docs/nginx/try.sh           prints the relevant headers of each response
#   bash docs/nginx/try.sh --check   asserts what docs/deploy.md and docs/embed.md promise (CI runs this)
#   bash docs/nginx/try.sh --wait    prints them, then serves until Enter
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-}
port=${JOBLAB_NGINX_PORT:-8790}
[ -f dist/index.html ] || { echo "build first: trunk build --release --offline" >&2; exit 2; }
command -v nginx >/dev/null || { echo "error: nginx not found (apt-get install nginx libnginx-mod-http-brotli-static)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'nginx -p "$tmp" -c "$tmp/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/logs"
# nginx's workers run as an unprivileged user (www-data), which cannot read a checkout in a
# private directory (a CI workspace, or one made by mktemp, is 0700): they serve a world-readable
# copy of dist/ instead, as a server's /srv/joblab/dist/ would be.
chmod 755 "$tmp"
cp -R dist "$tmp/dist"
chmod -R a+rX "$tmp/dist"
sed -e "s|/srv/joblab/dist/|$tmp/dist/|" -e "s|listen 127.0.0.1:8790;|listen 127.0.0.1:$port;|" \
  docs/nginx/joblab.conf > "$tmp/joblab.conf"
# Module paths in Debian's modules-enabled/ are relative to the default prefix: load by full path.
load_brotli=""
if [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  load_brotli="load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
else
  echo "note: no brotli_static module; trying gzip only" >&2
  sed -i '/brotli_static/d' "$tmp/joblab.conf"
fi
cat > "$tmp/nginx.conf" <<CONF
$load_brotli
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $tmp; proxy_temp_path $tmp; fastcgi_temp_path $tmp; uwsgi_temp_path $tmp; scgi_temp_path $tmp;
    include $tmp/joblab.conf;
}
CONF
nginx -q -t -p "$tmp" -c "$tmp/nginx.conf"
nginx -p "$tmp" -c "$tmp/nginx.conf"
base=http://127.0.0.1:$port/courses/k8s/joblab/
wasm=$(ls dist | grep -m1 '^joblab-web-.*_bg\.wasm$')
component=$(ls dist | grep -m1 '^joblab-component-[0-9a-f]*\.js$' || true)
# nginx answers once it has bound the port; -s reload is not needed.
for _ in $(seq 50); do curl -s -o /dev/null "$base" && break; sleep 0.1; done

if [ "$mode" != --check ]; then
  show() { printf '\n$ curl %s\n' "$*"; curl -sS -o /dev/null -D - "$@" | grep -iE '^(HTTP|content-(type|encoding|security-policy)|location|cache-control|vary|access-control-allow-origin)'; }
  show "${base%/}"
  show "$base"
  show -H 'Accept-Encoding: br, gzip' "$base$wasm"
  show -H 'Accept-Encoding: gzip' "$base$wasm"
  show "${base}sw.js"
  show -H 'Origin: https://docs.example' "${base}joblab-embed.js"
  [ -n "$component" ] && show -H 'Origin: https://docs.example' -H 'Accept-Encoding: br, gzip' "$base$component"
  if [ "$mode" = --wait ]; then echo "serving $base until Enter"; read -r; fi
  exit 0
fi

# --check: every promise, one line each; any failure names the request and the header.
CSP="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"
IMMUTABLE="public, max-age=31536000, immutable"
failures=0
headers() { curl -sS -o "$tmp/body" -D - "$@" | tr -d '\r'; }
# expect <what> <headers> <header name> <exact value>
expect() {
  local got
  got=$(printf '%s\n' "$2" | { grep -i "^$3:" || true; } | head -1 | cut -d' ' -f2-)
  if [ "$got" = "$4" ]; then echo "ok   $1: $3: $got"
  else echo "FAIL $1: $3: expected '$4', got '$got'"; failures=$((failures + 1)); fi
}
status() {
  local got
  got=$(printf '%s\n' "$2" | head -1 | cut -d' ' -f2)
  if [ "$got" = "$3" ]; then echo "ok   $1: status $got"
  else echo "FAIL $1: status: expected $3, got $got"; failures=$((failures + 1)); fi
}
# same_body <what> <decoder> <dist file>: the response body, decoded, is the file in dist/.
same_body() {
  if $2 < "$tmp/body" | cmp -s - "dist/$3"; then echo "ok   $1: the body is dist/$3"
  else echo "FAIL $1: the body is not dist/$3"; failures=$((failures + 1)); fi
}

h=$(headers "${base%/}")
status "slash-less URL" "$h" 301
expect "slash-less URL" "$h" Location "$base"

h=$(headers "$base")
status "page" "$h" 200
expect "page" "$h" Content-Type "text/html"
expect "page" "$h" Content-Security-Policy "$CSP"
expect "page" "$h" Cache-Control "no-cache"
expect "page" "$h" Access-Control-Allow-Origin "*"
same_body "page" cat index.html

h=$(headers -H 'Accept-Encoding: br, gzip' "$base$wasm")
status "wasm (br)" "$h" 200
expect "wasm (br)" "$h" Content-Type "application/wasm"
expect "wasm (br)" "$h" Content-Encoding "br"
expect "wasm (br)" "$h" Vary "Accept-Encoding"
expect "wasm (br)" "$h" Cache-Control "$IMMUTABLE"
expect "wasm (br)" "$h" Access-Control-Allow-Origin "*"
same_body "wasm (br)" "brotli -d -c" "$wasm"
h=$(headers -H 'Accept-Encoding: gzip' "$base$wasm")
expect "wasm (gzip)" "$h" Content-Encoding "gzip"
same_body "wasm (gzip)" "gzip -d -c" "$wasm"
h=$(headers "$base$wasm")
expect "wasm (identity)" "$h" Content-Encoding ""
same_body "wasm (identity)" cat "$wasm"

h=$(headers "${base}sw.js")
expect "service worker" "$h" Content-Type "application/javascript"
expect "service worker" "$h" Cache-Control "no-cache"
expect "service worker" "$h" Content-Security-Policy "$CSP"

# The web component from a docs page of another origin: module scripts are CORS requests, and
# joblab-embed.js has a fixed name, so it is revalidated (docs/embed.md, "What the host must allow").
h=$(headers -H 'Origin: https://docs.example' "${base}joblab-embed.js")
status "joblab-embed.js" "$h" 200
expect "joblab-embed.js" "$h" Content-Type "application/javascript"
expect "joblab-embed.js" "$h" Access-Control-Allow-Origin "*"
expect "joblab-embed.js" "$h" Cache-Control "no-cache"
if [ -n "$component" ]; then
  h=$(headers -H 'Origin: https://docs.example' -H 'Accept-Encoding: br, gzip' "$base$component")
  expect "$component" "$h" Content-Type "application/javascript"
  expect "$component" "$h" Content-Encoding "br"
  expect "$component" "$h" Access-Control-Allow-Origin "*"
  expect "$component" "$h" Cache-Control "$IMMUTABLE"
  same_body "$component" "brotli -d -c" "$component"
else
  echo "FAIL no joblab-component-<hash>.js in dist/"; failures=$((failures + 1))
fi

# Views live in the URL fragment, so there is no fallback: an unknown path is a 404, and even it
# carries the policy (`always`).
h=$(headers "${base}no-such-file")
status "unknown path" "$h" 404
expect "unknown path" "$h" Content-Security-Policy "$CSP"

if [ "$failures" -gt 0 ]; then echo "docs/nginx/joblab.conf: $failures check(s) failed" >&2; exit 1; fi
echo "docs/nginx/joblab.conf: every check passed"
