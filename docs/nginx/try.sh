#!/usr/bin/env bash
# Tries docs/nginx/joblab.conf on loopback without touching the system's nginx setup: a private
# prefix in a temporary directory, the alias pointed at this checkout's dist/, port 8790, then
# curl checks of the CSP header, the redirect and the precompressed responses. Needs nginx (and
# for brotli libnginx-mod-http-brotli-static) from Debian, and a release build in dist/.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f dist/index.html ] || { echo "build first: trunk build --release --offline" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'nginx -p "$tmp" -c "$tmp/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/logs"
sed "s|/srv/joblab/dist/|$PWD/dist/|" docs/nginx/joblab.conf > "$tmp/joblab.conf"
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
nginx -t -p "$tmp" -c "$tmp/nginx.conf"
nginx -p "$tmp" -c "$tmp/nginx.conf"
base=http://127.0.0.1:8790/courses/k8s/joblab/
wasm=$(ls dist | grep -m1 '_bg\.wasm$')
show() { printf '\n$ curl %s\n' "$*"; curl -sS -o /dev/null -D - "$@" | grep -iE '^(HTTP|content-(type|encoding|security-policy)|location|cache-control|vary|access-control-allow-origin)'; }
show "${base%/}"
show "$base"
show -H 'Accept-Encoding: br, gzip' "$base$wasm"
show -H 'Accept-Encoding: gzip' "$base$wasm"
show "${base}sw.js"
if [ "${1:-}" = --wait ]; then echo "serving $base until Enter"; read -r; fi
