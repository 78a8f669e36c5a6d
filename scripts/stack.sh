#!/usr/bin/env bash
# Start and stop the assistant's processes: action server, Rasa server, web page.
#   stack.sh foreground   all of them; Ctrl-C stops all (make run)
#   stack.sh shell        talk to the assistant in this terminal (make shell): to the running
#                         stack when one answers on RASA_PORT (scripts/chat.py), else
#                         action server + `rasa shell` as before
#   stack.sh start|stop   in the background with pid files in run/ (tests, benchmarks)
#   stack.sh start-actions|start-rasa|stop-actions|stop-rasa
#                         one process in the background (scale-out, tests/production/)
#   stack.sh scaled       PostgreSQL + Redis, RASA_SERVERS (2) Rasa servers, an action server
#                         and HAProxy on RASA_PORT in front, the web page; Ctrl-C stops all
#                         (make run-scaled N=2; docs/production.md "Running at scale")
#   stack.sh start-scaled|stop-scaled   the same in the background (tests, benchmarks)
# Expects scripts/env.sh to be sourced (the Makefile does).
# RUN_DIR (default run/) holds pid files and logs, so several stacks can run side by side.
# RASA_API_TOKEN: when set, Rasa's HTTP API is enabled and needs that token; when unset
# the HTTP API stays closed (never enabled without a token).
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# Rasa's command line through server/cli.py: quiet warnings, LOG_LEVEL for both servers.
RASA=("$PY" -m server.cli)
MODEL="${RASA_MODEL:-models/kpn-assistent.tar.gz}"
RUN="${RUN_DIR:-run}"
mkdir -p "$RUN"

die() { echo "error: $*" >&2; exit 1; }

port_free() {  # exit 0 when nothing listens on 127.0.0.1:$1
  "$PY" - "$1" <<'PYEOF'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PYEOF
}

wait_http() {  # wait_http URL SECONDS NAME PID
  local url=$1 limit=$2 name=$3 pid=$4 waited=0
  until "$PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "error: $name stopped while starting; see $RUN/$name.log" >&2; return 1; }
    [ "$waited" -ge "$limit" ] && { echo "error: $name did not answer on $url within ${limit}s; see $RUN/$name.log" >&2; return 1; }
    sleep 1; waited=$((waited + 1))
  done
}

check_data() {  # fail fast: a broken data file stops here with file, entry and problem
  "$PY" -m knowledge.validate --quiet || die "the knowledge data has the problem(s) above; nothing was started. Fix the file named, then: make validate"
}

check_ready() {
  [ -f "$MODEL" ] || die "no trained model at $MODEL. Fix: make train"
  check_data
  for port in "$ACTION_PORT" "$RASA_PORT" "$@"; do
    port_free "$port" || die "port $port is in use (another 'make run'?). Fix: stop that process (e.g. 'make stop' or 'fuser -k $port/tcp'), or choose another port: RASA_PORT=5006 ACTION_PORT=5056 WEB_PORT=8081 make run"
  done
}

# Every process starts through server/cli.py: quiet, no jax import, and `run actions` is
# rasa_sdk's own server (what `rasa run actions` calls, without importing Rasa and
# TensorFlow first).
start_actions() {
  "${RASA[@]}" run actions --port "$ACTION_PORT" --actions actions >"$RUN/actions.log" 2>&1 &
  echo $! >"$RUN/actions.pid"
}

start_rasa() {
  # The HTTP API only with a token: users reach the bot via its channels.
  local api=()
  if [ -n "${RASA_API_TOKEN:-}" ]; then api=(--enable-api --auth-token "$RASA_API_TOKEN"); fi
  # RASA_INTERFACE: bind address (Rasa's default 0.0.0.0; tests use 127.0.0.1).
  if [ -n "${RASA_INTERFACE:-}" ]; then api+=(--interface "$RASA_INTERFACE"); fi
  # shellcheck disable=SC2086
  "${RASA[@]}" run --model "$MODEL" --port "$RASA_PORT" --endpoints endpoints.yml \
    --credentials credentials.yml --cors $RASA_CORS_ORIGINS "${api[@]}" >"$RUN/rasa.log" 2>&1 &
  echo $! >"$RUN/rasa.pid"
}

