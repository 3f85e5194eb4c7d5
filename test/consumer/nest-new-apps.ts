/**
 * Fresh `nest new` apps for test/consumer/apps.spec.ts, made by the real Nest CLI of each major and
 * set up as a new user would: README.md's install line for the app's NestJS major (with the packed
 * tarball in place of `nestjs-playlyfe`), then the package's `nest-add` schematic run as `nest add`
 * runs it after its install step (the package is not on the registry yet, so `nest add` itself
 * cannot fetch it). Then the app's own `npm test` and `npm run test:e2e`, and the built app, started
 * with the env lines the emulator CLI prints pasted into `.env`, serving a player profile.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readmeInstallLines } from '../utils/readme-install.js';
import { cleanEnv, run, seconds, type Outcome } from './consumer-shell.js';

export interface NestNewApp {
  name: string;
  title: string;
  major: 11 | 12;
  /** How the template's relative imports are written: ESM needs the `.js` suffix. */
  importSuffix: '' | '.js';
}

export const NEST_NEW_APPS: NestNewApp[] = [
  {
    name: 'nest-new-11',
    title: '`nest new` with @nestjs/cli@11 (NestJS 11, CommonJS, Jest)',
    major: 11,
    importSuffix: '',
  },
  {
    name: 'nest-new-12',
    title: '`nest new` with @nestjs/cli@12 (NestJS 12, ESM, Vitest)',
    major: 12,
    importSuffix: '.js',
  },
];

/** The control: README.md's install line before per-major lines, run in the NestJS 11 app. */
export const OLD_INSTALL_LINE = 'npm install nestjs-playlyfe @nestjs/axios axios';

export interface NestNewResult {
  generate?: Outcome;
  install?: Outcome;
  nestAdd?: Outcome;
  nestAddAgain?: Outcome;
  test?: Outcome;
  e2e?: Outcome;
  build?: Outcome;
  /** GET /players/alice on the started app: status and body. */
  served?: { status: number; body: unknown; log: string };
  /** The old install line, then the app's e2e tests again (NestJS 11 only). */
  control?: { uninstall: Outcome; install: Outcome; e2e: Outcome; axios: string };
  versions?: Record<string, string>;
  timings: string[];
}

/** A controller a user adds: a player's profile through the injected PlaylyfeService. */
const PLAYERS_CONTROLLER = `import { Controller, Get, Param } from '@nestjs/common';
import { PlaylyfeService } from 'nestjs-playlyfe';

@Controller('players')
export class PlayersController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  @Get(':id')
  profile(@Param('id') id: string) {
    return this.playlyfe.forPlayer(id).profile();
  }
}
`;

function addPlayersController(dir: string, suffix: string): void {
  writeFileSync(join(dir, 'src', 'players.controller.ts'), PLAYERS_CONTROLLER);
  const file = join(dir, 'src', 'app.module.ts');
  const source = readFileSync(file, 'utf8');
  const edited = source.replace(
    /controllers:\s*\[AppController\]/,
    'controllers: [AppController, PlayersController]',
  );
  if (edited === source)
    throw new Error(`no "controllers: [AppController]" in ${file}:\n${source}`);
  writeFileSync(
    file,
    `import { PlayersController } from './players.controller${suffix}';\n${edited}`,
  );
}

