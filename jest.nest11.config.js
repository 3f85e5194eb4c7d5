/**
 * The Jest suite against NestJS 11 + @nestjs/axios 4 (`npm run test:nest11`). Same config as
 * jest.config.js, except that the packages an app shares with the library (@nestjs/*, rxjs) are
 * mapped to compat/nest11/node_modules (install: `npm ci --prefix compat/nest11`), so lib/, the
 * tests and Nest itself load one NestJS 11 instance; Nest 11's own requires resolve there too.
 * test/consumer/nest-runtime.spec.ts asserts which @nestjs/* versions really loaded.
 */
import base from './jest.config.js';

const compat = '<rootDir>/compat/nest11/node_modules';

export default {
  ...base,
  moduleNameMapper: {
    '^@nestjs/(axios|common|config|core|platform-express|terminus|testing)(/.*)?$': `${compat}/@nestjs/$1$2`,
    '^rxjs(/.*)?$': `${compat}/rxjs$1`,
    ...base.moduleNameMapper,
  },
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    // The packed tarball is loaded by child `node` processes, not through this config: the
    // CommonJS NestJS 11 consumer test covers the tarball on Nest 11.
    '<rootDir>/test/package.spec.ts',
    '<rootDir>/test/package-manifest.spec.ts',
    '<rootDir>/test/observability/instrumented-apps.spec.ts',
    // Slow apps built from the tarball: `npm run test:consumers`.
    '<rootDir>/test/consumer/(?!nest-runtime\\.spec\\.ts$)',
  ],
};
