#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL server for the test suite and print its URL.
# Installs the server from the system's packages when missing and we are root.
# Prints nothing and exits 1 when no server can be started (the suite then says it skips PostgreSQL).
set -u
PORT="${MISHU_TEST_PG_PORT:-54329}"
DATA="${MISHU_TEST_PG_DIR:-/tmp/mishu-test-pg}"
URL="postgresql+psycopg://mishu@127.0.0.1:${PORT}/mishu_test"

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

BIN="$(find_bin)"
if [ -z "$BIN" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 || true
  BIN="$(find_bin)"
fi
[ -n "$BIN" ] || { echo "no PostgreSQL server binaries" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  echo "$URL"; exit 0
fi
if [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"; mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres "$DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust --no-sync >/dev/null 2>&1 || { echo "initdb failed" >&2; exit 1; }
fi
as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 30 \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null 2>&1 || { echo "pg_ctl start failed: $(tail -3 "$DATA/server.log" 2>/dev/null)" >&2; exit 1; }
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc "SELECT 1 FROM pg_roles WHERE rolname='mishu'" | grep -q 1 \
  || "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE ROLE mishu LOGIN SUPERUSER" >/dev/null
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname='mishu_test'" | grep -q 1 \
  || "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE mishu_test OWNER mishu" >/dev/null
echo "$URL"