start_web() {
  [ "${START_WEB:-1}" = 1 ] || return 0  # the benchmark needs no web page
  if [ -f scripts/serve_web.py ]; then
    "$PY" scripts/serve_web.py --port "$WEB_PORT" --bot-url "http://localhost:$RASA_PORT" >"$RUN/web.log" 2>&1 &
    echo $! >"$RUN/web.pid"
  fi
}

stop_one() {  # stop_one NAME: the process in $RUN/NAME.pid, if any
  local name=$1 pid
  if [ -f "$RUN/$name.pid" ]; then
    pid=$(cat "$RUN/$name.pid")
    kill "$pid" 2>/dev/null && for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null
    rm -f "$RUN/$name.pid"
  fi
}

stop_all() {
  [ -f "$RUN/scaled" ] && stop_scaled
  for name in web rasa actions; do stop_one "$name"; done
}

# --- scale-out: HAProxy in front of RASA_SERVERS Rasa servers on PostgreSQL + Redis -----
SERVERS="${RASA_SERVERS:-2}"
BASE_PORT="${SCALED_BASE_PORT:-$((RASA_PORT + 30))}"  # the servers: BASE_PORT+1 .. +N

start_scaled() {
  [[ "$SERVERS" =~ ^[1-9][0-9]?$ ]] || die "RASA_SERVERS (make run-scaled N=...) must be 1..99, not '$SERVERS'"
  local ports=() i
  for i in $(seq 1 "$SERVERS"); do ports+=($((BASE_PORT + i))); done
  if [ "${START_WEB:-1}" = 1 ]; then check_ready "$WEB_PORT" "${ports[@]}"; else check_ready "${ports[@]}"; fi
  scripts/haproxy.sh install
  local services_env
  services_env=$(SERVICES_DIR="${SERVICES_DIR:-$RUN/services}" scripts/services.sh start) \
    || die "PostgreSQL/Redis did not start (scripts/services.sh)"
  eval "$services_env"
  touch "$RUN/scaled"
  # HAProxy is the only client of the servers: its X-Forwarded-For names the real client.
  export TRUSTED_PROXIES="${TRUSTED_PROXIES:-127.0.0.1}"
  # A killed server's conversation lock expires after this (Rasa's default: 60 s).
  export TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-15}"
  started=$(date +%s%N)
  start_actions
  for i in $(seq 1 "$SERVERS"); do
    (RUN="$RUN/rasa$i"; mkdir -p "$RUN"; RASA_PORT=$((BASE_PORT + i)) RASA_INTERFACE=127.0.0.1 start_rasa)
  done
  scripts/haproxy.sh config "${ports[@]}"
  scripts/haproxy.sh start
  start_web
  wait_http "http://localhost:$ACTION_PORT/health" 60 actions "$(cat $RUN/actions.pid)" || return 1
  for i in $(seq 1 "$SERVERS"); do
    wait_http "http://127.0.0.1:$((BASE_PORT + i))/" "${RASA_START_TIMEOUT:-180}" "rasa$i/rasa" \
      "$(cat "$RUN/rasa$i/rasa.pid")" || return 1
  done
  wait_http "http://localhost:$RASA_PORT/webhooks/rest/" 30 haproxy "$(cat $RUN/haproxy.pid)" || return 1
  if [ -f "$RUN/web.pid" ]; then wait_http "http://localhost:$WEB_PORT/" 20 web "$(cat $RUN/web.pid)" || return 1; fi
  ready=$(date +%s%N)
  elapsed_ms=$(( (ready - started) / 1000000 ))
  printf 'ready in %d.%01d s\n' $((elapsed_ms / 1000)) $(((elapsed_ms % 1000) / 100)) >"$RUN/startup.txt"
}

stop_scaled() {
  local dir
  stop_one web
  scripts/haproxy.sh stop
  for dir in "$RUN"/rasa[0-9]*; do
    [ -d "$dir" ] && (RUN="$dir"; stop_one rasa)
  done
  stop_one actions
  SERVICES_DIR="${SERVICES_DIR:-$RUN/services}" scripts/services.sh stop
  rm -f "$RUN/scaled"
}

