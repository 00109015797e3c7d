#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run ruff and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# System packages: headless Chromium (web page test) and a CJK font (PNG export).
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qiE "noto sans cjk|wenquanyi" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null) \
      || echo "warning: could not install ${need[*]}; the tests that need them will be skipped" >&2
  else
    echo "warning: not root, cannot install ${need[*]}; the tests that need them will be skipped" >&2
  fi
fi
bash scripts/setup.sh test
.venv/bin/ruff check kg tests benchmarks scripts
.venv/bin/python -m pytest -q "$@"
