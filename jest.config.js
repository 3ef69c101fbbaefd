/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // The Functions worker provides '@azure/functions-core' at run time; outside it, the local
  // host's implementation receives the registrations (see local/functionsHost/functionsCore.ts).
  moduleNameMapper: {
    '^@azure/functions-core$': '<rootDir>/local/functionsHost/functionsCore.ts',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/plainSummaryReporter.js'],
};
