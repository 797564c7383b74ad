#!/usr/bin/env bash
# Installs Debian's thunderbird for the extension's end-to-end test (test/integration/tb-e2e-thunderbird.test.ts runs
# it headless with a fresh profile and the built XPI; no Xvfb needed). Idempotent: a no-op in milliseconds when
# already there. THUNDERBIRD_PATH overrides the binary the test uses (default /usr/bin/thunderbird).
set -euo pipefail
bin="${THUNDERBIRD_PATH:-/usr/bin/thunderbird}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-thunderbird.sh: $bin is missing and installing it needs root: run 'sudo apt-get install -y thunderbird' (or set THUNDERBIRD_PATH)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-thunderbird.sh: $bin is missing and apt-get is not available: install Thunderbird and set THUNDERBIRD_PATH" >&2
  exit 1
fi
log="${TMPDIR:-/tmp}/dav-bridge-install-thunderbird.log"
echo "install-thunderbird.sh: installing Debian's thunderbird (log: $log)" >&2
# Serialise with other apt users (the DAV test harness and install-chromium.sh install the same way).
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends thunderbird; } >"$log" 2>&1; then
  echo "install-thunderbird.sh: apt-get install thunderbird failed: $(tail -n 1 "$log")" >&2
  exit 1
fi
if [ ! -x "$bin" ]; then
  echo "install-thunderbird.sh: thunderbird installed but $bin is still missing (set THUNDERBIRD_PATH)" >&2
  exit 1
fi
