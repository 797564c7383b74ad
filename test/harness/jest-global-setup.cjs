// Starts the real DAV servers for the "integration" Jest project (see servers.sh).
// Synchronous with inherited stdio so install progress and start failures (server log
// tail) show up in Jest's output and abort the run before any test executes.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const script = path.join(__dirname, 'servers.sh');

// DAV_TEST_SERVERS: servers every generic suite runs against. DAV_TEST_EXTRA_SERVERS: servers only the suites
// written for them use (DAViCal's ACL and tickets, SOGo's roles); both are started.
function names() {
  const list = `${process.env.DAV_TEST_SERVERS || 'radicale cyrus'} ${process.env.DAV_TEST_EXTRA_SERVERS || ''}`;
  return [...new Set(list.split(/[\s,]+/).filter(Boolean))];
}

function isRunning(name) {
  try {
    execFileSync('bash', [script, 'status', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

module.exports = async function globalSetup() {
  // Jest hands the same globalThis to globalTeardown; record only what we start, so a
  // developer's long-running servers (or DAV_TEST_SERVERS_EXTERNAL=1) survive the run.
  globalThis.__DAV_TEST_STARTED_SERVERS__ = [];
  if (process.env.DAV_TEST_SERVERS_EXTERNAL === '1') return;
  const toStart = names().filter((n) => !isRunning(n));
  if (toStart.length === 0) return;
  process.stdout.write('\n');
  // Record before starting: if one of several fails, teardown still stops the others.
  globalThis.__DAV_TEST_STARTED_SERVERS__ = toStart;
  try {
    execFileSync('bash', [script, 'start', ...toStart], { stdio: 'inherit' });
  } catch (err) {
    try {
      execFileSync('bash', [script, 'stop', ...toStart], { stdio: 'inherit' });
    } catch {
      // the start failure below is the error worth reporting
    }
    globalThis.__DAV_TEST_STARTED_SERVERS__ = [];
    throw new Error(`test servers failed to start (${toStart.join(' ')}); see the output above`);
  }
};
