#!/usr/bin/env bash
# Record where the reply time goes, for when a latency target in bench/results.md is missed.
#   bench/profile_latency.sh                      # models/kpn-assistent.tar.gz, sequential
#   PROFILE_CONCURRENCY=10 PROFILE_REQUESTS=300 bench/profile_latency.sh
#   PROFILE_MODEL=bench/out/work/models/plain.tar.gz bench/profile_latency.sh
# Starts its own action server + Rasa server on the benchmark's ports (BENCH_RASA_PORT,
# default 5305; BENCH_ACTION_PORT, default 5355), loads them over loopback with held-out
# questions while py-spy samples both, stops them, and writes flame graphs and a
# top-functions list to bench/out/profile/.
# py-spy is a developer tool, not a dependency: it is installed into .venv on first use
# and deliberately kept out of requirements.txt / requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || { echo "error: no .venv. Fix: make install" >&2; exit 1; }
if [ ! -x .venv/bin/py-spy ]; then
  echo "installing py-spy into .venv (not part of requirements.lock)"
  "$PY" -m pip install --quiet --disable-pip-version-check "py-spy==0.4.3"
fi
# shellcheck disable=SC1091
source scripts/env.sh
exec "$PY" bench/profile_latency.py
