import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const ROOT = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

// An app whose node_modules has everything but bullmq: the built package (npm run build), run by
// plain Node with --preserve-symlinks so that nothing resolves through this repository's own
// node_modules. Both builds: ESM (import) and CommonJS (require).
const APP = `
const { PlaylyfeModule } = LOAD('nestjs-playlyfe');
const { PlaylyfePlaysModule } = LOAD('nestjs-playlyfe/plays');
const { Module } = LOAD('@nestjs/common');
const { NestFactory } = LOAD('@nestjs/core');
class AppModule {}
Module({ imports: [
  PlaylyfeModule.forRoot({ clientId: 'id', clientSecret: 'secret' }),
  PlaylyfePlaysModule.forRoot(process.argv[2] === 'embedded' ? {} : { backend: { kind: 'bullmq', connection: { host: '127.0.0.1', port: 1 } } }),
] })(AppModule);
NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }).then(
  (app) => app.close().then(() => { console.log(JSON.stringify({ started: true })); process.exit(0); }),
  (error) => { console.log(JSON.stringify({ code: error.code, message: error.message, name: error.name })); process.exit(0); },
);
`;

describe('an app without bullmq installed that picks the BullMQ back end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'playlyfe-no-bullmq-'));

  beforeAll(() => {
    const modules = join(dir, 'node_modules');
    mkdirSync(modules);
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (entry === 'bullmq' || entry === '.bin' || entry === 'nestjs-playlyfe') continue;
      symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
    }
    // the package as installed: its manifest and build, without this repository's node_modules
    mkdirSync(join(modules, 'nestjs-playlyfe'));
    for (const entry of ['package.json', 'dist']) {
      symlinkSync(join(ROOT, entry), join(modules, 'nestjs-playlyfe', entry));
    }
    writeFileSync(
      join(dir, 'app.mjs'),
      `import 'reflect-metadata';\nimport { createRequire } from 'node:module';\nconst LOAD = createRequire(import.meta.url);\n` +
        APP.replace(/LOAD\(('[^']*')\)/g, '(await import($1))'),
    );
    writeFileSync(
      join(dir, 'app.cjs'),
      `require('reflect-metadata');\nconst LOAD = require;\n${APP}`,
    );
  });
  it.each(['app.mjs', 'app.cjs'])(
    '%s starts on the embedded queue (bullmq is never loaded)',
    async (file) => {
      const { stdout } = await run(
        process.execPath,
        ['--preserve-symlinks', join(dir, file), 'embedded'],
        {
          cwd: dir,
          env: { ...process.env, NODE_OPTIONS: '' },
        },
      );
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ started: true });
    },
  );

  afterAll(() => (process.env['KEEP'] ? undefined : rmSync(dir, { recursive: true, force: true })));

  it.each(['app.mjs', 'app.cjs'])(
    '%s fails bootstrap with invalid_options naming npm install bullmq',
    async (file) => {
      const { stdout } = await run(process.execPath, ['--preserve-symlinks', join(dir, file)], {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const answer = JSON.parse(stdout.trim().split('\n').pop()!) as {
        code: string;
        message: string;
      };
      expect(answer).toMatchObject({ code: 'invalid_options' });
      expect(answer.message).toMatch(/npm install bullmq/);
    },
  );
});
