import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Controller, Get, Injectable, Module, Param, type INestApplication } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import request from 'supertest';
import {
  InjectPlaylyfe,
  PlaylyfeModule,
  PlaylyfeService,
  PlaylyfeTokenService,
  getPlaylyfeTokenServiceToken,
  type PlaylyfeModuleAsyncOptions,
  type PlaylyfeModuleOptions,
  type PlaylyfeOptionsFactory,
} from '../lib/index.js';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../lib/testing/index.js';
import { emulatorOptions, startEmulator } from './utils/playlyfe-client.js';

const ALL_ROUTES = { admin: 'write', design: 'write', runtime: 'write' } as const;
const STAGING = { id: 'staging-client', secret: 'staging-secret-5c1f', routes: ALL_ROUTES };

let emulator: PlaylyfeEmulator;
let opened: { close(): Promise<unknown> }[] = [];

function keep<T extends { close(): Promise<unknown> }>(thing: T): T {
  opened.push(thing);
  return thing;
}

beforeAll(async () => {
  emulator = await startEmulator({
    clients: [{ ...DEMO_CLIENT, routes: ALL_ROUTES }, STAGING],
  });
});

afterEach(async () => {
  await Promise.all(opened.map((thing) => thing.close()));
  opened = [];
});

afterAll(async () => {
  await emulator.stop();
});

function configModule(): ReturnType<typeof ConfigModule.forRoot> {
  return ConfigModule.forRoot({
    ignoreEnvFile: true,
    load: [
      () => ({
        PLAYLYFE_CLIENT_ID: DEMO_CLIENT.id,
        PLAYLYFE_CLIENT_SECRET: DEMO_CLIENT.secret,
        PLAYLYFE_URL: emulator.url,
      }),
    ],
  });
}

function optionsFromConfig(config: ConfigService): PlaylyfeModuleOptions {
  return {
    clientId: config.getOrThrow<string>('PLAYLYFE_CLIENT_ID'),
    clientSecret: config.getOrThrow<string>('PLAYLYFE_CLIENT_SECRET'),
    apiBaseUrl: config.getOrThrow<string>('PLAYLYFE_URL'),
    authBaseUrl: config.getOrThrow<string>('PLAYLYFE_URL'),
  };
}

@Injectable()
class ConfigOptionsFactory implements PlaylyfeOptionsFactory {
  constructor(private readonly config: ConfigService) {}
  createPlaylyfeOptions(): PlaylyfeModuleOptions {
    return optionsFromConfig(this.config);
  }
}

@Module({
  imports: [configModule()],
  providers: [ConfigOptionsFactory],
  exports: [ConfigOptionsFactory],
})
class OptionsModule {}

async function compile(
  imports: NonNullable<Parameters<typeof Test.createTestingModule>[0]['imports']>,
): Promise<TestingModule> {
  const module = keep(await Test.createTestingModule({ imports }).compile());
  await module.init();
  return module;
}

async function listsPlayers(playlyfe: PlaylyfeService): Promise<void> {
  const page = await playlyfe.get<{ data: unknown[]; total: number }>('/admin/players', {
    query: { limit: 2 },
  });
  expect(Array.isArray(page.data)).toBe(true);
  expect(typeof page.total).toBe('number');
}

