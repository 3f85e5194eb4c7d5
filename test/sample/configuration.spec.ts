import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import { createServer } from 'node:net';
import { DEMO_CLIENT, PlaylyfeEmulator } from 'nestjs-playlyfe/testing';
import type { EmbeddedEmulatorService } from '../../sample/src/emulator/embedded-emulator.service.js';
import { playlyfeOptionsFactory } from '../../sample/src/playlyfe-options.factory.js';
import { bootSample, embedded, SAMPLE_ENV, type SampleApp, type SampleEnv } from './sample-app.js';

let opened: { close(): Promise<unknown> }[] = [];

async function boot(env: SampleEnv = {}): Promise<SampleApp> {
  const sample = await bootSample(env);
  opened.push(sample);
  return sample;
}

async function separateEmulator(): Promise<PlaylyfeEmulator> {
  const emulator = new PlaylyfeEmulator();
  await emulator.start();
  opened.push({ close: () => emulator.stop() });
  return emulator;
}

afterEach(async () => {
  // Apps first (they restore the environment), then the emulators they used.
  for (const thing of opened) await thing.close();
  opened = [];
});

const emulatorLines = (sample: SampleApp): string[] =>
  sample.logger.lines.filter((line) => line.includes('embedded Playlyfe emulator'));

function credentials(emulator: PlaylyfeEmulator): SampleEnv {
  return {
    PLAYLYFE_CLIENT_ID: DEMO_CLIENT.id,
    PLAYLYFE_CLIENT_SECRET: DEMO_CLIENT.secret,
    PLAYLYFE_API_URL: emulator.url,
    PLAYLYFE_AUTH_URL: emulator.url,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('without PLAYLYFE_CLIENT_ID: the embedded emulator', () => {
  it('starts it with the demo game and says so in one log line with its URL', async () => {
    const sample = await boot();
    const emulator = embedded(sample);
    expect(emulatorLines(sample)).toHaveLength(1);
    expect(emulatorLines(sample)[0]).toContain(emulator.url);
    expect(emulatorLines(sample)[0]).toContain('demo game');
    await sample.http().get('/players/dave').expect(200);
    expect(emulator.stats.tokensIssued).toBe(1);
  });

  it('stops it when the app closes', async () => {
    const sample = await boot();
    const url = embedded(sample).url;
    await fetch(`${url}/v2/runtime/player`);
    await sample.close();
    await expect(fetch(`${url}/v2/runtime/player`)).rejects.toThrow();
    expect(() => embedded(sample).url).toThrow(/not started/);
  });

  it('listens on PLAYLYFE_EMULATOR_PORT when set', async () => {
    const port = await freePort();
    const sample = await boot({ PLAYLYFE_EMULATOR_PORT: String(port) });
    expect(embedded(sample).url).toBe(`http://127.0.0.1:${port}`);
  });

  it('treats a blank PLAYLYFE_CLIENT_ID as unset', async () => {
    const sample = await boot({ PLAYLYFE_CLIENT_ID: '  ' });
    expect(sample.emulator).toBeDefined();
  });
});

describe('with credentials: the configured Playlyfe hosts', () => {
  it('talks to the configured hosts and starts no emulator', async () => {
    const playlyfe = await separateEmulator();
    const sample = await boot(credentials(playlyfe));
    expect(sample.emulator).toBeUndefined();
    expect(emulatorLines(sample)).toHaveLength(0);

    await sample.http().post('/players').send({ id: 'remote-1', alias: 'Remote' }).expect(201);
    await sample
      .http()
      .post('/players/remote-1/actions/complete_quest')
      .send({ variables: { points: 7 } })
      .expect(200);
    expect(playlyfe.player('remote-1')?.scores['xp']).toBe(7);
    expect(playlyfe.stats.tokensIssued).toBe(1);
  });

  it('needs ?player= for leaderboards, unless PLAYLYFE_DEFAULT_PLAYER is set', async () => {
    const playlyfe = await separateEmulator();
    const sample = await boot(credentials(playlyfe));
    const res = await sample.http().get('/leaderboards/xp_leaderboard').expect(400);
    expect((res.body as { message: string }).message).toBe(
      'player is required: leaderboards are read as a player (?player=<id>)',
    );
    await sample.http().get('/leaderboards/xp_leaderboard?player=bob').expect(200);
    process.env['PLAYLYFE_DEFAULT_PLAYER'] = 'carol';
    await sample.http().get('/leaderboards/xp_leaderboard').expect(200);
    expect(playlyfe.requestLog.at(-1)?.query).toMatchObject({ player_id: 'carol' });
  });

  it('boots with Playlyfe default hosts when the URLs are unset (no call made at boot)', async () => {
    const sample = await boot({
      PLAYLYFE_CLIENT_ID: 'my-client',
      PLAYLYFE_CLIENT_SECRET: 'my-secret',
    });
    expect(sample.emulator).toBeUndefined();
  });

  it('a secret without a client id fails bootstrap with a message naming both', async () => {
    await expect(boot({ PLAYLYFE_CLIENT_SECRET: 'orphan-secret' })).rejects.toThrow(
      'PLAYLYFE_CLIENT_SECRET is set but PLAYLYFE_CLIENT_ID is not',
    );
  });

  it('a client id without a secret fails bootstrap naming PLAYLYFE_CLIENT_SECRET', async () => {
    await expect(boot({ PLAYLYFE_CLIENT_ID: 'lonely' })).rejects.toThrow('PLAYLYFE_CLIENT_SECRET');
  });

  it('a malformed PLAYLYFE_TIMEOUT_MS fails bootstrap naming it', async () => {
    await expect(boot({ PLAYLYFE_TIMEOUT_MS: 'soon' })).rejects.toThrow(
      "PLAYLYFE_TIMEOUT_MS must be an integer between 1 and 600000 (got 'soon')",
    );
  });
});

describe('the options factory', () => {
  const fakeEmbedded = () => {
    const start = jest.fn<EmbeddedEmulatorService['start']>();
    return { start, service: { start } as unknown as EmbeddedEmulatorService };
  };

  /** A ConfigService that sees only `values` (not the process environment). */
  const configOf = (values: Record<string, string>): ConfigService =>
    ({
      get: (key: string) => values[key],
      getOrThrow: (key: string) => {
        if (values[key] === undefined)
          throw new TypeError(`Configuration key "${key}" does not exist`);
        return values[key];
      },
    }) as unknown as ConfigService;

  it('leaves the hosts to the library defaults (https://api.playlyfe.com, https://playlyfe.com) when unset', async () => {
    const { start, service } = fakeEmbedded();
    const config = configOf({ PLAYLYFE_CLIENT_ID: 'id', PLAYLYFE_CLIENT_SECRET: 'secret' });
    const options = await playlyfeOptionsFactory(config, service);
    expect(options).toMatchObject({ clientId: 'id', clientSecret: 'secret' });
    expect(options.apiBaseUrl).toBeUndefined();
    expect(options.authBaseUrl).toBeUndefined();
    expect(start).not.toHaveBeenCalled();
  });

  it('uses PLAYLYFE_API_URL and PLAYLYFE_AUTH_URL when set', async () => {
    const { service } = fakeEmbedded();
    const config = configOf({
      PLAYLYFE_CLIENT_ID: 'id',
      PLAYLYFE_CLIENT_SECRET: 'secret',
      PLAYLYFE_API_URL: 'https://api.staging.example',
      PLAYLYFE_AUTH_URL: 'https://auth.staging.example',
    });
    await expect(playlyfeOptionsFactory(config, service)).resolves.toMatchObject({
      apiBaseUrl: 'https://api.staging.example',
      authBaseUrl: 'https://auth.staging.example',
    });
  });
});

describe('the environment', () => {
  it('is restored after each app, so a credentials boot does not leak into the next one', async () => {
    const before = SAMPLE_ENV.map((name) => process.env[name]);
    const playlyfe = await separateEmulator();
    const withCredentials = await boot(credentials(playlyfe));
    expect(process.env['PLAYLYFE_CLIENT_ID']).toBe(DEMO_CLIENT.id);
    await withCredentials.close();
    expect(SAMPLE_ENV.map((name) => process.env[name])).toEqual(before);
    const next = await boot();
    expect(next.emulator).toBeDefined();
  });
});
