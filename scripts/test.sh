#!/usr/bin/env bash
# Set up everything the tests need, then run them all. Usage: bash scripts/test.sh [pytest args]
# Works on a fresh machine with Python 3.11. Re-running is fast: installed things are kept.
#
# Browser: CHROMIUM_PATH chooses the Chromium binary. Without it, Debian's `chromium-headless-shell`
# (else its `chromium`) is used, installed with apt-get when running as root; where apt-get has
# neither (Ubuntu's Chromium is a snap) and elsewhere without a Chromium (a laptop, GitHub Actions),
# Playwright downloads its own.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Please install: $*" >&2
    return 1
  fi
}

# Python packages.
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# npm tools: axe-core, the Nu HTML checker (vnu-jar) and Lighthouse (benchmark only).
command -v npm >/dev/null || apt_install nodejs npm
if [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
# The Nu HTML checker runs on Java.
command -v java >/dev/null || apt_install default-jre-headless

# Chromium for the browser tests: Debian's headless shell (Chromium without the desktop browser,
# as Playwright runs it for headless tests), else Debian's whole chromium.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium-headless-shell >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt_install chromium-headless-shell || command -v chromium >/dev/null || apt_install chromium ||
      { echo "No Chromium from apt-get here: Playwright downloads its own" >&2
        .venv/bin/python -m playwright install --with-deps chromium; }
  elif ! command -v chromium >/dev/null; then
    .venv/bin/python -m playwright install chromium
  fi
fi

# Style and types (settings in pyproject.toml): ruff's rules and its formatting, then mypy on
# hooks/. A finding stops the run before the tests.
.venv/bin/python -m ruff check hooks tests scripts
.venv/bin/python -m ruff format --check hooks tests scripts
.venv/bin/python -m mypy hooks

# On every core (pytest-xdist): each worker builds the sites and starts the Chromium its tests need.
# TEST_WORKERS=0 runs everything in this one process (for --pdb, or to read the output in order).
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" "$@"
