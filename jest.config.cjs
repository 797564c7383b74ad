// Jest runs TypeScript through ts-jest as CommonJS (transpile only: `npm run build` type-checks).
// Imports keep their ESM ".js" suffixes in source; the mapper strips them for Jest's resolver.
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      // isolatedModules in the tsconfig makes ts-jest transpile file by file (fast; tsc type-checks in the build).
      tsconfig: {
        module: 'commonjs',
        moduleResolution: 'node',
        target: 'ES2022',
        esModuleInterop: true,
        isolatedModules: true,
      },
    },
  ],
};
const common = {
  transform,
  testEnvironment: 'node',
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The bridge's middle tier imports bridge-core by package name; its build is ESM, which Jest's CommonJS
    // runtime cannot require: tests compile the sources instead.
    '^@dav-bridge/core$': '<rootDir>/bridge-core/src/index.ts',
    '^@dav-bridge/core/node$': '<rootDir>/bridge-core/src/node/index.ts',
    '^@dav-bridge/core/feed$': '<rootDir>/bridge-core/src/use-cases/feed.ts',
    // The extension's one entry to the browser API throws outside an extension: tests get the Thunderbird API stand-in.
    '^webextension-polyfill$': '<rootDir>/thunderbird-ext/test/support/browser-standin.ts',
  },
};
module.exports = {
  // Integration tests drive real servers and child processes: generous, but bounded.
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: [
        '<rootDir>/bridge-core/test',
        '<rootDir>/outlook-addin/test',
        '<rootDir>/thunderbird-ext/test',
        '<rootDir>/test/tools/test',
      ],
      // The store suites also run against the databases of DAV_TEST_DATABASES (e.g. "postgres"), started here.
      globalSetup: '<rootDir>/test/harness/jest-databases-setup.cjs',
      globalTeardown: '<rootDir>/test/harness/jest-databases-teardown.cjs',
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      globalSetup: '<rootDir>/test/harness/jest-global-setup.cjs',
      globalTeardown: '<rootDir>/test/harness/jest-global-teardown.cjs',
    },
  ],
};
