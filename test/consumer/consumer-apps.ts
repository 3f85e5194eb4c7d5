/**
 * Throwaway consumer apps for test/consumer/apps.spec.ts: what a user's NestJS app looks like, per
 * module system, NestJS major and TypeScript module setting. Each app installs the packed tarball
 * and its peers from the npm registry (or the local npm cache) into a directory outside the repo.
 */

import { readmePeers } from '../utils/readme-install.js';

/** One `tsc` setting an app is compiled with. */
export interface AppBuild {
  name: string;
  compilerOptions: Record<string, unknown>;
  /** `run`: emit and boot the app; `check`: type-check only. */
  expect: 'run' | 'check';
}

export interface ConsumerApp {
  name: string;
  /** What the app's `package.json` says: `module` has `"type": "module"`, `commonjs` none. */
  type: 'module' | 'commonjs';
  /** The app's dependencies besides the tarball, exact versions or ranges as a user writes them. */
  dependencies: Record<string, string>;
  builds: AppBuild[];
}

const common = {
  target: 'ES2023',
  strict: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  types: ['node'],
  rootDir: 'src',
  skipLibCheck: true,
};

const toolchain = { typescript: '~6.0.0', '@types/node': '^20.19.0' };

export const APPS: ConsumerApp[] = [
  {
    // A new NestJS 12 app, ESM, latest releases of every peer, installed by README.md's NestJS 12 line.
    name: 'esm-nest12',
    type: 'module',
    dependencies: {
      '@nestjs/common': '^12.0.0',
      '@nestjs/core': '^12.0.0',
      '@nestjs/platform-express': '^12.0.0',
      'reflect-metadata': '^0.2.0',
      rxjs: '^7.1.0',
      ...readmePeers(12),
      ...toolchain,
    },
    builds: [
      {
        name: 'nodenext',
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
        expect: 'run',
      },
      {
        name: 'node16',
        compilerOptions: { module: 'node16', moduleResolution: 'node16' },
        expect: 'run',
      },
      {
        name: 'bundler',
        compilerOptions: { module: 'preserve', moduleResolution: 'bundler' },
        expect: 'check',
      },
    ],
  },
  {
    // A NestJS 12 app in ESM, on the lowest release of every peer range we declare for NestJS 12.
    // @nestjs/core and @nestjs/platform-express 12.0.0 declare a peer on @nestjs/common ^11 (fixed
    // in 12.0.1), so no NestJS 12 app installs them cleanly: 12.0.1 is their real floor.
    name: 'esm-nest12-floor',
    type: 'module',
    dependencies: {
      '@nestjs/axios': '12.0.0',
      '@nestjs/common': '12.0.0',
      '@nestjs/core': '12.0.1',
      '@nestjs/platform-express': '12.0.1',
      axios: '1.7.0',
      'reflect-metadata': '0.1.13',
      rxjs: '7.1.0',
      ...toolchain,
    },
    builds: [
      {
        name: 'nodenext',
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
        expect: 'run',
      },
    ],
  },
  {
    // An existing NestJS 11 app in CommonJS, on the lowest release of every peer range we declare.
    name: 'cjs-nest11-floor',
    type: 'commonjs',
    dependencies: {
      '@nestjs/axios': '4.0.0',
      '@nestjs/common': '11.0.0',
      '@nestjs/core': '11.0.0',
      '@nestjs/platform-express': '11.0.0',
      axios: '1.7.0',
      'reflect-metadata': '0.1.13',
      rxjs: '7.1.0',
      ...toolchain,
    },
    builds: [
      // Every setting resolves the `require` condition: the CommonJS build and its own types.
      {
        name: 'nodenext',
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
        expect: 'run',
      },
      {
        name: 'node20',
        compilerOptions: { module: 'node20', moduleResolution: 'nodenext' },
        expect: 'run',
      },
      // The classic Nest CLI setting: `module: commonjs`, which TypeScript 6 resolves as `bundler`.
      { name: 'commonjs', compilerOptions: { module: 'commonjs' }, expect: 'run' },
      // `node16` predates require(esm): it compiles because the package is not ESM-only (TS1479 before the dual build).
      {
        name: 'node16',
        compilerOptions: { module: 'node16', moduleResolution: 'node16' },
        expect: 'run',
      },
      {
        name: 'bundler',
        compilerOptions: { module: 'preserve', moduleResolution: 'bundler' },
        expect: 'check',
      },
    ],
  },
  {
    // A NestJS 10 app (@nestjs/axios 3) on the lowest release of every peer range we declare for it,
    // compiled with the NestJS 10 template's `module: commonjs`; latest NestJS 10 is a runner app.
    name: 'cjs-nest10-floor',
    type: 'commonjs',
    dependencies: {
      '@nestjs/axios': '3.0.0',
      '@nestjs/common': '10.0.0',
      '@nestjs/core': '10.0.0',
      '@nestjs/platform-express': '10.0.0',
      axios: '1.7.0',
      'reflect-metadata': '0.1.13',
      rxjs: '7.1.0',
      ...toolchain,
    },
    builds: [{ name: 'commonjs', compilerOptions: { module: 'commonjs' }, expect: 'run' }],
  },
  {
    // NestJS 11 (latest) with @nestjs/axios 12: also admitted by the peer ranges, so also tested.
    name: 'cjs-nest11-axios12',
    type: 'commonjs',
    dependencies: {
      '@nestjs/axios': '^12.0.0',
      '@nestjs/common': '^11.0.0',
      '@nestjs/core': '^11.0.0',
      '@nestjs/platform-express': '^11.0.0',
      axios: '^1.7.0',
      'reflect-metadata': '^0.2.0',
      rxjs: '^7.1.0',
      ...toolchain,
    },
    builds: [
      // skipLibCheck off: the tarball's .d.ts files are checked against NestJS 11's types too (the
      // library's own build checks them against NestJS 12).
      {
        name: 'nodenext',
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false },
        expect: 'run',
      },
    ],
  },
];

