#!/usr/bin/env bash
# Every test, from a fresh clone after `npm ci`: build, lint, unit tests, integration tests against real
# servers (started by test/harness, installed from Debian packages when missing), then a one-line summary.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "build"
npm run build

step "lint"
npm run lint

step "jest (unit + integration against real servers)"
# Generic suites run on Radicale and Cyrus; DAViCal and SOGo serve the sharing suites written for them.
export DAV_TEST_SERVERS="${DAV_TEST_SERVERS:-radicale cyrus}"
export DAV_TEST_EXTRA_SERVERS="${DAV_TEST_EXTRA_SERVERS-davical sogo}"
# PostgreSQL for the bridge store suites (run on SQLite and PostgreSQL) and the bridge cluster tests.
export DAV_TEST_DATABASES="${DAV_TEST_DATABASES-postgres}"
# Debian's chromium for the task pane's end-to-end tests (test/integration/e2e-taskpane-*.test.ts)
bash test/e2e/install-chromium.sh
# Debian's thunderbird for the extension's end-to-end test (test/integration/tb-e2e-thunderbird.test.ts)
bash test/e2e/install-thunderbird.sh
report=$(mktemp)
status=0
npx jest --ci --json --outputFile="$report" "$@" || status=$?

# The closing line CI reads: "N passed, N failed" (Jest's own summary is not one it knows).
node -e '
  const fs = require("fs");
  const text = fs.existsSync(process.argv[1]) ? fs.readFileSync(process.argv[1], "utf8") : "";
  if (!text) { console.log("tests: 0 passed, 1 failed (jest did not run: see above)"); process.exit(1); }
  const r = JSON.parse(text);
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$report" || status=1
rm -f "$report"
exit $status
