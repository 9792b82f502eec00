#!/usr/bin/env bash
# Install everything the tests need into .venv (and Chromium when missing), then run the checks
# and every test. The same script runs locally and in CI (.ci/run calls it).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e '.[test]'
# Existing component packages, run unchanged under --streamlit-compat (tests/e2e/test_components.py).
# --no-deps keeps the real streamlit out; python-decouple is streamlit-aggrid's own dependency.
.venv/bin/python -m pip install --quiet --no-deps streamlit-option-menu streamlit-aggrid python-decouple

if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's package"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server is missing (Redis cache tests): installing Debian's package"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is missing (tests/e2e/test_failover.py, docs/deploy.md): installing Debian's package"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
fi

if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "PostgreSQL is missing (st.connection tests): installing Debian's package"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

# TypeScript checks the frontend's JSDoc types (package.json pins it; nothing is built).
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing (frontend type check): installing Debian's nodejs and npm"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -x node_modules/.bin/tsc ] || ! grep -q '"version": "5.9.3"' node_modules/typescript/package.json; then
  npm install --silent --no-audit --no-fund >/dev/null
fi

echo "== ruff"
.venv/bin/ruff check src tests
echo "== mypy"
.venv/bin/mypy
echo "== tsc (frontend, checkJs)"
node_modules/.bin/tsc -p tsconfig.json
echo "== pytest"
# The Hypothesis fuzz of the decoder and sanitizers runs in a process of its own: twice in this
# project's history it ran for minutes at the end of a full run while taking seconds alone, so
# it is kept apart from whatever the other ~2,000 tests leave in the process.
FUZZ=tests/protocol/test_fuzz.py
set +e
if [ "$#" -eq 0 ]; then
  .venv/bin/python -m pytest -q --ignore="$FUZZ"
  rc=$?
  echo "== pytest (fuzz)"
  .venv/bin/python -m pytest -q "$FUZZ"
  fuzz=$?
  if [ "$rc" = 0 ] && [ "$fuzz" != 0 ]; then rc=$fuzz; fi
else
  .venv/bin/python -m pytest -q "$@"
  rc=$?
fi
set -e
if [ "$rc" = 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$rc"
