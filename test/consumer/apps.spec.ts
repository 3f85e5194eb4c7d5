import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  APPS,
  describeBuild,
  MAIN_TS,
  MODULE_SYSTEM_TS,
  tsconfig,
  type AppBuild,
  type AppOutput,
  type ConsumerApp,
} from './consumer-apps.js';
import { installedVersions, pool, run, seconds, type Outcome } from './consumer-shell.js';
import { NEST_NEW_APPS, setUpNestNewApp, type NestNewResult } from './nest-new-apps.js';
import { RUNNER_APPS, type RunnerApp } from './runner-apps.js';

/**
 * Consumer tests (`npm run test:consumers`, slow: left out of plain `npm test` by jest.config.js): the packed tarball
 * installed into fresh apps under os.tmpdir(), from the registry or the npm cache. Two kinds of app:
 * - tsc apps (consumer-apps.ts): compiled with each tsc module setting, booted, making real calls;
 * - runner apps (runner-apps.ts): set up as `nest new` sets them up, each running its own spec
 *   with its own test runner through its own `npm test`, whose JSON report is read here.
 */
const root = resolve(import.meta.dirname, '../..');

/** The packages whose installed versions the timing log names for each runner app. */
const REPORTED = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/axios',
  '@nestjs/testing',
  '@nestjs/platform-express',
  'axios',
  'rxjs',
  'reflect-metadata',
  'ioredis',
  'typescript',
  'jest',
  'ts-jest',
  'vitest',
  'vite',
  'unplugin-swc',
  '@swc/core',
  'supertest',
];

interface RunnerReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
}

let work: string;
let tarball: string;
let packedVersion: string;
/** Per app: npm's output, `npm ls`, and what landed in node_modules/nestjs-playlyfe (read before cleanup). */
const installs = new Map<
  string,
  { install: Outcome; listing: Outcome; copy?: { symlink: boolean; version: string; path: string } }
>();
const builds = new Map<string, { compile: Outcome; boot?: Outcome }>();
const runs = new Map<string, { test: Outcome; report?: RunnerReport }>();
const nestNew = new Map<string, NestNewResult>();
const timings: string[] = [];

const key = (app: ConsumerApp, build: AppBuild) => `${app.name}/${build.name}`;

/** Writes an app's package.json and files under the work directory, installs it and lists its tree. */
async function setUp(name: string, manifest: object, files: Record<string, string>): Promise<void> {
  const dir = join(work, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], dir);
  // `npm ls` exits non-zero on a missing or invalid (out of range) peer.
  const listing = await run('npm', ['ls', '--all'], dir);
  const installed = join(dir, 'node_modules', 'nestjs-playlyfe');
  const copy = existsSync(installed)
    ? {
        symlink: lstatSync(installed).isSymbolicLink(),
        version: (
          JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string }
        ).version,
        path: resolve(installed),
      }
    : undefined;
  installs.set(name, { install, listing, copy });
  timings.push(`${name}: npm install ${seconds(install.ms)}`);
}

function setUpTscApp(app: ConsumerApp): Promise<void> {
  const files: Record<string, string> = {
    'src/main.ts': MAIN_TS,
    'src/module-system.ts': MODULE_SYSTEM_TS,
  };
  for (const build of app.builds) files[`tsconfig.${build.name}.json`] = tsconfig(build);
  return setUp(
    app.name,
    {
      name: `consumer-${app.name}`,
      private: true,
      ...(app.type === 'module' ? { type: 'module' } : {}),
      dependencies: { ...app.dependencies, 'nestjs-playlyfe': `file:../${tarball}` },
    },
    files,
  );
}

function setUpRunnerApp(app: RunnerApp): Promise<void> {
  return setUp(
    app.name,
    {
      name: `consumer-${app.name}`,
      private: true,
      ...(app.type === 'module' ? { type: 'module' } : {}),
      scripts: { test: app.test },
      dependencies: { ...app.dependencies, 'nestjs-playlyfe': `file:../${tarball}` },
      devDependencies: app.devDependencies,
      ...(app.jest === undefined ? {} : { jest: app.jest }),
    },
    app.files,
  );
}

