import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import {
  PlaylyfeAuthError,
  PlaylyfeError,
  PlaylyfeModule,
  PlaylyfeService,
  getPlaylyfeServiceToken,
  type PlaylyfeModuleOptions,
} from '../lib/index.js';
import type { PlaylyfeEmulator } from '../lib/testing/index.js';
import { createPlaylyfeClient, emulatorOptions, startEmulator } from './utils/playlyfe-client.js';

/** Errors a new user meets first say what to change, with the value to use where there is one. */
let emulator: PlaylyfeEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

async function bootstrapError(imports: ReturnType<typeof PlaylyfeModule.forRoot>[]) {
  const error = await Test.createTestingModule({ imports })
    .compile()
    .then(
      async (module) => {
        await module.close();
        throw new Error('bootstrap succeeded');
      },
      (failure: unknown) => failure,
    );
  expect(error).toBeInstanceOf(PlaylyfeError);
  expect((error as PlaylyfeError).code).toBe('invalid_options');
  return error as PlaylyfeError;
}

/** A loopback port nothing listens on: bound by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a base URL with the path the library appends is refused with the corrected value', () => {
  it.each([
    ['apiBaseUrl', '/v2'],
    ['apiBaseUrl', '/v2/'],
    ['apiBaseUrl', '/v1'],
    ['authBaseUrl', '/auth/token'],
    ['authBaseUrl', '/auth'],
    ['authBaseUrl', '/auth/'],
  ] as const)('%s ending in %s', async (option, suffix) => {
    const error = await bootstrapError([
      PlaylyfeModule.forRoot(emulatorOptions(emulator, { [option]: `${emulator.url}${suffix}` })),
    ]);
    const fixed = `\`${option}: '${emulator.url}'\``;
    expect(error.message).toContain(`\`${option}\` ends in \`${suffix.replace(/\/$/, '')}\``);
    expect(error.message).toContain(fixed);
    // The value the message offers works.
    const client = await createPlaylyfeClient(emulator, { [option]: emulator.url });
    await expect(client.playlyfe.forPlayer('alice').profile()).resolves.toMatchObject({
      id: 'alice',
    });
    await client.close();
  });

  it('keeps the path in front of the version: a base URL behind a prefix', async () => {
    const error = await bootstrapError([
      PlaylyfeModule.forRoot(
        emulatorOptions(emulator, { apiBaseUrl: 'https://gateway.example.com/playlyfe/v2' }),
      ),
    ]);
    expect(error.message).toContain("`apiBaseUrl: 'https://gateway.example.com/playlyfe'`");
  });

  it('accepts a path that only looks alike', async () => {
    const client = await createPlaylyfeClient(emulator, { authBaseUrl: `${emulator.url}/oauth` });
    await expect(client.playlyfe.forPlayer('alice').profile()).rejects.toBeInstanceOf(
      PlaylyfeAuthError,
    );
    await client.close();
  });
});

describe('a wrong port names the host and port it tried', () => {
  const once = { attempts: 1 };

  it('on an API call', async () => {
    const port = await closedPort();
    const client = await createPlaylyfeClient(emulator, {
      apiBaseUrl: `http://127.0.0.1:${port}`,
      retry: once,
    });
    const error = await client.playlyfe
      .forPlayer('alice')
      .profile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeError);
    expect(error).toMatchObject({ code: 'network_error' });
    expect((error as Error).message).toBe(
      `Playlyfe call GET /runtime/player failed: connecting to 127.0.0.1:${port} failed (ECONNREFUSED)`,
    );
    await client.close();
  });

  it('on the token request', async () => {
    const port = await closedPort();
    const client = await createPlaylyfeClient(emulator, {
      authBaseUrl: `http://127.0.0.1:${port}`,
      tokenRetry: once,
    });
    const error = await client.playlyfe
      .forPlayer('alice')
      .profile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeAuthError);
    expect((error as Error).message).toBe(
      `Playlyfe token request failed: connecting to 127.0.0.1:${port} failed (ECONNREFUSED)`,
    );
    await client.close();
  });
});

describe('with several registrations, an options error names the one at fault', () => {
  const bad: Partial<PlaylyfeModuleOptions> = { timeoutMs: 0 };

  it('the default one, next to a named one', async () => {
    const error = await bootstrapError([
      PlaylyfeModule.forRoot(emulatorOptions(emulator, bad)),
      PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), name: 'orders' }),
    ]);
    expect(error.message).toBe(
      'Invalid Playlyfe options (the default registration, the one without `name`): `timeoutMs` must be a finite number greater than 0',
    );
  });

  it('a named one, next to the default one', async () => {
    const error = await bootstrapError([
      PlaylyfeModule.forRoot(emulatorOptions(emulator)),
      PlaylyfeModule.forRootAsync({
        name: 'orders',
        useFactory: () => emulatorOptions(emulator, bad),
      }),
    ]);
    expect(error.message).toMatch(
      /^Invalid Playlyfe options \(registration "orders"\): `timeoutMs`/,
    );
  });

  it('a lone default registration is not named (there is no other to tell it from)', async () => {
    const error = await bootstrapError([PlaylyfeModule.forRoot(emulatorOptions(emulator, bad))]);
    expect(error.message).toMatch(/^Invalid Playlyfe options: `timeoutMs`/);
  });

  it('valid registrations side by side still bootstrap', async () => {
    const module = await Test.createTestingModule({
      imports: [
        PlaylyfeModule.forRoot(emulatorOptions(emulator)),
        PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), name: 'orders' }),
      ],
    }).compile();
    expect(module.get(getPlaylyfeServiceToken('orders'))).toBeInstanceOf(PlaylyfeService);
    await module.close();
  });
});
