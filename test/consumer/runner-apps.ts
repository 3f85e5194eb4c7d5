/**
 * Apps set up the way `nest new` sets them up, each tested by its own runner through its own
 * `npm test` (test/consumer/apps.spec.ts runs them): NestJS 11 CommonJS with Jest 30 or 29 and
 * ts-jest, NestJS 12 ESM with Vitest 4 + unplugin-swc or Jest 30 in ESM mode, and NestJS 10.
 * Files and settings follow the `@nestjs/schematics` application templates; what differs from a
 * fresh app is the spec below and the added dependencies (the tarball, @nestjs/axios, ioredis).
 */
import {
  CJS_JEST,
  CJS_TSCONFIG,
  esmTsconfig,
  JEST_ESM_CONFIG,
  NEST10_TSCONFIG,
  tsconfig,
  VITEST_CONFIG,
  VITEST_SWC_CONFIG,
} from './runner-app-templates.js';
import { readmePeers } from '../utils/readme-install.js';
import { runnerSpec, type SpecFlavour } from './runner-spec.js';

export interface RunnerApp {
  name: string;
  /** What a reader sees in the test title: app kind and runner. */
  title: string;
  type: 'module' | 'commonjs';
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  /** The app's `npm test`, as its template has it. */
  test: string;
  /** Arguments after `npm test --` that write the runner's JSON report to report.json. */
  reportArgs: string[];
  /** package.json `jest` key, as the CommonJS template keeps it. */
  jest?: Record<string, unknown>;
  files: Record<string, string>;
  /** Tests the app's spec declares: the runner must report exactly these as passed. */
  tests: number;
}

/** What every app adds to its template: the peers README.md's install line for its NestJS major installs, and ioredis. */
const peers = (major: number) => ({ ...readmePeers(major), ioredis: '^6.0.0' });

const NEST_11 = {
  '@nestjs/common': '^11.0.1',
  '@nestjs/core': '^11.0.1',
  '@nestjs/platform-express': '^11.0.1',
  'reflect-metadata': '^0.2.2',
  rxjs: '^7.8.1',
  ...peers(11),
};

const NEST_12 = {
  '@nestjs/common': '^12.0.1',
  '@nestjs/core': '^12.0.1',
  '@nestjs/platform-express': '^12.0.1',
  'reflect-metadata': '^0.2.2',
  rxjs: '^7.8.1',
  ...peers(12),
};

const JEST_REPORT = ['--json', '--outputFile=report.json'];

const SUPERTEST = { supertest: '^7.0.0', '@types/supertest': '^7.0.0' };

function cjsJestApp(
  name: string,
  title: string,
  flavour: SpecFlavour,
  dependencies: Record<string, string>,
  devDependencies: Record<string, string>,
  compilerOptions: Record<string, unknown> = CJS_TSCONFIG,
): RunnerApp {
  const spec = runnerSpec(flavour);
  return {
    name,
    title,
    type: 'commonjs',
    dependencies,
    devDependencies: { ...SUPERTEST, ...devDependencies },
    test: 'jest',
    reportArgs: JEST_REPORT,
    jest: CJS_JEST,
    files: { 'tsconfig.json': tsconfig(compilerOptions), 'src/playlyfe.spec.ts': spec.source },
    tests: spec.tests,
  };
}

/** A NestJS 12 ESM app (the ESM template) tested by Vitest or by Jest in ESM mode. */
function esmApp(
  name: string,
  title: string,
  runner: 'jest' | 'vitest',
  devDependencies: Record<string, string>,
  files: Record<string, string> = {},
): RunnerApp {
  const spec = runnerSpec({ build: 'esm', runner });
  const vitest = runner === 'vitest';
  return {
    name,
    title,
    type: 'module',
    dependencies: NEST_12,
    devDependencies: {
      ...SUPERTEST,
      '@nestjs/testing': '^12.0.1',
      '@types/node': '^24.0.0',
      typescript: '^6.0.2',
      ...devDependencies,
    },
    test: vitest ? 'vitest run' : 'NODE_OPTIONS=--experimental-vm-modules jest',
    reportArgs: vitest ? ['--reporter=json', '--outputFile=report.json'] : JEST_REPORT,
    files: {
      'tsconfig.json': tsconfig(esmTsconfig([vitest ? 'vitest/globals' : 'jest', 'node'])),
      ...(vitest ? { 'vitest.config.ts': VITEST_CONFIG } : { 'jest.config.js': JEST_ESM_CONFIG }),
      'src/playlyfe.spec.ts': spec.source,
      ...files,
    },
    tests: spec.tests,
  };
}

export const RUNNER_APPS: RunnerApp[] = [
  cjsJestApp(
    'cjs-nest11-jest30',
    'NestJS 11 CommonJS, Jest 30 + ts-jest 29 (the nest new template)',
    { build: 'cjs', runner: 'jest' },
    NEST_11,
    {
      '@nestjs/testing': '^11.0.1',
      '@types/jest': '^30.0.0',
      '@types/node': '^22.10.7',
      jest: '^30.0.0',
      'ts-jest': '^29.2.5',
      typescript: '^5.7.3',
    },
  ),
  cjsJestApp(
    'cjs-nest11-jest29',
    'NestJS 11 CommonJS, Jest 29 + ts-jest 29 (apps made before Jest 30)',
    { build: 'cjs', runner: 'jest' },
    NEST_11,
    {
      '@nestjs/testing': '^11.0.1',
      '@types/jest': '^29.5.14',
      '@types/node': '^22.10.7',
      jest: '^29.7.0',
      'ts-jest': '^29.2.5',
      typescript: '^5.7.3',
    },
  ),
  cjsJestApp(
    'cjs-nest10-jest29',
    'NestJS 10 CommonJS (@nestjs/axios 3), Jest 29 + ts-jest 29 (the NestJS 10 template)',
    { build: 'cjs', runner: 'jest', supertestImport: 'namespace' },
    {
      '@nestjs/common': '^10.0.0',
      '@nestjs/core': '^10.0.0',
      '@nestjs/platform-express': '^10.0.0',
      'reflect-metadata': '^0.2.0',
      rxjs: '^7.8.1',
      ...peers(10),
    },
    {
      '@nestjs/testing': '^10.0.0',
      '@types/jest': '^29.5.2',
      '@types/node': '^20.3.1',
      '@types/supertest': '^2.0.12',
      jest: '^29.5.0',
      supertest: '^6.3.3',
      'ts-jest': '^29.1.0',
      typescript: '^5.1.3',
    },
    NEST10_TSCONFIG,
  ),
  esmApp('esm-nest12-vitest4', 'NestJS 12 ESM, Vitest 4 (the nest new template)', 'vitest', {
    vitest: '^4.1.2',
  }),
  esmApp(
    'esm-nest12-vitest4-swc',
    'NestJS 12 ESM, Vitest 4 + unplugin-swc (the NestJS docs SWC recipe)',
    'vitest',
    { vitest: '^4.1.2', 'unplugin-swc': '^2.0.0', '@swc/core': '^1.10.0' },
    { 'vitest.config.ts': VITEST_SWC_CONFIG },
  ),
  esmApp('esm-nest12-jest30', 'NestJS 12 ESM, Jest 30 in ESM mode + ts-jest 29 (useESM)', 'jest', {
    jest: '^30.0.0',
    'ts-jest': '^29.2.5',
    '@types/jest': '^30.0.0',
  }),
];
