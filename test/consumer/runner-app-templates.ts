/**
 * What `nest new` generates, for test/consumer/runner-apps.ts: the CommonJS (NestJS 10 and 11) and
 * ESM (NestJS 12) templates' tsconfig.json and test runner configuration, from `@nestjs/schematics`.
 */
/** The NestJS 11 CommonJS template's package.json `jest` key. */
export const CJS_JEST = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: 'src',
  testRegex: '.*\\.spec\\.ts$',
  transform: { '^.+\\.(t|j)s$': 'ts-jest' },
  collectCoverageFrom: ['**/*.(t|j)s'],
  coverageDirectory: '../coverage',
  testEnvironment: 'node',
};

/** The NestJS 11 CommonJS template's tsconfig.json (TypeScript 5: `baseUrl` is still allowed). */
export const CJS_TSCONFIG = {
  module: 'nodenext',
  moduleResolution: 'nodenext',
  resolvePackageJsonExports: true,
  esModuleInterop: true,
  isolatedModules: true,
  declaration: true,
  removeComments: true,
  emitDecoratorMetadata: true,
  experimentalDecorators: true,
  allowSyntheticDefaultImports: true,
  target: 'ES2023',
  sourceMap: true,
  outDir: './dist',
  baseUrl: './',
  incremental: true,
  skipLibCheck: true,
  strictNullChecks: true,
  forceConsistentCasingInFileNames: true,
  noImplicitAny: false,
  strictBindCallApply: false,
  noFallthroughCasesInSwitch: false,
};

/** The NestJS 12 ESM template's tsconfig.json, with the runner's global types. */
export function esmTsconfig(types: string[]) {
  return {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    resolvePackageJsonExports: true,
    esModuleInterop: true,
    isolatedModules: true,
    declaration: true,
    removeComments: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    allowSyntheticDefaultImports: true,
    target: 'ES2023',
    sourceMap: true,
    outDir: './dist',
    rootDir: '.',
    incremental: true,
    skipLibCheck: true,
    strict: true,
    strictPropertyInitialization: false,
    types,
  };
}

/** The NestJS 10 template's tsconfig.json: `module: commonjs` (node10 resolution), no esModuleInterop. */
export const NEST10_TSCONFIG = {
  module: 'commonjs',
  declaration: true,
  removeComments: true,
  emitDecoratorMetadata: true,
  experimentalDecorators: true,
  allowSyntheticDefaultImports: true,
  target: 'ES2021',
  sourceMap: true,
  outDir: './dist',
  baseUrl: './',
  incremental: true,
  skipLibCheck: true,
  strictNullChecks: false,
  noImplicitAny: false,
  strictBindCallApply: false,
  forceConsistentCasingInFileNames: false,
  noFallthroughCasesInSwitch: false,
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
export const tsconfig = (compilerOptions: Record<string, unknown>) => json({ compilerOptions });

/** The NestJS 12 template's vitest.config.ts: Vite 8 compiles the decorators and their metadata. */
export const VITEST_CONFIG = `import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    root: './',
    include: ['**/*.spec.ts'],
  },
});
`;

/** vitest.config.ts with unplugin-swc compiling the specs, as the NestJS docs' SWC recipe has it. */
export const VITEST_SWC_CONFIG = `import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globals: true,
    root: './',
    include: ['**/*.spec.ts'],
  },
});
`;

export const JEST_ESM_CONFIG = `/** Jest in ESM mode: run with NODE_OPTIONS=--experimental-vm-modules. */
export default {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: 'src',
  testRegex: '.*\\\\.spec\\\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' },
  transform: { '^.+\\\\.ts$': ['ts-jest', { useESM: true }] },
  testEnvironment: 'node',
};
`;