/** `npm install <args>` from README.md's line for `major`, the tarball in place of nestjs-playlyfe. */
function installArgs(line: string, tarball: string): string[] {
  return line
    .replace(/^npm install\s+/, '')
    .split(/\s+/)
    .map((spec) => (spec === 'nestjs-playlyfe' ? tarball : spec));
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `command` in `dir`, resolves once its output matches `ready`; `stop()` ends it. */
function startProcess(
  command: string,
  args: string[],
  dir: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ output: () => string; stop: () => Promise<void> }> {
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop().then(() => fail(new Error(`${command} not ready in 60 s:\n${output}`)));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        done({ output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${command} exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/**
 * Nest logs "successfully started" from `init()`, before `listen()` has bound the port, so the
 * first GET may be refused: tried again for up to 10 s.
 */
async function fetchWhenListening(url: string): Promise<Response> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

/** The built app on the emulator: the CLI's env lines into .env, `node dist/main`, one GET. */
async function serveProfile(dir: string): Promise<NestNewResult['served']> {
  const emulator = await startProcess(
    join(dir, 'node_modules', '.bin', 'playlyfe-emulator'),
    ['--port', '0'],
    dir,
    cleanEnv,
    /PLAYLYFE_CLIENT_SECRET=\S+\n/,
  );
  try {
    const envLines = emulator.output().match(/^PLAYLYFE_[A-Z_]+=\S+$/gm) ?? [];
    appendFileSync(join(dir, '.env'), `${envLines.join('\n')}\n`);
    const port = await freePort();
    const app = await startProcess(
      'node',
      [join('dist', 'main')],
      dir,
      { ...cleanEnv, PORT: String(port) },
      /successfully started|Nest application successfully started/,
    );
    try {
      const response = await fetchWhenListening(`http://127.0.0.1:${port}/players/alice`);
      return { status: response.status, body: await response.json(), log: app.output() };
    } finally {
      await app.stop();
    }
  } finally {
    await emulator.stop();
  }
}

export async function setUpNestNewApp(
  app: NestNewApp,
  work: string,
  tarball: string,
  reported: string[],
  installedVersions: (dir: string, names: string[]) => Record<string, string>,
): Promise<NestNewResult> {
  const dir = join(work, app.name);
  const result: NestNewResult = { timings: [] };
  const step = async (
    name: keyof Omit<NestNewResult, 'timings' | 'served' | 'control' | 'versions'>,
    command: string,
    args: string[],
    cwd = dir,
  ): Promise<boolean> => {
    const outcome = await run(command, args, cwd);
    result[name] = outcome;
    result.timings.push(`${app.name}: ${name} ${seconds(outcome.ms)}, exit ${outcome.code}`);
    return outcome.code === 0;
  };
  const line = readmeInstallLines().get(app.major);
  if (line === undefined) throw new Error(`README.md has no NestJS ${app.major} install line`);
  const cli = `@nestjs/cli@${app.major}`;
  if (
    !(await step(
      'generate',
      'npx',
      ['-y', cli, 'new', app.name, '--skip-git', '--skip-install', '-p', 'npm'],
      work,
    ))
  )
    return result;
  const install = ['install', '--prefer-offline', '--no-audit', '--no-fund'];
  if (!(await step('install', 'npm', [...install, ...installArgs(line, join('..', tarball))])))
    return result;
  // What `nest add` runs after its install step: the collection's nest-add schematic, through
  // the schematics CLI that @nestjs/cli brings.
  const schematics = join(dir, 'node_modules', '.bin', 'schematics');
  if (!(await step('nestAdd', schematics, ['nestjs-playlyfe:nest-add']))) return result;
  await step('nestAddAgain', schematics, ['nestjs-playlyfe:nest-add']);
  addPlayersController(dir, app.importSuffix);
  await step('test', 'npm', ['test']);
  await step('e2e', 'npm', ['run', 'test:e2e']);
  if (await step('build', 'npm', ['run', 'build'])) {
    const started = performance.now();
    try {
      result.served = await serveProfile(dir);
    } catch (error) {
      result.served = { status: 0, body: undefined, log: String(error) };
    }
    result.timings.push(`${app.name}: start + GET ${seconds(performance.now() - started)}`);
  }
  result.versions = installedVersions(dir, reported);
  if (app.major === 11) {
    // A user who followed the old README: no @nestjs/axios range of their own yet, so the bare
    // name takes the `latest` tag (12, ESM-only).
    const uninstall = await run(
      'npm',
      ['uninstall', '--no-audit', '--no-fund', '@nestjs/axios'],
      dir,
    );
    const oldInstall = await run(
      'npm',
      [...install, ...installArgs(OLD_INSTALL_LINE, join('..', tarball))],
      dir,
    );
    const e2e = await run('npm', ['run', 'test:e2e'], dir);
    const axios = installedVersions(dir, ['@nestjs/axios'])['@nestjs/axios'] ?? '-';
    result.control = { uninstall, install: oldInstall, e2e, axios };
    result.timings.push(
      `${app.name}: control (old install line, @nestjs/axios ${axios}) ` +
        `${seconds(uninstall.ms + oldInstall.ms)} + e2e ${seconds(e2e.ms)}`,
    );
  }
  return result;
}
