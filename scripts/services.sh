#!/usr/bin/env bash
# PostgreSQL (tracker store) and Redis (lock store) from Debian's packages, with data
# under a project-owned directory, on loopback only. For the scale-out tests and for
# trying the scale-out set-up on one machine (docs/production.md).
#   services.sh install   apt-get the packages if missing (root; idempotent)
#   services.sh start     initdb on first use, start both; prints the env vars to use
#   services.sh stop      stop both (only the instances started from SERVICES_DIR)
#   services.sh env       print the env vars (TRACKER_DB_*, LOCK_STORE_*) for this set-up
# Settings: SERVICES_DIR (default run/services), PG_PORT (5499), REDIS_PORT (6399).
# Passwords are generated on first start into SERVICES_DIR (never in the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${SERVICES_DIR:-run/services}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
PG_PORT="${PG_PORT:-5499}"
REDIS_PORT="${REDIS_PORT:-6399}"
PGDATA="$DIR/pg"
PGSOCK="$DIR/pgsock"

die() { echo "error: $*" >&2; exit 1; }

pg_bin() {  # directory with initdb/pg_ctl of the newest installed PostgreSQL
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

as_pg() {  # run a command as the postgres user when we are root (initdb refuses root)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  local missing=()
  pg_bin >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; install them: sudo apt-get install ${missing[*]}"
  echo "installing ${missing[*]} (apt-get)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  # Debian's packages may start system-wide instances; ours run separately on their own ports.
}

secret() {  # secret FILE: a random password kept in FILE (0600)
  [ -s "$1" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$1")
  cat "$1"
}

pg_running() { [ -f "$PGDATA/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }
redis_running() {  # alive and not a zombie (a container's pid 1 may not reap daemons)
  local pid
  [ -f "$DIR/redis.pid" ] && pid=$(cat "$DIR/redis.pid") && [ -n "$pid" ] || return 1
  [ -n "$(ps -o stat= -p "$pid" 2>/dev/null | grep -v Z)" ]
}

start_pg() {
  local bin pw
  bin=$(pg_bin) || die "PostgreSQL is not installed. Fix: scripts/services.sh install"
  pw=$(secret "$DIR/pg.password")
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    rm -rf "$PGDATA"; mkdir -p "$PGDATA" "$PGSOCK"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDATA" "$PGSOCK"
    cp "$DIR/pg.password" "$DIR/pg.pwfile"; [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg.pwfile"
    as_pg "$bin/initdb" -D "$PGDATA" -U rasa --pwfile="$DIR/pg.pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { rm -f "$DIR/pg.pwfile"; die "initdb failed; see $DIR/initdb.log"; }
    rm -f "$DIR/pg.pwfile"
  fi
  mkdir -p "$PGSOCK"; [ "$(id -u)" = 0 ] && chown postgres "$PGSOCK"
  if ! pg_running; then
    [ "$(id -u)" = 0 ] && touch "$DIR/pg.log" && chown postgres "$DIR/pg.log"
    as_pg "$bin/pg_ctl" -D "$PGDATA" -l "$DIR/pg.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGSOCK -c fsync=off -c max_connections=100" start >/dev/null \
      || die "PostgreSQL did not start; see $DIR/pg.log"
  fi
  if ! PGPASSWORD=$pw psql -h 127.0.0.1 -p "$PG_PORT" -U rasa -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='rasa'" | grep -q 1; then
    PGPASSWORD=$pw psql -h 127.0.0.1 -p "$PG_PORT" -U rasa -d postgres -qc "CREATE DATABASE rasa" >/dev/null
  fi
}

start_redis() {
  local pw
  command -v redis-server >/dev/null || die "Redis is not installed. Fix: scripts/services.sh install"
  pw=$(secret "$DIR/redis.password")
  redis_running && return 0
  # The password goes in through a config file, not the command line (ps shows that).
  (umask 077; printf 'requirepass %s\n' "$pw" >"$DIR/redis.conf")
  redis-server "$DIR/redis.conf" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --dir "$DIR"
  for _ in $(seq 50); do redis_running && REDISCLI_AUTH=$pw redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.2; done
  die "Redis did not start; see $DIR/redis.log"
}

print_env() {
  cat <<ENV
export TRACKER_DB_DIALECT=postgresql
export TRACKER_DB_URL=postgresql://rasa:$(cat "$DIR/pg.password")@127.0.0.1:$PG_PORT/rasa
export TRACKER_DB_NAME=rasa
export LOCK_STORE_TYPE=redis
export LOCK_STORE_URL=127.0.0.1
export LOCK_STORE_PORT=$REDIS_PORT
export LOCK_STORE_DB=1
export LOCK_STORE_PASSWORD=$(cat "$DIR/redis.password")
ENV
}

stop() {
  if redis_running; then
    kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
    for _ in $(seq 50); do redis_running || break; sleep 0.1; done
  fi
  rm -f "$DIR/redis.pid"
  if [ -f "$PGDATA/postmaster.pid" ] && bin=$(pg_bin); then
    as_pg "$bin/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  install) install ;;
  start) install; start_pg; start_redis; print_env ;;
  stop) stop ;;
  env) print_env ;;
  *) die "usage: services.sh install|start|stop|env" ;;
esac
