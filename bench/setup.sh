#!/usr/bin/env bash
# Create bench/.venv with rillet (from this checkout), Streamlit and the measuring tools, so both
# frameworks run from one interpreter with the same libraries. Chromium is Debian's package:
# Playwright cannot download its own browsers here.
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e .. streamlit playwright psutil pandas redis

if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's package"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

.venv/bin/python - <<'EOF'
from importlib.metadata import version
for name in ("rillet", "streamlit", "playwright", "psutil", "pandas"):
    print(f"{name:10} {version(name)}")
EOF
echo "bench/.venv is ready: run  bench/.venv/bin/python bench/run.py"
