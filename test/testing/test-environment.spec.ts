import { afterEach, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  DEMO_CLIENT,
  startPlaylyfeTestEnvironment,
  type PlaylyfeTestEnvironment,
} from '../../lib/testing/index.js';
import { ConfigAppModule } from './config-app.module.js';

const NAMES = [
  'PLAYLYFE_API_URL',
  'PLAYLYFE_AUTH_URL',
  'PLAYLYFE_CLIENT_ID',
  'PLAYLYFE_CLIENT_SECRET',
] as const;

let environment: PlaylyfeTestEnvironment | undefined;
let app: INestApplication | undefined;

afterEach(async () => {
  await app?.close();
  await environment?.close();
  app = undefined;
  environment = undefined;
  for (const name of NAMES) delete process.env[name];
});

async function bootApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [ConfigAppModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('startPlaylyfeTestEnvironment', () => {
  it('runs an AppModule registered with forRootAsync + ConfigService on the emulator, unchanged', async () => {
    for (const name of NAMES) delete process.env[name];
    environment = await startPlaylyfeTestEnvironment();
    const server = (await bootApp()).getHttpServer() as Parameters<typeof request>[0];
    const alice = await request(server).get('/players/alice').expect(200);
    expect(alice.body).toMatchObject({ id: 'alice', alias: 'Alice' });
    await request(server).get('/players/ghost').expect(404);
    expect(environment.emulator.stats.tokensIssued).toBe(1);
    expect(environment.emulator.stats.byRoute['GET /runtime/player']).toBe(2);
  });

  it('without it, the same AppModule fails at bootstrap on the missing variable', async () => {
    for (const name of NAMES) delete process.env[name];
    await expect(bootApp()).rejects.toThrow('"PLAYLYFE_CLIENT_ID" does not exist');
  });

  it('gives the env values, sets them in process.env and restores the previous ones on close', async () => {
    process.env['PLAYLYFE_CLIENT_ID'] = 'the-real-client';
    delete process.env['PLAYLYFE_API_URL'];
    environment = await startPlaylyfeTestEnvironment();
    const { env, emulator } = environment;
    expect(env).toEqual({
      PLAYLYFE_API_URL: emulator.url,
      PLAYLYFE_AUTH_URL: emulator.url,
      PLAYLYFE_CLIENT_ID: DEMO_CLIENT.id,
      PLAYLYFE_CLIENT_SECRET: DEMO_CLIENT.secret,
    });
    for (const name of NAMES) expect(process.env[name]).toBe(env[name]);
    const url = env.PLAYLYFE_API_URL;
    await environment.close();
    await environment.close();
    expect(process.env['PLAYLYFE_CLIENT_ID']).toBe('the-real-client');
    expect(process.env['PLAYLYFE_API_URL']).toBeUndefined();
    await expect(fetch(`${url}/v2/runtime/player`)).rejects.toThrow();
  });

  it('with setProcessEnv false, leaves process.env alone; with clients, names the first one', async () => {
    for (const name of NAMES) delete process.env[name];
    environment = await startPlaylyfeTestEnvironment({
      setProcessEnv: false,
      clients: [{ id: 'backend', secret: 'backend-secret', routes: { admin: 'read' } }],
      game: {
        metrics: [{ id: 'points', name: 'Points' }],
        actions: [],
        leaderboards: [],
        players: [{ id: 'u1', alias: 'U' }],
      },
    });
    expect(environment.env).toMatchObject({
      PLAYLYFE_CLIENT_ID: 'backend',
      PLAYLYFE_CLIENT_SECRET: 'backend-secret',
    });
    for (const name of NAMES) expect(process.env[name]).toBeUndefined();
    expect(environment.emulator.player('u1')).toBeDefined();
    expect(environment.emulator.player('alice')).toBeUndefined();
  });
});
