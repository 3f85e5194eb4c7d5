import { HostTree } from '@angular-devkit/schematics';

/** The root module `nest new` writes (CommonJS template; the ESM one has `.js` suffixes). */
function appModule(suffix: string): string {
  return `import { Module } from '@nestjs/common';
import { AppController } from './app.controller${suffix}';
import { AppService } from './app.service${suffix}';

@Module({
  imports: [],
  controllers: [AppController],
  providers: [AppService],
})
export class AppModule {}
`;
}

const JEST_E2E = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '.e2e-spec.ts$',
  transform: { '^.+\\.(t|j)s$': 'ts-jest' },
};

const VITEST_CONFIG = `import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    root: './',
    include: ['**/*.spec.ts'],
  },
});
`;

const VITEST_E2E_CONFIG = `import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    root: './',
    include: ['test/**/*.e2e-spec.ts'],
  },
});
`;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A `nest new` app of NestJS `major`: CommonJS with Jest (10, 11) or ESM with Vitest (12). */
export function nestNewTree(major: 10 | 11 | 12, extra: Record<string, unknown> = {}): HostTree {
  const tree = new HostTree();
  const esm = major === 12;
  tree.create(
    'package.json',
    json({
      name: 'app',
      private: true,
      ...(esm ? { type: 'module' } : {}),
      scripts: {
        test: esm ? 'vitest run' : 'jest',
        'test:e2e': esm
          ? 'vitest run --config ./vitest.config.e2e.ts'
          : 'jest --config ./test/jest-e2e.json',
      },
      dependencies: {
        '@nestjs/common': `^${major}.0.1`,
        '@nestjs/core': `^${major}.0.1`,
        '@nestjs/platform-express': `^${major}.0.1`,
        'reflect-metadata': '^0.2.2',
        rxjs: '^7.8.1',
        ...extra,
      },
      devDependencies: { '@nestjs/testing': `^${major}.0.1` },
    }),
  );
  tree.create('nest-cli.json', json({ collection: '@nestjs/schematics', sourceRoot: 'src' }));
  tree.create('src/app.module.ts', appModule(esm ? '.js' : ''));
  if (esm) {
    tree.create('vitest.config.ts', VITEST_CONFIG);
    tree.create('vitest.config.e2e.ts', VITEST_E2E_CONFIG);
  } else {
    tree.create('test/jest-e2e.json', json(JEST_E2E));
  }
  return tree;
}
