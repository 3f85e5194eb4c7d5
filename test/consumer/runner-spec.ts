/**
 * The spec each runner app of test/consumer/runner-apps.ts runs with its own test runner, written
 * as a user writes an e2e test: a controller that injects PlaylyfeService, the emulator from
 * `nestjs-playlyfe/testing`, the app booted by @nestjs/testing and called over HTTP by supertest.
 */
export interface SpecFlavour {
  /** The build the app must load: `cjs` (resolved with `require`) or `esm` (with `import`). */
  build: 'cjs' | 'esm';
  runner: 'jest' | 'vitest';
  /** `namespace` for apps compiled without esModuleInterop (the NestJS 10 template). */
  supertestImport?: 'default' | 'namespace';
}

export interface RunnerSpec {
  source: string;
  /** The number of tests the source declares. */
  tests: number;
}

const ENTRIES = `['nestjs-playlyfe', 'nestjs-playlyfe/testing', 'nestjs-playlyfe/redis']`;

/** Where the runner resolves each entry point: require.resolve in CommonJS, import.meta.resolve in ESM. */
function resolvesTo(build: SpecFlavour['build']): string {
  return build === 'cjs'
    ? `${ENTRIES}.map((entry) => require.resolve(entry))`
    : `${ENTRIES}.map((entry) => fileURLToPath(import.meta.resolve(entry)))`;
}

export function runnerSpec(flavour: SpecFlavour): RunnerSpec {
  const { build, runner, supertestImport = 'default' } = flavour;
  const other = build === 'cjs' ? 'esm' : 'cjs';
  // Jest maps every stack frame through its file's source map, node_modules included; Vitest
  // leaves an installed package to Node, which maps frames only under --enable-source-maps.
  const frameTest =
    runner === 'jest'
      ? `  it('maps a stack frame inside the library to a shipped source file', () => {
    const files = libraryFrames(badRegistration());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(/\\/node_modules\\/nestjs-playlyfe\\/lib\\/.+\\.ts$/);
      expect(existsSync(file)).toBe(true);
    }
  });`
      : `  it('runs the ${build} build: every library frame of a stack is in dist/${build}', () => {
    const files = libraryFrames(badRegistration());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toContain('/node_modules/nestjs-playlyfe/dist/${build}/');
  });`;
  const source = `import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { PlaylyfeModule, PlaylyfeService, type PlaylyfePlayer } from 'nestjs-playlyfe';
import { RedisTokenStore } from 'nestjs-playlyfe/redis';
import { DEMO_CLIENT, PlaylyfeEmulator } from 'nestjs-playlyfe/testing';
import { existsSync } from 'node:fs';${build === 'esm' ? `\nimport { fileURLToPath } from 'node:url';` : ''}
${supertestImport === 'default' ? `import request from 'supertest';` : `import * as request from 'supertest';`}

@Controller('players')
class PlayersController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  @Get(':id')
  profile(@Param('id') id: string): Promise<PlaylyfePlayer> {
    return this.playlyfe.forPlayer(id).profile();
  }
}

/** The stack of an error thrown by the library's own code (an empty client name). */
function badRegistration(): string {
  try {
    PlaylyfeModule.forRoot({ name: '', clientId: 'id', clientSecret: 'secret' });
  } catch (error) {
    return (error as Error).stack ?? '';
  }
  throw new Error('forRoot accepted an empty name');
}

/** The files of the stack frames that are inside the installed package. */
function libraryFrames(stack: string): string[] {
  return [...stack.matchAll(/(\\/[^\\s():]+):\\d+:\\d+/g)]
    .map((match) => match[1])
    .filter((file) => file.includes('/node_modules/nestjs-playlyfe/'));
}

describe('nestjs-playlyfe in this app', () => {
  const emulator = new PlaylyfeEmulator();
  let app: INestApplication;

  beforeAll(async () => {
    await emulator.start();
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
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  it('injects PlaylyfeService into a controller that calls the emulator', async () => {
    const response = await request(app.getHttpServer()).get('/players/alice').expect(200);
    expect((response.body as PlaylyfePlayer).id).toBe('alice');
    expect(emulator.stats.tokenRequests).toBe(1);
  });

  it('constructs RedisTokenStore from nestjs-playlyfe/redis without a Redis server', () => {
    const client = new Redis({ lazyConnect: true });
    try {
      expect(new RedisTokenStore({ client })).toBeInstanceOf(RedisTokenStore);
      expect(client.status).toBe('wait');
    } finally {
      client.disconnect();
    }
  });

  it('resolves every entry point to dist/${build}, none to dist/${other}', () => {
    const files = ${resolvesTo(build)};
    for (const file of files) {
      expect(file).toContain('/node_modules/nestjs-playlyfe/dist/${build}/');
      expect(existsSync(file)).toBe(true);
    }
  });

${frameTest}
});
`;
  return { source, tests: 4 };
}
