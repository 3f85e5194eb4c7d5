import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Tree } from '@angular-devkit/schematics';
import { SchematicTestRunner, type UnitTestTree } from '@angular-devkit/schematics/testing';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import ts from 'typescript';
import { nestNewTree } from './fixture-apps.js';

const root = resolve(import.meta.dirname, '../..');
let runner: SchematicTestRunner;

beforeAll(() => {
  // The collection as the package ships it: built to dist/schematics, loaded through package.json's `schematics`.
  execFileSync('npm', ['run', 'build:schematics', '--silent'], { cwd: root, stdio: 'pipe' });
  const manifest = JSON.parse(
    execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as { schematics: string };
  runner = new SchematicTestRunner('nestjs-playlyfe', resolve(root, manifest.schematics));
}, 60_000);

const run = (tree: Tree, options: Record<string, unknown> = {}): Promise<UnitTestTree> =>
  runner.runSchematic('nest-add', { skipInstall: true, ...options }, tree);

function dependencies(tree: Tree): Record<string, string> {
  return (JSON.parse(tree.readText('package.json')) as { dependencies: Record<string, string> })
    .dependencies;
}

function snapshot(tree: Tree): Map<string, string> {
  const files = new Map<string, string>();
  tree.visit((path) => {
    files.set(path, tree.readText(path));
  });
  return files;
}

/** Parses as TypeScript: the edited module is still valid source. */
function syntaxErrors(source: string): number {
  const file = ts.createSourceFile('app.module.ts', source, ts.ScriptTarget.ES2022, true);
  return (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

describe('nest add nestjs-playlyfe: package.json', () => {
  it.each([
    [10, '^3.0.0', '^3.0.0'],
    [11, '^4.0.0', '^4.0.0'],
    [12, '^12.0.0', '^12.0.0'],
  ] as const)(
    'NestJS %i: @nestjs/axios %s, @nestjs/config %s and axios',
    async (major, axios, config) => {
      const tree = await run(nestNewTree(major));
      expect(dependencies(tree)).toMatchObject({
        '@nestjs/axios': axios,
        '@nestjs/config': config,
        axios: '^1.7.0',
      });
      expect(dependencies(tree)['@nestjs/terminus']).toBeUndefined();
    },
  );

  it('replaces an @nestjs/axios of another major (the old README line in a NestJS 11 app)', async () => {
    const tree = await run(nestNewTree(11, { '@nestjs/axios': '^12.0.1', axios: '^1.13.0' }));
    expect(dependencies(tree)).toMatchObject({ '@nestjs/axios': '^4.0.0', axios: '^1.13.0' });
  });

  it('adds @nestjs/terminus of the matching major when asked', async () => {
    const tree = await run(nestNewTree(11), { terminus: true });
    expect(dependencies(tree)['@nestjs/terminus']).toBe('^11.0.0');
  });

  it('refuses an app of an unsupported NestJS major, naming it', async () => {
    const tree = nestNewTree(11);
    tree.overwrite('package.json', JSON.stringify({ dependencies: { '@nestjs/core': '^9.4.0' } }));
    await expect(run(tree)).rejects.toThrow('this app depends on @nestjs/core ^9.4.0');
  });

  it('schedules npm install only when package.json changed', async () => {
    const tree = await runner.runSchematic('nest-add', {}, nestNewTree(12));
    expect(runner.tasks.map((task) => task.name)).toEqual(['node-package']);
    await runner.runSchematic('nest-add', {}, tree);
    expect(runner.tasks).toEqual([]);
  });
});

describe('nest add nestjs-playlyfe: the root module', () => {
  it('registers ConfigModule, PlaylyfeModule.forRootAsync with ConfigService and the filter', async () => {
    const tree = await run(nestNewTree(11));
    const module = tree.readText('src/app.module.ts');
    expect(module).toContain(
      "import { AppService } from './app.service';\nimport { ConfigModule, ConfigService } from '@nestjs/config';",
    );
    expect(module).toContain("import { APP_FILTER } from '@nestjs/core';\n\n@Module({");
    expect(module).toContain(
      "import { PlaylyfeModule, PlaylyfeExceptionFilter } from 'nestjs-playlyfe';",
    );
    expect(module).toContain('ConfigModule.forRoot({ isGlobal: true })');
    expect(module).toContain("config.getOrThrow<string>('PLAYLYFE_CLIENT_ID')");
    expect(module).toContain("config.get<string>('PLAYLYFE_API_URL')");
    expect(module).toMatch(
      /providers: \[AppService, \{ provide: APP_FILTER, useClass: PlaylyfeExceptionFilter \}\]/,
    );
    expect(module.indexOf('ConfigModule.forRoot(')).toBeLessThan(
      module.indexOf('PlaylyfeModule.forRootAsync('),
    );
    expect(syntaxErrors(module)).toBe(0);
  });

  it('keeps an app’s own ConfigModule.forRoot and adds only what is missing', async () => {
    const tree = nestNewTree(12);
    tree.overwrite(
      'src/app.module.ts',
      tree
        .readText('src/app.module.ts')
        .replace(
          "import { Module } from '@nestjs/common';",
          "import { Module } from '@nestjs/common';\nimport { ConfigModule } from '@nestjs/config';",
        )
        .replace('imports: [],', "imports: [ConfigModule.forRoot({ envFilePath: '.env.local' })],"),
    );
    const module = (await run(tree)).readText('src/app.module.ts');
    expect(module.match(/ConfigModule\.forRoot\(/g)).toHaveLength(1);
    expect(module).toContain("import { ConfigModule, ConfigService } from '@nestjs/config';");
    expect(module).toContain('PlaylyfeModule.forRootAsync(');
    expect(syntaxErrors(module)).toBe(0);
  });

  it('takes the module from nest-cli.json’s sourceRoot or --module, and says when there is none', async () => {
    const tree = nestNewTree(11);
    tree.create('apps/api/app.module.ts', tree.readText('src/app.module.ts'));
    const moved = await run(tree, { module: 'apps/api/app.module.ts' });
    expect(moved.readText('apps/api/app.module.ts')).toContain('PlaylyfeModule.forRootAsync(');
    expect(moved.readText('src/app.module.ts')).not.toContain('Playlyfe');
    const none = nestNewTree(11);
    none.delete('src/app.module.ts');
    await expect(run(none)).rejects.toThrow('No root module at src/app.module.ts: pass --module');
  });
});

describe('nest add nestjs-playlyfe: .env.example and the e2e setup', () => {
  it('adds the PLAYLYFE_* lines to .env.example, after what is there', async () => {
    const tree = nestNewTree(11);
    tree.create('.env.example', 'PORT=3000');
    const env = (await run(tree)).readText('.env.example');
    expect(env.startsWith('PORT=3000\n# Playlyfe')).toBe(true);
    for (const line of [
      'PLAYLYFE_CLIENT_ID=',
      'PLAYLYFE_CLIENT_SECRET=',
      '# PLAYLYFE_API_URL=',
      '# PLAYLYFE_AUTH_URL=',
    ]) {
      expect(env).toContain(line);
    }
  });

  it('Jest: a setup file that starts the emulator, in test/jest-e2e.json', async () => {
    const tree = await run(nestNewTree(11));
    const config = JSON.parse(tree.readText('test/jest-e2e.json')) as {
      setupFilesAfterEnv: string[];
    };
    expect(config.setupFilesAfterEnv).toEqual(['<rootDir>/playlyfe-emulator.setup.ts']);
    const setup = tree.readText('test/playlyfe-emulator.setup.ts');
    expect(setup).toContain("from 'nestjs-playlyfe/testing'");
    expect(setup).toContain('await startPlaylyfeTestEnvironment()');
    expect(setup).not.toContain('vitest');
  });

  it('Vitest: the setup file imports its hooks from vitest and is in the e2e config', async () => {
    const tree = await run(nestNewTree(12));
    expect(tree.readText('vitest.config.e2e.ts')).toContain(
      "setupFiles: ['./test/playlyfe-emulator.setup.ts'],",
    );
    expect(tree.readText('vitest.config.ts')).not.toContain('playlyfe');
    const setup = tree.readText('test/playlyfe-emulator.setup.ts');
    expect(setup).toContain("import { afterAll, beforeAll } from 'vitest';");
    expect(setup).not.toContain('@jest/globals');
  });
});

describe('nest add nestjs-playlyfe twice', () => {
  it.each([11, 12] as const)('NestJS %i: the second run changes nothing', async (major) => {
    const once = await run(nestNewTree(major), { terminus: true });
    const first = snapshot(once);
    const twice = await run(once, { terminus: true });
    expect(snapshot(twice)).toEqual(first);
  });
});
