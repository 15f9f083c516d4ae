#!/bin/sh
# Runs the benchmarks and prints their figures. Installs wrk and nginx-light if missing.
#   tests/bench/run.sh [BUILD_DIR]     (default build/; builds it first)
# The machine is shared and noisy: compare the ratios printed within one run, not absolutes.
set -eu
cd "$(dirname "$0")/../.."
BUILD_DIR=${1:-build}
packaging/install-deps.sh --tests
for p in wrk nginx-light curl; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q '^installed$' || {
    [ "$(id -u)" = 0 ] && SUDO="" || SUDO=sudo
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null; }
done
BUILD_DIR=$BUILD_DIR packaging/build.sh >/dev/null
WORK=$(mktemp -d); chmod 755 "$WORK" # the PostgreSQL server runs as postgres
cleanup() {
  [ -n "${ENGINE_PID:-}" ] && kill "$ENGINE_PID" 2>/dev/null && wait "$ENGINE_PID" 2>/dev/null
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  tests/support/pg-down.sh "$WORK/pg" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "== Event log: persisted events per second =="
"$BUILD_DIR/tests/bench/bench_event_append"
tests/support/pg-up.sh "$WORK/pg" 55499 >/dev/null
"$BUILD_DIR/tests/bench/bench_event_append" "postgresql://postgres@127.0.0.1:55499/postgres"

echo
echo "== HTTP: GET /healthz vs nginx 'return 200' (wrk, 2 threads, 64 connections, 10 s) =="
NGINX_PORT=18081
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
       uwsgi_temp_path $WORK; scgi_temp_path $WORK;
       server { listen 127.0.0.1:$NGINX_PORT; location / { return 200 '{"status":"ok"}'; } } }
CONF
nginx -c "$WORK/nginx.conf"
BOTBAT_SECRETS_PASSPHRASE="bench passphrase only" "$BUILD_DIR/app/botbat-console" --headless \
  --port 18082 --data-dir "$WORK/data" --secret-store file 2>"$WORK/engine.log" &
ENGINE_PID=$!
i=0; until grep -q "HTTP server" "$WORK/engine.log" 2>/dev/null; do i=$((i+1)); [ $i -gt 100 ] && { cat "$WORK/engine.log"; exit 1; }; sleep 0.1; done
summary() { awk '/Requests\/sec/ {rps=$2} $1 == "50%" {p50=$2} $1 == "99%" {p99=$2} END {printf "%s req/s, p50 %s, p99 %s\n", rps, p50, p99}'; }
ceiling=$(wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$NGINX_PORT/" | summary)
healthz=$(wrk -t2 -c64 -d10s --latency "http://127.0.0.1:18082/healthz" | summary)
echo "nginx return 200 (ceiling): $ceiling"
echo "botbat GET /healthz:        $healthz"
ratio() { awk -v a="$(echo "$1" | cut -d' ' -f1)" -v b="$(echo "$ceiling" | cut -d' ' -f1)" 'BEGIN { printf "%.2f", a / b }'; }
echo "ratio to ceiling: $(ratio "$healthz")"

echo
echo "== REST API, authenticated, rate limit raised out of the way (wrk, 2 threads, 64 connections, 10 s) =="
kill "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null; ENGINE_PID=""
export BOTBAT_KEY=$("$BUILD_DIR/app/botbat-console" keys create --name bench --scopes all --data-dir "$WORK/data" 2>/dev/null)
BOTBAT_SECRETS_PASSPHRASE="bench passphrase only" "$BUILD_DIR/app/botbat-console" --headless \
  --port 18082 --data-dir "$WORK/data" --secret-store file --api-rate-limit 100000000 --api-burst 100000000 2>"$WORK/engine.log" &
ENGINE_PID=$!
i=0; until grep -q "HTTP server" "$WORK/engine.log" 2>/dev/null; do i=$((i+1)); [ $i -gt 100 ] && { cat "$WORK/engine.log"; exit 1; }; sleep 0.1; done
id=$(curl -s -X POST -H "Authorization: Bearer $BOTBAT_KEY" -H 'Content-Type: application/json' \
  -d '{"name":"Ada Lovelace","email":"ada@example.com"}' http://127.0.0.1:18082/v1/contacts | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
[ -n "$id" ] || { echo "could not create the contact to read"; exit 1; }
get=$(wrk -t2 -c64 -d10s --latency -s tests/bench/wrk-auth.lua "http://127.0.0.1:18082/v1/contacts/$id" | summary)
post=$(wrk -t2 -c64 -d10s --latency -s tests/bench/wrk-create-contact.lua "http://127.0.0.1:18082/v1/contacts" | summary)
echo "GET /v1/contacts/{id}:  $get  ($(ratio "$get") of ceiling)"
echo "POST /v1/contacts:      $post  ($(ratio "$post") of ceiling)"

echo
echo "== Outgoing webhooks: signed deliveries to an HTTPS receiver (nginx 'return 204', test CA) =="
kill "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null; ENGINE_PID=""
kill "$(cat "$WORK/nginx.pid")"; sleep 0.5
mkdir -p "$WORK/tls"
"$BUILD_DIR/tests/bench/bench_webhooks" certs "$WORK/tls"
TLS_PORT=18443
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
       uwsgi_temp_path $WORK; scgi_temp_path $WORK;
       server { listen 127.0.0.1:$TLS_PORT ssl; ssl_certificate $WORK/tls/cert.pem;
                ssl_certificate_key $WORK/tls/key.pem; keepalive_requests 1000000;
                location / { return 204; } } }
CONF
nginx -c "$WORK/nginx.conf"
sleep 0.3
cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"id":"evt_1","type":"contact.created","timestamp":"2026-01-01T00:00:00.000Z","data":{"id":1,"name":"Bench"}}'
wrk.headers["Content-Type"] = "application/json"
LUA
ceiling=$(wrk -t2 -c8 -d10s --latency -s "$WORK/post.lua" "https://localhost:$TLS_PORT/" | summary)
echo "receiver ceiling, wrk POST over 8 keep-alive TLS connections: $ceiling"
one=$("$BUILD_DIR/tests/bench/bench_webhooks" throughput "https://localhost:$TLS_PORT/" "$WORK/tls/ca.pem" 1 40000 2>/dev/null)
echo "$one"
fifty=$("$BUILD_DIR/tests/bench/bench_webhooks" throughput "https://localhost:$TLS_PORT/" "$WORK/tls/ca.pem" 50 1000 2>/dev/null)
echo "$fifty"
rate() { echo "$1" | sed -n 's/.* = \([0-9]*\) deliveries\/s.*/\1/p'; }
echo "ratio to ceiling: 1 endpoint $(ratio "$(rate "$one")"), 50 endpoints $(ratio "$(rate "$fifty")")"
"$BUILD_DIR/tests/bench/bench_webhooks" latency 1000 10 2>/dev/null

echo
echo "== Delivery Log on 1,000,000 seeded attempts (offscreen) =="
"$BUILD_DIR/tests/bench/bench_delivery_log" 1000000 2>/dev/null