async function compileAndBoot(app: ConsumerApp, build: AppBuild): Promise<void> {
  const dir = join(work, app.name);
  const compile = await run(
    join(dir, 'node_modules', '.bin', 'tsc'),
    ['-p', `tsconfig.${build.name}.json`],
    dir,
  );
  let boot: Outcome | undefined;
  if (build.expect === 'run' && compile.code === 0) {
    boot = await run('node', [join('dist', build.name, 'main.js')], dir);
  }
  builds.set(key(app, build), { compile, boot });
  timings.push(
    `${key(app, build)}: tsc ${seconds(compile.ms)}${boot ? `, boot + calls ${seconds(boot.ms)}` : ''}`,
  );
}

/** The app's own `npm test`, told to write its runner's JSON report to report.json. */
async function runOwnTests(app: RunnerApp): Promise<void> {
  const dir = join(work, app.name);
  const test = await run('npm', ['test', '--', ...app.reportArgs], dir);
  const file = join(dir, 'report.json');
  const report = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as RunnerReport)
    : undefined;
  runs.set(app.name, { test, report });
  const versions = Object.entries(installedVersions(dir, REPORTED))
    .filter(([, version]) => version !== '-')
    .map(([name, version]) => `${name} ${version}`);
  timings.push(
    `${app.name}: npm test ${seconds(test.ms)}, exit ${test.code}, ` +
      `${report?.numPassedTests ?? '?'}/${report?.numTotalTests ?? '?'} passed\n    ${versions.join(', ')}`,
  );
}

/**
 * Removing an app (some 12,000 files) is slow on this disk: each app is removed as soon as its last
 * task ends, while the others still compile and test, instead of all of them at the end.
 */
const removals: Promise<void>[] = [];
const pending = new Map<string, number>();

function lastTaskOf(name: string, count: number, task: () => Promise<void>): () => Promise<void> {
  pending.set(name, count);
  return async () => {
    await task();
    const left = (pending.get(name) ?? 1) - 1;
    pending.set(name, left);
    if (left === 0) removals.push(rm(join(work, name), { recursive: true, force: true }));
  };
}

