#!/usr/bin/env bash
# Set up everything the tests need, then run them all. Usage: bash scripts/test.sh [pytest args]
# Works on a fresh machine with Python 3.11; re-running it is fast (installs are skipped when present).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
