import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../../lib/testing/index.js';
import { startEmulator } from '../utils/playlyfe-client.js';
import { CJS_APP, ESM_APP, ESM_SETUP, PLAIN_CJS_APP, PLAIN_ESM_APP } from './instrumented-app.js';

/**
 * The real http and undici auto-instrumentations in a CommonJS app and in an ESM app, each run by
 * plain `node` on the compiled library: `http` is patched through `require` (CommonJS) or the
 * import-in-the-middle loader hook (ESM), which Jest's own module loader would bypass.
 */
const root = resolve(import.meta.dirname, '../..');
let work: string;
let emulator: PlaylyfeEmulator;

interface PlainReport {
  player: string;
  play: string;
  hidden: boolean;
}

interface Report {
  token: string;
  spans: { scope: string; name: string; text: string }[];
}

function compile(format: 'esm' | 'cjs'): void {
  const project = format === 'esm' ? 'tsconfig.build.json' : 'tsconfig.build.cjs.json';
  const outDir = join(work, format);
  execFileSync(
    'npx',
    [
      'tsc',
      '-p',
      project,
      '--outDir',
      outDir,
      '--declaration',
      'false',
      '--sourceMap',
      'false',
      '--declarationMap',
      'false',
    ],
    { cwd: root, stdio: 'pipe' },
  );
  const type = format === 'esm' ? 'module' : 'commonjs';
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type }));
}

/** Asynchronous: the emulator answering the app runs in this process. */
async function run<T = Report>(args: string[], lib: string): Promise<T> {
  const { stdout } = await promisify(execFile)('node', args, {
    cwd: work,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      LIB: lib,
      EMULATOR_URL: emulator.url,
      CLIENT_ID: DEMO_CLIENT.id,
      CLIENT_SECRET: DEMO_CLIENT.secret,
    },
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as T;
}

const reports = new Map<string, Report>();
const plain = new Map<string, PlainReport>();
const HIDE_API = resolve(root, 'test/utils/hide-otel-api.mjs');

beforeAll(async () => {
  // Inside the repo's node_modules, so the apps find @nestjs/*, axios and the SDK by walking up.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  work = mkdtempSync(join(cache, 'playlyfe-otel-'));
  compile('cjs');
  compile('esm');
  writeFileSync(join(work, 'app.cjs'), CJS_APP);
  writeFileSync(join(work, 'otel-setup.mjs'), ESM_SETUP);
  writeFileSync(join(work, 'app.mjs'), ESM_APP);
  writeFileSync(join(work, 'plain.cjs'), PLAIN_CJS_APP);
  writeFileSync(join(work, 'plain.mjs'), PLAIN_ESM_APP);
  emulator = await startEmulator();
  reports.set('CommonJS', await run(['app.cjs'], join(work, 'cjs', 'index.js')));
  reports.set(
    'ESM',
    await run(['--import', './otel-setup.mjs', 'app.mjs'], join(work, 'esm', 'index.js')),
  );
  plain.set(
    'CommonJS',
    await run<PlainReport>(['--import', HIDE_API, 'plain.cjs'], join(work, 'cjs', 'index.js')),
  );
  plain.set(
    'ESM',
    await run<PlainReport>(['--import', HIDE_API, 'plain.mjs'], join(work, 'esm', 'index.js')),
  );
}, 180_000);

afterAll(async () => {
  await emulator?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.each(['CommonJS', 'ESM'])('a %s app with http and undici auto-instrumentation', (kind) => {
  const report = (): Report => reports.get(kind) as Report;
  const isControl = (span: { text: string }): boolean => span.text.includes('player_id=control');

  it('the instrumentations are live: both control requests outside the module are recorded with the token', () => {
    const controls = report().spans.filter(isControl);
    expect(controls.map((span) => span.scope).sort()).toEqual([
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-undici',
    ]);
    for (const span of controls) expect(span.text).toContain(report().token);
  });

  it('no other span holds the token or the client secret, and the module records its own spans only', () => {
    const { token, spans } = report();
    const others = spans.filter((span) => !isControl(span));
    for (const span of others) {
      expect(span.text).not.toContain(token);
      expect(span.text).not.toContain(DEMO_CLIENT.secret);
    }
    expect(others.map((span) => [span.scope, span.name])).toEqual([
      ['nestjs-playlyfe', 'playlyfe.token'],
      ['nestjs-playlyfe', 'GET /runtime/player'],
      ['nestjs-playlyfe', 'GET /runtime/leaderboards/{id}'],
      ['nestjs-playlyfe', 'POST /runtime/actions/{id}/play'],
      ['nestjs-playlyfe', 'playlyfe.play send'],
    ]);
    expect(others[1].text).toContain('access_token=REDACTED');
  });
});

describe.each(['CommonJS', 'ESM'])('a %s app without @opentelemetry/api installed', (kind) => {
  it('calls Playlyfe and delivers a play as before (the optional peer is not required)', () => {
    expect(plain.get(kind)).toEqual({ player: 'alice', play: 'applied', hidden: true });
  });
});