describe('consumer apps built from the packed tarball', () => {
  beforeAll(async () => {
    const started = performance.now();
    work = mkdtempSync(join(tmpdir(), 'nestjs-playlyfe-consumers-'));
    const build = await run('npm', ['run', 'build', '--silent'], root);
    if (build.code !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], root);
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; version: string }[];
    tarball = packed.filename;
    packedVersion = packed.version;
    timings.push(`build + pack ${seconds(performance.now() - started)}`);
    // The `nest new` apps go through their own steps (generate, install, nest-add, test, start)
    // alongside the others.
    const nestNewApps = Promise.all(
      NEST_NEW_APPS.map(async (app) => {
        const result = await setUpNestNewApp(app, work, tarball, REPORTED, installedVersions);
        nestNew.set(app.name, result);
        timings.push(...result.timings);
        removals.push(rm(join(work, app.name), { recursive: true, force: true }));
      }),
    );
    await Promise.all([...APPS.map(setUpTscApp), ...RUNNER_APPS.map(setUpRunnerApp)]);
    timings.push(`all installs done at ${seconds(performance.now() - started)}`);
    const installed = (name: string) => installs.get(name)?.install.code === 0;
    const tasks = [
      ...RUNNER_APPS.filter((app) => installed(app.name)).map((app) =>
        lastTaskOf(app.name, 1, () => runOwnTests(app)),
      ),
      ...APPS.filter((app) => installed(app.name)).flatMap((app) =>
        app.builds.map((b) =>
          lastTaskOf(app.name, app.builds.length, () => compileAndBoot(app, b)),
        ),
      ),
    ];
    await pool(tasks, Math.max(2, availableParallelism()));
    await nestNewApps;
    timings.push(`total ${seconds(performance.now() - started)}`);
  }, 1_500_000);

  afterAll(async () => {
    await Promise.all(removals);
    console.log(`consumer apps in ${work}:\n  ${timings.join('\n  ')}`);
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  }, 600_000);

  describe.each([...APPS, ...RUNNER_APPS].map((app) => [app.name, app.type] as const))(
    '%s (%s)',
    (name) => {
      it('installs the tarball and its peers with no peer dependency warning', () => {
        const { install, listing } = installs.get(name) ?? {};
        expect(install).toBeDefined();
        const output = `${install?.stdout}\n${install?.stderr}`;
        expect({ code: install?.code, output }).toEqual({
          code: 0,
          output: expect.not.stringMatching(
            /ERESOLVE|peer dep|conflicting peer|Could not resolve/i,
          ),
        });
        expect({ code: listing?.code, stderr: listing?.stderr }).toEqual({ code: 0, stderr: '' });
      });

      it('has a real copy of the packed version, nothing linked back into the repo', () => {
        const copy = installs.get(name)?.copy;
        expect(copy).toEqual({ symlink: false, version: packedVersion, path: expect.any(String) });
        expect(copy?.path.startsWith(root)).toBe(false);
      });
    },
  );

  describe.each(RUNNER_APPS.map((app) => [app.title, app] as const))('%s', (_title, app) => {
    it(`passes its own npm test: the runner reports ${app.tests} tests, all passed`, () => {
      const result = runs.get(app.name);
      expect(result).toBeDefined();
      const { test, report } = result ?? {};
      expect({
        code: test?.code,
        total: report?.numTotalTests,
        passed: report?.numPassedTests,
        failed: report?.numFailedTests,
        output: `${test?.stdout}\n${test?.stderr}`,
      }).toEqual({
        code: 0,
        total: app.tests,
        passed: app.tests,
        failed: 0,
        output: expect.any(String),
      });
    });
  });

  describe.each(APPS)('$name ($type): tsc', (app) => {
    it.each(app.builds.map((build) => [describeBuild(build), build] as const))(
      'tsc with %s',
      (_title, build) => {
        const result = builds.get(key(app, build));
        expect(result).toBeDefined();
        const compile = result?.compile;
        expect({ code: compile?.code, output: compile?.stdout }).toEqual({ code: 0, output: '' });
        if (build.expect === 'check') return;
        const boot = result?.boot;
        expect({ code: boot?.code, stderr: boot?.stderr }).toEqual({
          code: 0,
          stderr: expect.any(String),
        });
        const output = JSON.parse(boot?.stdout ?? '') as AppOutput;
        expect(output).toEqual({
          moduleSystem: app.type === 'module' ? 'esm' : 'commonjs',
          viaController: 'alice',
          viaService: 'bob',
          tokenRequests: 1,
        });
      },
    );
  });

  describe.each(NEST_NEW_APPS.map((app) => [app.title, app] as const))('%s', (_title, app) => {
    const result = () => nestNew.get(app.name);
    const outcome = (o: Outcome | undefined) => ({
      code: o?.code,
      output: `${o?.stdout}\n${o?.stderr}`,
    });
    const ok = { code: 0, output: expect.any(String) };

    it("is generated by the real CLI and installs README.md's line for its major, the tarball as nestjs-playlyfe", () => {
      expect(outcome(result()?.generate)).toEqual(ok);
      expect(outcome(result()?.install)).toEqual(ok);
      expect(result()?.versions?.['@nestjs/core']).toMatch(new RegExp(`^${app.major}\\.`));
      expect(result()?.versions?.['@nestjs/axios']).toMatch(app.major === 11 ? /^4\./ : /^12\./);
    });

    it('runs the nest-add schematic as `nest add` does; a second run changes nothing', () => {
      expect(outcome(result()?.nestAdd)).toEqual(ok);
      expect(outcome(result()?.nestAddAgain)).toEqual({
        code: 0,
        output: expect.stringContaining('Nothing to be done'),
      });
    });

    it('passes its own npm test and npm run test:e2e with no Playlyfe credentials', () => {
      expect(outcome(result()?.test)).toEqual(ok);
      expect(outcome(result()?.e2e)).toEqual(ok);
    });

    it("built and started with the emulator CLI's env lines in .env, serves a player profile", () => {
      expect(outcome(result()?.build)).toEqual(ok);
      expect(result()?.served).toEqual({
        status: 200,
        body: expect.objectContaining({ id: 'alice' }),
        log: expect.any(String),
      });
    });
  });

  it("control: the README's old install line in the NestJS 11 app takes @nestjs/axios 12 (ESM-only); its e2e tests fail with the message naming the package and the fix", () => {
    const control = nestNew.get('nest-new-11')?.control;
    expect([control?.uninstall.code, control?.install.code]).toEqual([0, 0]);
    expect(control?.axios).toMatch(/^12\./);
    expect(control?.e2e.code).not.toBe(0);
    const output = `${control?.e2e.stdout}\n${control?.e2e.stderr}`;
    expect(output).toMatch(/nestjs-playlyfe: @nestjs\/axios 12\.\S+ is ESM-only/);
    expect(output).toContain('Fix: npm install @nestjs/axios@^4');
  });
});
