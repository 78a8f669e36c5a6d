#!/usr/bin/env bash
# HAProxy (Debian's package) in front of N Rasa servers on one machine (make run-scaled).
#   haproxy.sh install            apt-get haproxy if missing (root; idempotent)
#   haproxy.sh config PORT...     write $RUN/haproxy.cfg: Rasa servers on 127.0.0.1:PORT...
#   haproxy.sh start | stop       the HAProxy process (pid and log in $RUN)
#   haproxy.sh disable|enable K   take server K out of / back into the rotation (tests)
# Listens on RASA_INTERFACE (default 0.0.0.0):RASA_PORT, so clients do not change.
# RUN_DIR (default run/) holds haproxy.cfg, haproxy.pid, haproxy.log and the admin socket.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${RUN_DIR:-run}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"

die() { echo "error: $*" >&2; exit 1; }

haproxy_bin() { command -v haproxy || { [ -x /usr/sbin/haproxy ] && echo /usr/sbin/haproxy; }; }

install() {
  haproxy_bin >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "HAProxy is missing; install it: sudo apt-get install haproxy"
  echo "installing haproxy (apt-get)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >&2
  # Debian's package may start a system-wide instance on port 80; ours runs separately.
}

config() {
  [ $# -ge 1 ] || die "usage: haproxy.sh config PORT [PORT...]"
  local rest="" sio="" i=0 port
  for port in "$@"; do
    i=$((i + 1))
    rest+="    server rasa$i 127.0.0.1:$port"$'\n'
    sio+="    server rasa$i 127.0.0.1:$port"$'\n'
  done
  local bind="${RASA_INTERFACE:-0.0.0.0}:${RASA_PORT:?RASA_PORT}"
  python3 - "$RUN/haproxy.cfg" "$bind" "$RUN/haproxy.sock" "$rest" "$sio" <<'PYEOF'
import sys
out, bind, sock, rest, sio = sys.argv[1:]
text = open("scripts/haproxy.cfg.template").read()
for key, value in (("@BIND@", bind), ("@STATS_SOCKET@", sock),
                   ("@REST_SERVERS@", rest.rstrip("\n")), ("@SOCKETIO_SERVERS@", sio.rstrip("\n"))):
    text = text.replace(key, value)
open(out, "w").write(text)
PYEOF
  "$(haproxy_bin)" -c -q -f "$RUN/haproxy.cfg" || die "invalid $RUN/haproxy.cfg"
}

running() { [ -f "$RUN/haproxy.pid" ] && kill -0 "$(cat "$RUN/haproxy.pid")" 2>/dev/null; }

start() {
  local bin
  bin=$(haproxy_bin) || die "HAProxy is not installed. Fix: scripts/haproxy.sh install"
  [ -f "$RUN/haproxy.cfg" ] || die "no $RUN/haproxy.cfg; run: scripts/haproxy.sh config PORT..."
  running && return 0
  # -db: stay in the foreground of this background job, logging to haproxy.log.
  "$bin" -db -f "$RUN/haproxy.cfg" >"$RUN/haproxy.log" 2>&1 &
  echo $! >"$RUN/haproxy.pid"
  for _ in $(seq 50); do
    running || die "HAProxy stopped while starting; see $RUN/haproxy.log"
    if python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)" \
        "${RASA_PORT}" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "HAProxy did not listen on port ${RASA_PORT}; see $RUN/haproxy.log"
}

stop() {
  if running; then
    local pid
    pid=$(cat "$RUN/haproxy.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/haproxy.pid"
}

admin() {  # admin "command": HAProxy's runtime API over the admin socket
  python3 - "$RUN/haproxy.sock" "$1" <<'PYEOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
print(s.recv(65536).decode(), end="")
PYEOF
}

case "${1:-}" in
  install) install ;;
  config) shift; config "$@" ;;
  start) start ;;
  stop) stop ;;
  disable) admin "disable server rasa_rest/rasa${2:?K}"; admin "disable server rasa_socketio/rasa${2}" ;;
  enable) admin "enable server rasa_rest/rasa${2:?K}"; admin "enable server rasa_socketio/rasa${2}" ;;
  stat) admin "show stat" ;;
  *) die "usage: haproxy.sh install|config PORT...|start|stop|disable K|enable K|stat" ;;
esac
