#!/bin/sh
# Starts a throwaway PostgreSQL 15 on 127.0.0.1 for the tests. Usage: pg-up.sh DIR PORT
# Works as root (runs the server as the postgres user) and as an ordinary user.
set -eu
DIR=$1; PORT=$2
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found: install the postgresql package" >&2; exit 1; }
"$(dirname "$0")/pg-down.sh" "$DIR" >/dev/null 2>&1 || true
rm -rf "$DIR"; mkdir -p "$DIR/data" "$DIR/sock"
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown -R postgres:postgres "$DIR"
  as_pg() { runuser -u postgres -- "$@"; }
fi
chmod 700 "$DIR/data"
as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
  -o "-p $PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" start \
  || { cat "$DIR/server.log" >&2; exit 1; }
echo "PostgreSQL up on 127.0.0.1:$PORT"
