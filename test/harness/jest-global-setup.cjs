// Starts the real DAV servers (and the databases of DAV_TEST_DATABASES) for the "integration" Jest project (see
// servers.sh and harness-run.cjs).
const { list, databaseNames, startMissing } = require('./harness-run.cjs');

// DAV_TEST_SERVERS: servers every generic suite runs against. DAV_TEST_EXTRA_SERVERS: servers only the suites
// written for them use (DAViCal's ACL and tickets, SOGo's roles); both are started.
function names() {
  const servers = list(
    `${process.env.DAV_TEST_SERVERS || 'radicale cyrus'} ${process.env.DAV_TEST_EXTRA_SERVERS || ''}`,
  );
  return [...new Set([...servers, ...databaseNames()])];
}

module.exports = async function globalSetup() {
  startMissing(names(), '__DAV_TEST_STARTED_SERVERS__');
};
