// Starts the databases of DAV_TEST_DATABASES (e.g. "postgres") for the "unit" Jest project, whose store suites run
// against each of them beside SQLite (outlook-addin/test/support/store-engines.ts). Nothing when it is empty.
const { databaseNames, startMissing } = require('./harness-run.cjs');

module.exports = async function globalSetup() {
  startMissing(databaseNames(), '__DAV_TEST_STARTED_DATABASES__');
};
