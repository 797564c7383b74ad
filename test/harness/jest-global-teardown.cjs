// Stops only the servers jest-global-setup.cjs started in this Jest process.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalTeardown() {
  const started = globalThis.__DAV_TEST_STARTED_SERVERS__ || [];
  if (started.length === 0) return;
  execFileSync('bash', [path.join(__dirname, 'servers.sh'), 'stop', ...started], { stdio: 'inherit' });
};
