#!/usr/bin/env bash
# Create .venv (if needed) and install ZoneKG into it, editable. Usage: scripts/setup.sh [extras]
#   scripts/setup.sh          the package
#   scripts/setup.sh test     the package + test tools (pytest, SPARQLWrapper, ...)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
spec="."
[ -n "${1:-}" ] && spec=".[$1]"
.venv/bin/python -m pip install -q -e "$spec"
