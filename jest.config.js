/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // openid-client 6 and its dependencies ship only ES modules; Node 20.19+ requires them
    // natively, but Jest's module system does not, so they are transpiled to CommonJS here.
    '^.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  // The Functions worker provides '@azure/functions-core' at run time; outside it, the local
  // host's implementation receives the registrations (see local/functionsHost/functionsCore.ts).
  moduleNameMapper: {
    '^@azure/functions-core$': '<rootDir>/local/functionsHost/functionsCore.ts',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/plainSummaryReporter.js'],
};
