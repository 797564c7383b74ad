// Stops only the servers jest-global-setup.cjs started in this Jest process.
const { stopStarted } = require('./harness-run.cjs');

module.exports = async function globalTeardown() {
  stopStarted('__DAV_TEST_STARTED_SERVERS__');
};
