#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the tests, on 127.0.0.1.
#   scripts/test-postgres.sh start PORT DIR [--durable]   prints the URL postgres://parley:parley@127.0.0.1:PORT/parley
#   scripts/test-postgres.sh stop DIR
# Uses Debian's /usr/lib/postgresql/*/bin (installs postgresql-15 when missing). As root the
# server runs as the postgres user (PostgreSQL refuses root). Test settings: fsync off, so
# it is fast and NOT crash-safe: for tests only; --durable keeps PostgreSQL's durable defaults
# (benchmarks compare it with SQLite at synchronous=FULL). The superuser role `parley` may create schemas
# and databases, which the tests use to isolate each test. TLS is on (a self-signed
# certificate), so sslmode=require can be tested.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
command=${1:?usage: test-postgres.sh start PORT DIR | stop DIR}
die() { echo "test-postgres: $*" >&2; exit 1; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

case "$command" in
start)
  port=${2:?port}; dir=${3:?dir}
  speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${4:-}" = "--durable" ] && speed=""
  bin=$(pg_bin)
  if [ ! -x "$bin/postgres" ]; then
    [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and installing it needs root"
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql-15 >/dev/null || die "apt-get install postgresql-15 failed"
    bin=$(pg_bin)
  fi
  if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || useradd -r -M postgres; fi
  mkdir -p "$dir"
  # Every folder above the data must be traversable by the server's user.
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  # A self-signed certificate, so tests can connect with sslmode=require.
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/server.key" -out "$dir/server.crt" -subj "/CN=127.0.0.1" -days 2 >/dev/null 2>&1 \
    || die "openssl could not make a test certificate"
  chmod 600 "$dir/server.key"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir/server.key" "$dir/server.crt"
  (umask 077; echo parley > "$dir/password")
  [ "$(id -u)" = 0 ] && chown postgres: "$dir/password"
  # Passwords over TCP (scram-sha-256), so a wrong password is refused as in production.
  as_owner "$bin/initdb" -D "$dir/data" -U parley --pwfile="$dir/password" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync > "$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed (is every folder above $dir traversable by postgres?)"; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $speed -c max_connections=400 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
    start > "$dir/pg_ctl.log" 2>&1 || { cat "$dir/pg_ctl.log" "$dir/postgres.log" >&2; die "the server did not start"; }
  as_owner "$bin/psql" -X -q -h "$dir" -p "$port" -U parley -d postgres -c "CREATE DATABASE parley" >&2 || die "could not create the database"
  echo "postgres://parley:parley@127.0.0.1:$port/parley"
  ;;
stop)
  dir=${2:?dir}
  bin=$(pg_bin)
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) die "unknown command $command" ;;
esac
