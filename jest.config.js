/** Jest in ESM mode (run with NODE_OPTIONS=--experimental-vm-modules), TypeScript through ts-jest. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // Tests with a real Redis (the store, and several processes) and the 10,000-play load tests:
  // `npm run test:redis` (needs redis-server).
  // Slow consumer-app installs from the packed tarball: `npm run test:consumers`.
  // The sample's page in a real Chromium: `npm run test:browser` (needs /usr/bin/chromium).
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/browser/',
    '<rootDir>/test/fleet/',
    '<rootDir>/test/redis/live/',
    '<rootDir>/test/plays/load/',
    '<rootDir>/test/plays/bullmq/',
    '<rootDir>/test/consumer/apps.spec.ts',
  ],
  moduleNameMapper: {
    '^nestjs-playlyfe$': '<rootDir>/lib/index.ts',
    '^nestjs-playlyfe/testing$': '<rootDir>/lib/testing/index.ts',
    '^nestjs-playlyfe/redis$': '<rootDir>/lib/redis/index.ts',
    '^nestjs-playlyfe/terminus$': '<rootDir>/lib/terminus/index.ts',
    '^nestjs-playlyfe/plays$': '<rootDir>/lib/plays/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 30000,
};