describe('PlaylyfeModule registration', () => {
  it('forRoot provides a working PlaylyfeService and PlaylyfeTokenService', async () => {
    const module = await compile([PlaylyfeModule.forRoot(emulatorOptions(emulator))]);
    await listsPlayers(module.get(PlaylyfeService));
    expect(typeof (await module.get(PlaylyfeTokenService).getAccessToken())).toBe('string');
  });

  it('forRootAsync with useFactory, inject and imports', async () => {
    const module = await compile([
      PlaylyfeModule.forRootAsync({
        imports: [configModule()],
        inject: [ConfigService],
        useFactory: optionsFromConfig,
      }),
    ]);
    await listsPlayers(module.get(PlaylyfeService));
  });

  it('forRootAsync with useClass', async () => {
    const module = await compile([
      PlaylyfeModule.forRootAsync({ imports: [configModule()], useClass: ConfigOptionsFactory }),
    ]);
    await listsPlayers(module.get(PlaylyfeService));
  });

  it('forRootAsync with useExisting', async () => {
    const module = await compile([
      PlaylyfeModule.forRootAsync({ imports: [OptionsModule], useExisting: ConfigOptionsFactory }),
    ]);
    await listsPlayers(module.get(PlaylyfeService));
  });

  it('forRootAsync with name (as docs/configuration.md writes it) is injected with @InjectPlaylyfe', async () => {
    const staging = (): PlaylyfeModuleAsyncOptions => ({
      name: 'staging',
      imports: [configModule()],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        ...optionsFromConfig(config),
        clientId: STAGING.id,
        clientSecret: STAGING.secret,
      }),
    });
    @Injectable()
    class Scores {
      constructor(
        readonly main: PlaylyfeService,
        @InjectPlaylyfe('staging') readonly staging: PlaylyfeService,
      ) {}
    }
    @Module({
      imports: [
        PlaylyfeModule.forRootAsync({
          imports: [configModule()],
          inject: [ConfigService],
          useFactory: optionsFromConfig,
        }),
        PlaylyfeModule.forRootAsync(staging()),
      ],
      providers: [Scores],
    })
    class AppModule {}
    const module = await compile([AppModule]);
    const scores = module.get(Scores);
    expect(scores.staging).not.toBe(scores.main);
    emulator.resetStats();
    await scores.staging.get('/admin/players', { query: { call: 'named-async' } });
    const sent = emulator.requestLog.find((entry) => entry.query['call'] === 'named-async');
    expect(sent?.clientId).toBe(STAGING.id);
  });

  it('isGlobal makes the service injectable in modules that do not import PlaylyfeModule', async () => {
    @Injectable()
    class Leaderboards {
      constructor(readonly playlyfe: PlaylyfeService) {}
    }
    @Module({ providers: [Leaderboards], exports: [Leaderboards] })
    class FeatureModule {}

    const module = await compile([
      PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), isGlobal: true }),
      FeatureModule,
    ]);
    await listsPlayers(module.get(Leaderboards).playlyfe);
  });

  it('without isGlobal, a module that does not import PlaylyfeModule cannot inject the service', async () => {
    @Injectable()
    class Orphan {
      constructor(readonly playlyfe: PlaylyfeService) {}
    }
    @Module({ providers: [Orphan] })
    class FeatureModule {}

    await expect(
      Test.createTestingModule({
        imports: [PlaylyfeModule.forRoot(emulatorOptions(emulator)), FeatureModule],
      }).compile(),
    ).rejects.toThrow(/PlaylyfeService/);
  });

  it('injects PlaylyfeService into a controller of the app and serves it over HTTP', async () => {
    @Controller('players')
    class PlayersController {
      constructor(private readonly playlyfe: PlaylyfeService) {}
      @Get(':id')
      profile(@Param('id') id: string): Promise<unknown> {
        return this.playlyfe.get('/runtime/player', { playerId: id });
      }
    }
    @Module({
      imports: [PlaylyfeModule.forRoot(emulatorOptions(emulator))],
      controllers: [PlayersController],
    })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app: INestApplication = keep(moduleRef.createNestApplication({ logger: false }));
    await app.init();
    await moduleRef
      .get(PlaylyfeService)
      .post('/admin/players', { id: 'ctrl-player', alias: 'Ctrl' });

    const answer = await request(app.getHttpServer() as Parameters<typeof request>[0])
      .get('/players/ctrl-player')
      .expect(200);
    expect(answer.body).toMatchObject({ id: 'ctrl-player', alias: 'Ctrl' });
  });
});

describe('isolation between registrations', () => {
  it('two clients in one app keep their own tokens and interceptors; the app HttpService sees neither', async () => {
    @Injectable()
    class Both {
      constructor(
        readonly production: PlaylyfeService,
        @InjectPlaylyfe('staging') readonly staging: PlaylyfeService,
        readonly http: HttpService,
      ) {}
    }
    @Module({
      imports: [
        HttpModule,
        PlaylyfeModule.forRoot(emulatorOptions(emulator)),
        PlaylyfeModule.forRoot({
          ...emulatorOptions(emulator, { clientId: STAGING.id, clientSecret: STAGING.secret }),
          name: 'staging',
        }),
      ],
      providers: [Both],
    })
    class AppModule {}

    const module = await compile([AppModule]);
    const both = module.get(Both);
    emulator.resetStats();

    await both.production.get('/admin/players', { query: { call: 'prod' } });
    await both.staging.get('/admin/players', { query: { call: 'staging' } });

    const byCall = new Map(
      emulator.requestLog
        .filter((entry) => entry.kind === 'api')
        .map((entry) => [entry.query['call'], entry.clientId]),
    );
    expect(byCall.get('prod')).toBe(DEMO_CLIENT.id);
    expect(byCall.get('staging')).toBe(STAGING.id);
    expect(emulator.stats.tokenRequests).toBe(2);

    const productionToken = await module.get(PlaylyfeTokenService).getAccessToken();
    const stagingToken = await module
      .get<PlaylyfeTokenService>(getPlaylyfeTokenServiceToken('staging'))
      .getAccessToken();
    expect(productionToken).not.toBe(stagingToken);

    const plain = await both.http.axiosRef.get(`${emulator.url}/v2/admin/players`, {
      validateStatus: () => true,
    });
    expect(plain.status).toBe(401);
    expect(emulator.stats.tokenRequests).toBe(2);
  });

  it('two apps built from one AppModule at the same time each call their own Playlyfe', async () => {
    const second = await startEmulator();
    keep({ close: () => second.stop() });
    let target = emulator;
    @Module({
      imports: [PlaylyfeModule.forRootAsync({ useFactory: () => emulatorOptions(target) })],
    })
    class SharedAppModule {}

    const first = await compile([SharedAppModule]);
    target = second;
    const other = await compile([SharedAppModule]);
    emulator.resetStats();
    second.resetStats();

    await first.get(PlaylyfeService).get('/admin/players', { query: { app: 'first' } });
    await other.get(PlaylyfeService).get('/admin/players', { query: { app: 'other' } });

    const calls = (e: PlaylyfeEmulator) =>
      e.requestLog.map((entry) => `${entry.kind} ${entry.query['app'] ?? ''} ${entry.status}`);
    expect(calls(emulator)).toEqual(['token  200', 'api first 200']);
    expect(calls(second)).toEqual(['token  200', 'api other 200']);
  });
});
