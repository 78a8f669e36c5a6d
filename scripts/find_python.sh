#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 does not install on 3.11+).
# Looks at $PYTHON, pyenv's 3.10.x, then python3.10 on PATH.
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -rV); do
    candidates+=("$(pyenv root)/versions/$v/bin/python")
  done
fi
for dir in "$HOME/.pyenv/versions"/3.10*; do [ -x "$dir/bin/python" ] && candidates+=("$dir/bin/python"); done
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
for python in "${candidates[@]}"; do
  if [ -x "$python" ] && "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$python"; exit 0
  fi
done
echo "error: no Python 3.10 found (Rasa 3.6 needs 3.10). Fix: 'pyenv install 3.10.13' (or apt-get install python3.10), or set PYTHON=/path/to/python3.10." >&2
exit 1