/** `nodenext: module nodenext, moduleResolution nodenext, skipLibCheck false -> run`, for test titles. */
export function describeBuild(build: AppBuild): string {
  const options = Object.entries(build.compilerOptions).map(
    ([name, value]) => `${name} ${String(value)}`,
  );
  return `${build.name}: ${options.join(', ')} -> ${build.expect}`;
}

export function tsconfig(build: AppBuild): string {
  const emit = build.expect === 'run' ? { outDir: `dist/${build.name}` } : { noEmit: true };
  return JSON.stringify(
    { compilerOptions: { ...common, ...build.compilerOptions, ...emit }, include: ['src'] },
    null,
    2,
  );
}

/** What an app prints on success: which module system ran it, and the answers of two real calls. */
export interface AppOutput {
  moduleSystem: 'esm' | 'commonjs';
  viaController: string;
  viaService: string;
  tokenRequests: number;
}

/**
 * The app: a controller that injects PlaylyfeService, configured through forRootAsync against the
 * emulator from 'nestjs-playlyfe/testing'; booted with NestFactory on a real port, called over HTTP.
 * The same source compiles as ESM or CommonJS (no top-level await, `.js` relative imports).
 */
export const MAIN_TS = `import 'reflect-metadata';
import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlaylyfeModule, PlaylyfeService, type PlaylyfePlayer } from 'nestjs-playlyfe';
import { DEMO_CLIENT, PlaylyfeEmulator } from 'nestjs-playlyfe/testing';
import { moduleSystem } from './module-system.js';

const emulator = new PlaylyfeEmulator();

@Controller('players')
class PlayersController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  @Get(':id')
  profile(@Param('id') id: string): Promise<PlaylyfePlayer> {
    return this.playlyfe.forPlayer(id).profile();
  }
}

@Module({
  imports: [
    PlaylyfeModule.forRootAsync({
      useFactory: () => ({
        clientId: DEMO_CLIENT.id,
        clientSecret: DEMO_CLIENT.secret,
        apiBaseUrl: emulator.url,
        authBaseUrl: emulator.url,
      }),
    }),
  ],
  controllers: [PlayersController],
})
class AppModule {}

async function main(): Promise<void> {
  await emulator.start();
  const app: INestApplication = await NestFactory.create(AppModule, { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const response = await fetch(\`\${await app.getUrl()}/players/alice\`);
    const viaController = (await response.json()) as PlaylyfePlayer;
    const viaService = await app.get(PlaylyfeService).get<PlaylyfePlayer>('/runtime/player', { playerId: 'bob' });
    console.log(JSON.stringify({
      moduleSystem: moduleSystem(),
      viaController: viaController.id,
      viaService: viaService.id,
      tokenRequests: emulator.stats.tokenRequests,
    }));
  } finally {
    await app.close();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

export const MODULE_SYSTEM_TS = `export function moduleSystem(): 'esm' | 'commonjs' {
  return typeof require === 'function' && typeof module === 'object' ? 'commonjs' : 'esm';
}
`;
