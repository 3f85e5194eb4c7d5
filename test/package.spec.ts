import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { PlaylyfeModule, PlaylyfeService } from '../lib/index.js';

/**
 * The packed tarball, unpacked where an app would have it, loaded by plain `node` from a CommonJS
 * and from an ESM script: which build each loads, Nest's DI on the built output, source maps.
 */
const root = resolve(import.meta.dirname, '..');

let work: string;
let app: string;
let files: string[];

function node(args: string[]): string {
  return execFileSync('node', args, {
    cwd: app,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

beforeAll(() => {
  // Inside the repo's node_modules, so the unpacked package finds its peers (@nestjs/*, axios, rxjs) by walking up.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  work = mkdtempSync(join(cache, 'playlyfe-pack-'));
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe' });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  files = packed[0].files.map((file) => file.path);
  app = join(work, 'app');
  const target = join(app, 'node_modules', 'nestjs-playlyfe');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', [
    '-xzf',
    join(work, packed[0].filename),
    '-C',
    target,
    '--strip-components=1',
  ]);
  writeFileSync(join(app, 'record-hooks.mjs'), RECORD_HOOKS);
  writeFileSync(join(app, 'loaded.cjs'), LOADED_CJS);
  writeFileSync(join(app, 'loaded.mjs'), LOADED_MJS);
  writeFileSync(join(app, 'di.cjs'), DI_CJS);
  writeFileSync(join(app, 'di.mjs'), DI_CJS.replace(CJS_IMPORTS, ESM_IMPORTS));
  writeFileSync(join(app, 'throws.cjs'), THROWS_CJS);
  writeFileSync(join(app, 'throws.mjs'), THROWS_CJS.replace(THROWS_CJS_IMPORT, THROWS_ESM_IMPORT));
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the two builds, the sources their maps name, README, LICENSE and package.json', () => {
    const shipped = ['dist/', 'lib/', 'docs/'];
    const outside = files.filter((path) => !shipped.some((dir) => path.startsWith(dir)));
    expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    const docs = readdirSync(join(root, 'docs')).map((file) => `docs/${file}`);
    expect(docs.length).toBeGreaterThan(0);
    expect(files).toEqual(expect.arrayContaining(docs));
    for (const format of ['esm', 'cjs']) {
      for (const entry of ['index', 'testing/index', 'redis/index', 'terminus/index']) {
        expect(files).toContain(`dist/${format}/${entry}.js`);
        expect(files).toContain(`dist/${format}/${entry}.d.ts`);
      }
    }
    expect(files).toContain('dist/cjs/package.json');
    expect(files).toContain('lib/index.ts');
    expect(files.some((path) => path.includes('.spec.'))).toBe(false);
  });

  it('every relative link in the shipped README and docs/ points at a shipped file', () => {
    const pages = files.filter((path) => path === 'README.md' || /^docs\/.*\.md$/.test(path));
    const dead: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(root, page), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = posix.normalize(posix.join(posix.dirname(page), target.split('#')[0]));
        if (!files.includes(path)) dead.push(`${page}: ${target}`);
      }
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(dead).toEqual([]);
  });

  it('ships types without @internal members, and every shipped .d.ts compiles with skipLibCheck off', () => {
    const target = join(app, 'node_modules', 'nestjs-playlyfe');
    for (const format of ['esm', 'cjs']) {
      const tokens = readFileSync(
        join(target, 'dist', format, 'auth', 'playlyfe-token.service.d.ts'),
        'utf8',
      );
      expect(tokens).toContain('getAccessToken(');
      expect(tokens).not.toMatch(/@internal|\bclose\(|\baccessToken\(/);
    }
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
        },
        include: ['node_modules/nestjs-playlyfe/dist/**/*.d.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(node([tsc, '-p', 'tsconfig.json'])).toBe('');
  }, 120_000);

  it('the emulator CLI prints env lines that, pasted as they are, reach it', async () => {
    const cli = join(app, 'node_modules', 'nestjs-playlyfe', 'dist', 'esm', 'testing', 'cli.js');
    const child = spawn('node', [cli, '--port', '0'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      let out = '';
      for await (const chunk of child.stdout) {
        out += String(chunk);
        if (out.includes('Press Ctrl+C')) break;
      }
      const env = Object.fromEntries(
        [...out.matchAll(/^(PLAYLYFE_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
      );
      expect(Object.keys(env).sort()).toEqual([
        'PLAYLYFE_API_URL',
        'PLAYLYFE_AUTH_URL',
        'PLAYLYFE_CLIENT_ID',
        'PLAYLYFE_CLIENT_SECRET',
      ]);
      expect(out).not.toContain(`${env.PLAYLYFE_API_URL}/v2`);
      const module = await Test.createTestingModule({
        imports: [
          PlaylyfeModule.forRoot({
            apiBaseUrl: env.PLAYLYFE_API_URL,
            authBaseUrl: env.PLAYLYFE_AUTH_URL,
            clientId: env.PLAYLYFE_CLIENT_ID,
            clientSecret: env.PLAYLYFE_CLIENT_SECRET,
          }),
        ],
      }).compile();
      try {
        const profile = await module.get(PlaylyfeService).forPlayer('alice').profile();
        expect(profile).toMatchObject({ id: 'alice' });
      } finally {
        await module.close();
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  // Nest's DI keys providers by class: an app that loaded both copies would have two PlaylyfeService classes.
  it.each([
    ['a CommonJS script', 'loaded.cjs', 'cjs', 'esm'],
    ['an ESM script', 'loaded.mjs', 'esm', 'cjs'],
  ])(
    '%s loads only its own build, for ".", "./testing" and "./redis"',
    (_title, script, own, other) => {
      const loaded = JSON.parse(node([script])) as { files: string[]; types: string[] };
      expect(loaded.types).toEqual(['function', 'function', 'function', 'function']);
      const ours = loaded.files.map((file) =>
        file.slice(file.lastIndexOf('nestjs-playlyfe/') + 16),
      );
      expect(ours).toEqual(
        expect.arrayContaining([
          `dist/${own}/index.js`,
          `dist/${own}/testing/index.js`,
          `dist/${own}/redis/index.js`,
        ]),
      );
      expect(ours.filter((file) => !file.startsWith(`dist/${own}/`))).toEqual([]);
      expect(ours.some((file) => file.startsWith(`dist/${other}/`))).toBe(false);
    },
  );

  it.each([
    ['CommonJS', 'di.cjs'],
    ['ESM', 'di.mjs'],
  ])(
    'the %s build keeps design:paramtypes: Nest injects PlaylyfeService, which calls the emulator',
    (_title, script) => {
      const result = JSON.parse(node([script])) as { paramtypes: number };
      expect(result).toEqual({ paramtypes: expect.any(Number), player: 'alice', tokenRequests: 1 });
      expect(result.paramtypes).toBeGreaterThan(0);
    },
  );

  it.each([
    ['CommonJS', 'throws.cjs'],
    ['ESM', 'throws.mjs'],
  ])(
    'maps a stack frame of an error thrown inside the %s build to a shipped source file',
    (_title, script) => {
      const stack = node(['--enable-source-maps', script]);
      const frames = [...stack.matchAll(/\(?(\/[^\s():]+\.ts):\d+:\d+\)?/g)].map((m) => m[1]);
      const ours = frames.filter((file) => file.includes('/node_modules/nestjs-playlyfe/lib/'));
      expect(ours.length).toBeGreaterThan(0);
      expect(ours.filter((file) => !existsSync(file))).toEqual([]);
    },
  );
});

/** ESM resolve hooks (module.register) that post every resolved URL back to the main thread. */
const RECORD_HOOKS = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}
`;

/** What a script loaded: every CommonJS module in require.cache, every URL the ESM loader resolved. */
const COLLECT = `
const { port1, port2 } = new MessageChannel();
const resolved = new Set();
port1.on('message', (url) => resolved.add(url));
register('./record-hooks.mjs', pathToFileURL(__here), { data: { port: port2 }, transferList: [port2] });
function report(types) {
  setTimeout(() => {
    port1.close();
    const esm = [...resolved].filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
    const all = [...new Set([...Object.keys(require.cache), ...esm])];
    const files = all.filter((file) => file.includes('/node_modules/nestjs-playlyfe/'));
    console.log(JSON.stringify({ files, types }));
  }, 100);
}
`;

const LOADED_CJS = `const { register, createRequire } = require('node:module');
const { pathToFileURL, fileURLToPath } = require('node:url');
const { MessageChannel } = require('node:worker_threads');
const __here = __filename;
${COLLECT}
require('reflect-metadata');
const { PlaylyfeModule, PlaylyfeService } = require('nestjs-playlyfe');
const { PlaylyfeEmulator } = require('nestjs-playlyfe/testing');
const { RedisTokenStore } = require('nestjs-playlyfe/redis');
report([PlaylyfeModule, PlaylyfeService, PlaylyfeEmulator, RedisTokenStore].map((x) => typeof x));
`;

const LOADED_MJS = `import { register, createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
const __here = fileURLToPath(import.meta.url);
const require = createRequire(import.meta.url);
${COLLECT}
await import('reflect-metadata');
const { PlaylyfeModule, PlaylyfeService } = await import('nestjs-playlyfe');
const { PlaylyfeEmulator } = await import('nestjs-playlyfe/testing');
const { RedisTokenStore } = await import('nestjs-playlyfe/redis');
report([PlaylyfeModule, PlaylyfeService, PlaylyfeEmulator, RedisTokenStore].map((x) => typeof x));
`;

const CJS_IMPORTS = `require('reflect-metadata');
const { Inject, Injectable, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { PlaylyfeModule, PlaylyfeService } = require('nestjs-playlyfe');
const { DEMO_CLIENT, PlaylyfeEmulator } = require('nestjs-playlyfe/testing');`;

const ESM_IMPORTS = `import 'reflect-metadata';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlaylyfeModule, PlaylyfeService } from 'nestjs-playlyfe';
import { DEMO_CLIENT, PlaylyfeEmulator } from 'nestjs-playlyfe/testing';`;

/** An app context whose own provider injects PlaylyfeService, built from the package's output only. */
const DI_CJS = `${CJS_IMPORTS}

class Profiles {
  constructor(playlyfe) { this.playlyfe = playlyfe; }
  profile(id) { return this.playlyfe.forPlayer(id).profile(); }
}
Inject(PlaylyfeService)(Profiles, undefined, 0);
Injectable()(Profiles);

async function main() {
  const emulator = new PlaylyfeEmulator();
  await emulator.start();
  class AppModule {}
  Module({
    imports: [
      PlaylyfeModule.forRoot({
        clientId: DEMO_CLIENT.id,
        clientSecret: DEMO_CLIENT.secret,
        apiBaseUrl: emulator.url,
        authBaseUrl: emulator.url,
      }),
    ],
    providers: [Profiles],
  })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const player = await app.get(Profiles).profile('alice');
    const paramtypes = Reflect.getMetadata('design:paramtypes', PlaylyfeService) ?? [];
    console.log(JSON.stringify({ paramtypes: paramtypes.length, player: player.id, tokenRequests: emulator.stats.tokenRequests }));
  } finally {
    await app.close();
    await emulator.stop();
  }
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;

const THROWS_CJS_IMPORT = `const { PlaylyfeModule } = require('nestjs-playlyfe');`;
const THROWS_ESM_IMPORT = `import { PlaylyfeModule } from 'nestjs-playlyfe';`;

/** A bad option makes the library throw from its own code; prints the stack. */
const THROWS_CJS = `${THROWS_CJS_IMPORT}
try {
  PlaylyfeModule.forRoot({ name: '', clientId: 'id', clientSecret: 'secret' });
  console.log('did not throw');
} catch (error) {
  console.log(error.stack);
}
`;

describe('the require entry with an ESM-only peer', () => {
  it('names the package, its version, the NestJS major and what to do, instead of the runner’s message', () => {
    expect(files).toContain('dist/cjs/require/index.cjs');
    writeFileSync(join(app, 'require-only.cjs'), "require('nestjs-playlyfe');\n");
    let failure = '';
    try {
      // Without require(esm), as Jest's CommonJS runtime: @nestjs/axios 12 (the repo's) cannot be required.
      node(['--no-experimental-require-module', 'require-only.cjs']);
    } catch (error) {
      failure = String((error as { stderr?: unknown }).stderr);
    }
    const axios = JSON.parse(
      execFileSync('npm', ['ls', '@nestjs/axios', '--json', '--depth=0'], {
        cwd: root,
        encoding: 'utf8',
      }),
    ) as { dependencies: Record<string, { version: string }> };
    expect(failure).toContain(
      `nestjs-playlyfe: @nestjs/axios ${axios.dependencies['@nestjs/axios']?.version} is ESM-only and cannot be loaded by require() in this NestJS 12 app.`,
    );
    expect(failure).toContain('"type": "module"');
  });
});