start_all() {
  check_ready "$WEB_PORT"
  started=$(date +%s%N)
  start_actions
  start_rasa
  start_web
  wait_http "http://localhost:$ACTION_PORT/health" 60 actions "$(cat $RUN/actions.pid)" || return 1
  wait_http "http://localhost:$RASA_PORT/" 120 rasa "$(cat $RUN/rasa.pid)" || return 1
  if [ -f "$RUN/web.pid" ]; then wait_http "http://localhost:$WEB_PORT/" 20 web "$(cat $RUN/web.pid)" || return 1; fi
  ready=$(date +%s%N)
  elapsed_ms=$(( (ready - started) / 1000000 ))
  printf 'ready in %d.%01d s\n' $((elapsed_ms / 1000)) $(((elapsed_ms % 1000) / 100)) >"$RUN/startup.txt"
}

case "${1:-}" in
  foreground)
    trap 'echo; echo "Stopping..."; stop_all; exit 0' INT TERM
    start_all || { stop_all; exit 1; }
    cat <<MSG

KPN assistent draait ($(cat $RUN/startup.txt)).
  Chat in je browser:  http://localhost:$WEB_PORT/
  REST:                curl -s -X POST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
                         -H 'Content-Type: application/json' -d '{"sender":"ik","message":"hallo"}'
  Socket.IO:           http://localhost:$RASA_PORT/socket.io
  In een terminal:     make shell   (in een tweede terminal; praat met deze assistent)
  Logs:                $RUN/rasa.log, $RUN/actions.log
Ctrl-C stopt alles.
MSG
    wait
    stop_all
    ;;
  shell)
    if "$PY" scripts/chat.py --check --url "http://localhost:$RASA_PORT"; then
      exec "$PY" scripts/chat.py --url "http://localhost:$RASA_PORT"
    fi
    check_ready
    trap 'stop_all' EXIT
    start_actions
    wait_http "http://localhost:$ACTION_PORT/health" 60 actions "$(cat $RUN/actions.pid)" || exit 1
    # No stack answers: rasa shell starts its own server on the configured port.
    "${RASA[@]}" shell --model "$MODEL" --endpoints endpoints.yml --port "$RASA_PORT"
    ;;
  start) start_all || { stop_all; exit 1; } ;;
  stop) stop_all ;;
  start-actions)
    check_data
    port_free "$ACTION_PORT" || die "port $ACTION_PORT is in use"
    start_actions
    wait_http "http://localhost:$ACTION_PORT/health" 60 actions "$(cat $RUN/actions.pid)" || { stop_one actions; exit 1; }
    ;;
  start-rasa)
    [ -f "$MODEL" ] || die "no trained model at $MODEL. Fix: make train"
    port_free "$RASA_PORT" || die "port $RASA_PORT is in use"
    start_rasa
    wait_http "http://localhost:$RASA_PORT/" "${RASA_START_TIMEOUT:-180}" rasa "$(cat $RUN/rasa.pid)" || { stop_one rasa; exit 1; }
    ;;
  scaled)
    trap 'echo; echo "Stopping..."; stop_scaled; exit 0' INT TERM
    start_scaled || { stop_scaled; exit 1; }
    cat <<MSG

KPN assistent draait op $SERVERS Rasa-servers achter HAProxy ($(cat $RUN/startup.txt)).
  Chat in je browser:  http://localhost:$WEB_PORT/
  REST en Socket.IO:   http://localhost:$RASA_PORT (HAProxy; servers op poort $((BASE_PORT + 1))-$((BASE_PORT + SERVERS)))
  Logs:                $RUN/rasa1/rasa.log ... $RUN/actions.log, $RUN/haproxy.log
Ctrl-C stopt alles.
MSG
    wait
    stop_scaled
    ;;
  start-scaled) start_scaled || { stop_scaled; exit 1; } ;;
  stop-scaled) stop_scaled ;;
  stop-actions) stop_one actions ;;
  stop-rasa) stop_one rasa ;;
  *) die "usage: stack.sh foreground|shell|start|stop|scaled|start-scaled|stop-scaled|start-actions|start-rasa|stop-actions|stop-rasa" ;;
esac
