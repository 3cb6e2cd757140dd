#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests that need a database (tuning's JDBC
# study storage). Used by .ci/run; developers run it the same way:
#
#   eval "$(.ci/postgres.sh start)"     # prints export lines: DL4JR_TEST_POSTGRES_* (URL, user, password, data dir)
#   mvn -B -pl tuning -am verify ...    # the database tests run instead of skipping
#   .ci/postgres.sh stop "$DL4JR_TEST_POSTGRES_DATA"
#
# `restart DIR` stops and starts the cluster (the tests use it for the database-restart case).
# Runs the server as the `postgres` user when started as root (PostgreSQL refuses to run as root),
# in a new temporary directory, on the first free port from 54320, listening on 127.0.0.1 only,
# with password (SCRAM) authentication for a generated password.
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] || { echo "postgres.sh: no PostgreSQL server found (apt-get install -y postgresql)" >&2; exit 1; }

as_owner() {   # run a server binary as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {   # DIR PORT
  as_owner "$bin/pg_ctl" -D "$1" -l "$1/server.log" -w -t 60 \
    -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
}

case "${1:-}" in
  start)
    dir="$(mktemp -d /tmp/dl4jr-postgres.XXXXXX)"
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" > "$dir.pw"
    [ "$(id -u)" = 0 ] && chown postgres "$dir" "$dir.pw"
    as_owner "$bin/initdb" -D "$dir" -U dl4jr --auth=scram-sha-256 --pwfile="$dir.pw" -E UTF8 >/dev/null
    rm -f "$dir.pw"
    for port in $(seq 54320 54420); do
      echo "$port" > "$dir/.port"
      if start_server "$dir" "$port" 2>/dev/null; then
        PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U dl4jr -d postgres -qc 'CREATE DATABASE dl4jr_test' >/dev/null
        echo "export DL4JR_TEST_POSTGRES_URL=postgresql://127.0.0.1:$port/dl4jr_test"
        echo "export DL4JR_TEST_POSTGRES_USER=dl4jr"
        echo "export DL4JR_TEST_POSTGRES_PASSWORD=$password"
        echo "export DL4JR_TEST_POSTGRES_DATA=$dir"
        echo "export DL4JR_TEST_POSTGRES_RESTART='$(cd "$(dirname "$0")" && pwd)/postgres.sh restart $dir'"
        exit 0
      fi
    done
    echo "postgres.sh: could not start a server on ports 54320-54420 (see $dir/server.log)" >&2
    exit 1
    ;;
  restart)
    dir="$2"
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    start_server "$dir" "$(cat "$dir/.port")"
    ;;
  stop)
    dir="$2"
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | restart DIR | stop DIR" >&2
    exit 2
    ;;
esac
