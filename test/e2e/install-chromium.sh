#!/usr/bin/env bash
# Installs Debian's chromium for the task pane's end-to-end tests (test/integration/e2e-taskpane-*.test.ts drive it
# with playwright-core, which never downloads a browser). Idempotent: a no-op in milliseconds when already there.
# CHROMIUM_PATH overrides the binary the tests use (default /usr/bin/chromium).
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium.sh: $bin is missing and installing it needs root: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium.sh: $bin is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
log="${TMPDIR:-/tmp}/dav-bridge-install-chromium.log"
echo "install-chromium.sh: installing Debian's chromium (log: $log)" >&2
# Serialise with other apt users (the DAV test harness installs its servers the same way).
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium fonts-dejavu-core; } >"$log" 2>&1; then
  echo "install-chromium.sh: apt-get install chromium failed: $(tail -n 1 "$log")" >&2
  exit 1
fi
if [ ! -x "$bin" ]; then
  echo "install-chromium.sh: chromium installed but $bin is still missing (set CHROMIUM_PATH)" >&2
  exit 1
fi
