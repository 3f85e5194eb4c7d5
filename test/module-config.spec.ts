import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { inspect } from 'node:util';
import {
  PlaylyfeError,
  PlaylyfeModule,
  PlaylyfeService,
  getPlaylyfeServiceToken,
  type PlaylyfeModuleOptions,
} from '../lib/index.js';
import type { PlaylyfeEmulator } from '../lib/testing/index.js';
import { emulatorOptions, startEmulator } from './utils/playlyfe-client.js';

const SECRET = 'cfg-secret-7d4e1b0a';
let emulator: PlaylyfeEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

async function bootstrapError(options: Record<string, unknown>): Promise<PlaylyfeError> {
  const attempt = Test.createTestingModule({
    imports: [PlaylyfeModule.forRoot(options as unknown as PlaylyfeModuleOptions)],
  }).compile();
  const error = await attempt.then(
    async (module) => {
      await module.close();
      throw new Error('bootstrap succeeded');
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PlaylyfeError);
  const typed = error as PlaylyfeError;
  expect(typed.code).toBe('invalid_options');
  expect(inspect(typed, { depth: Infinity })).not.toContain(SECRET);
  expect(typed.stack).not.toContain(SECRET);
  return typed;
}

describe('configuration errors fail bootstrap and name the option', () => {
  const valid = (): Record<string, unknown> => ({
    ...emulatorOptions(emulator),
    clientSecret: SECRET,
  });

  it.each([
    ['clientId', { clientId: undefined }],
    ['clientId', { clientId: '   ' }],
    ['clientSecret', { clientSecret: undefined }],
    ['clientSecret', { clientSecret: 42 }],
    ['apiBaseUrl', { apiBaseUrl: 'not a url' }],
    ['authBaseUrl', { authBaseUrl: `ftp://${SECRET}.example` }],
    ['apiBaseUrl', { apiBaseUrl: 'http://api.example.com' }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: -5 }],
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['refreshMarginSeconds', { refreshMarginSeconds: -1 }],
    ['tokenPlacement', { tokenPlacement: 'cookie' }],
    ['version', { version: '2' }],
    ['clientSecrt', { clientSecrt: SECRET }],
    ['tokenRetry.attempts', { tokenRetry: { attempts: 0 } }],
  ])('%s: %o', async (option, change) => {
    const error = await bootstrapError({ ...valid(), ...change });
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).not.toContain(SECRET);
  });

  const hosts = ['http://10.0.0.5', 'http://192.168.1.20:8080', 'http://playlyfe.test'];
  it.each(
    (['apiBaseUrl', 'authBaseUrl'] as const).flatMap((option) => hosts.map((url) => [option, url])),
  )('%s %s (http, not loopback) is refused without allowInsecureHttp', async (option, url) => {
    const error = await bootstrapError({ ...valid(), [option]: url });
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).toContain('allowInsecureHttp');
  });

  it.each(
    (['apiBaseUrl', 'authBaseUrl'] as const).flatMap((option) => hosts.map((url) => [option, url])),
  )('%s %s is accepted with allowInsecureHttp: true', async (option, url) => {
    const module = await Test.createTestingModule({
      imports: [
        PlaylyfeModule.forRoot({
          ...emulatorOptions(emulator),
          [option]: url,
          allowInsecureHttp: true,
        }),
      ],
    }).compile();
    expect(module.get(PlaylyfeService)).toBeInstanceOf(PlaylyfeService);
    await module.close();
  });

  it.each(['http://127.0.0.1:3000', 'http://127.8.9.10', 'http://localhost:1', 'http://[::1]:2'])(
    '%s (loopback) is accepted over http without allowInsecureHttp',
    async (url) => {
      const module = await Test.createTestingModule({
        imports: [
          PlaylyfeModule.forRoot({
            ...emulatorOptions(emulator),
            apiBaseUrl: url,
            authBaseUrl: url,
          }),
        ],
      }).compile();
      expect(module.get(PlaylyfeService)).toBeInstanceOf(PlaylyfeService);
      await module.close();
    },
  );

  it('a missing options object fails with a clear message', async () => {
    const error = await Test.createTestingModule({
      imports: [
        PlaylyfeModule.forRootAsync({
          useFactory: () => undefined as unknown as PlaylyfeModuleOptions,
        }),
      ],
    })
      .compile()
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlaylyfeError);
    expect((error as Error).message).toMatch(/clientId/);
  });
});

describe('named clients', () => {
  it('two registrations with one name fail bootstrap with a clear error', async () => {
    const error = await Test.createTestingModule({
      imports: [
        PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), name: 'staging' }),
        PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), name: 'staging', timeoutMs: 5000 }),
      ],
    })
      .compile()
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlaylyfeError);
    expect((error as PlaylyfeError).code).toBe('duplicate_client');
    expect((error as Error).message).toContain('"staging"');
  });

  it('two unnamed registrations fail bootstrap too', async () => {
    const error = await Test.createTestingModule({
      imports: [
        PlaylyfeModule.forRoot(emulatorOptions(emulator)),
        PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), timeoutMs: 5000 }),
      ],
    })
      .compile()
      .catch((failure: unknown) => failure);
    expect((error as PlaylyfeError).code).toBe('duplicate_client');
  });

  it('the same name may be used again in another application', async () => {
    for (let round = 0; round < 2; round++) {
      const module = await Test.createTestingModule({
        imports: [PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), name: 'staging' })],
      }).compile();
      expect(module.get(getPlaylyfeServiceToken('staging'))).toBeInstanceOf(PlaylyfeService);
      await module.close();
    }
  });

  it('an empty name is refused', () => {
    expect(() => PlaylyfeModule.forRoot({ ...emulatorOptions(emulator), name: '' })).toThrow(
      /`name`/,
    );
  });
});
