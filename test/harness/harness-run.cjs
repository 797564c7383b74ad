// Starting and stopping harness servers from Jest's global setups (one for the DAV servers of the "integration"
// project, one for the databases of both projects). Synchronous with inherited stdio so install progress and
// start failures (server log tail) show up in Jest's output and abort the run before any test executes.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const script = path.join(__dirname, 'servers.sh');

function list(text) {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** DAV_TEST_DATABASES: databases the store suites also run against (e.g. "postgres"); none by default. */
function databaseNames() {
  return list(process.env.DAV_TEST_DATABASES || '');
}

function isRunning(name) {
  try {
    execFileSync('bash', [script, 'status', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the named servers that are not running and records them under globalThis[key] (Jest hands the same
 * globalThis to the global teardown), so a developer's long-running servers (or DAV_TEST_SERVERS_EXTERNAL=1)
 * survive the run.
 */
function startMissing(names, key) {
  globalThis[key] = [];
  if (process.env.DAV_TEST_SERVERS_EXTERNAL === '1') return;
  const toStart = names.filter((n) => !isRunning(n));
  if (toStart.length === 0) return;
  process.stdout.write('\n');
  // Record before starting: if one of several fails, teardown still stops the others.
  globalThis[key] = toStart;
  try {
    execFileSync('bash', [script, 'start', ...toStart], { stdio: 'inherit' });
  } catch (err) {
    try {
      execFileSync('bash', [script, 'stop', ...toStart], { stdio: 'inherit' });
    } catch {
      // the start failure below is the error worth reporting
    }
    globalThis[key] = [];
    throw new Error(`test servers failed to start (${toStart.join(' ')}); see the output above`);
  }
}

/** Stops only what startMissing(…, key) started in this Jest process. */
function stopStarted(key) {
  const started = globalThis[key] || [];
  if (started.length === 0) return;
  execFileSync('bash', [script, 'stop', ...started], { stdio: 'inherit' });
}

module.exports = { list, databaseNames, startMissing, stopStarted };
