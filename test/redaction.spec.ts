import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { PlaylyfeError } from '../lib/index.js';
import type { PlaylyfeEmulator } from '../lib/testing/index.js';
import {
  createPlaylyfeClient,
  startEmulator,
  type PlaylyfeTestClient,
} from './utils/playlyfe-client.js';

const SECRET = 'sEcReT-9f8e7d6c5b4a';
const ALL_ROUTES = { admin: 'write', design: 'write', runtime: 'write' } as const;
const CLIENT = { id: 'redaction-client', secret: SECRET, routes: ALL_ROUTES };

let emulator: PlaylyfeEmulator;
const opened: PlaylyfeTestClient[] = [];
const tokensSeen = new Set<string>();

beforeAll(async () => {
  emulator = await startEmulator({ clients: [CLIENT] });
});

afterEach(() => {
  emulator.clearFaults();
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await emulator.stop();
});

async function open(overrides = {}): Promise<PlaylyfeTestClient> {
  const c = await createPlaylyfeClient(emulator, {
    clientId: CLIENT.id,
    clientSecret: SECRET,
    ...overrides,
  });
  opened.push(c);
  return c;
}

async function rememberToken(c: PlaylyfeTestClient): Promise<void> {
  tokensSeen.add(await c.tokens.getAccessToken());
}

/** Every string reachable from an error: message, stack, JSON, deep inspect, and the same along `cause`. */
function everythingReachable(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const e = current as Error & { cause?: unknown };
    parts.push(
      String(e.message),
      String(e.stack),
      JSON.stringify(e),
      inspect(e, { depth: Infinity, showHidden: true }),
    );
    for (const key of Object.getOwnPropertyNames(e))
      parts.push(inspect((e as unknown as Record<string, unknown>)[key], { depth: Infinity }));
    current = e.cause;
  }
  return parts.join('\n');
}

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(SECRET);
  expect(tokensSeen.size).toBeGreaterThan(0);
  for (const token of tokensSeen) expect(text).not.toContain(token);
  expect(text).not.toMatch(/access_token=(?!\[redacted\])[^&\s"']+/);
}

const errors: unknown[] = [];

describe('no secret or token in any error or log', () => {
  it('collects an error of every kind', async () => {
    const c = await open({ retry: { attempts: 1 }, tokenRetry: { attempts: 1 } });
    await rememberToken(c);
    const token = [...tokensSeen][0];

    // API error whose body echoes the secret and the token
    emulator.failRoute('GET', '/admin/players', 1, {
      status: 400,
      body: {
        error: 'validation_exception',
        error_description: `bad call with ${token} and ${SECRET}`,
        data: { url: `/v2/admin/players?access_token=${token}`, secret: SECRET },
      },
    });
    errors.push(await c.playlyfe.get('/admin/players').catch((e: unknown) => e));

    // 401 after the one retry
    emulator.rejectAllTokens(true);
    errors.push(await c.playlyfe.get('/admin/players').catch((e: unknown) => e));
    await rememberToken(c);
    emulator.rejectAllTokens(false);

    // non-JSON error body, non-JSON success body
    emulator.failRoute('GET', '/admin/players', 1, { status: 502, body: `<h1>${token}</h1>` });
    errors.push(await c.playlyfe.get('/admin/players').catch((e: unknown) => e));
    emulator.failRoute('GET', '/admin/players', 1, { status: 200, body: `oops ${SECRET}` });
    errors.push(await c.playlyfe.get('/admin/players').catch((e: unknown) => e));

    // timeout and abort
    const slow = await open({ timeoutMs: 100 });
    await rememberToken(slow);
    emulator.setApiLatency(400);
    errors.push(await slow.playlyfe.get('/admin/players').catch((e: unknown) => e));
    errors.push(
      await c.playlyfe
        .get('/admin/players', { signal: AbortSignal.timeout(50) })
        .catch((e: unknown) => e),
    );
    emulator.setApiLatency(0);

    // dropped connection, on a route of its own: a call abandoned above may reach a loaded emulator
    // late and would take a fault set on its route
    emulator.failRoute('GET', '/admin/players/dropped', 1, 'drop');
    errors.push(await c.playlyfe.get('/admin/players/dropped').catch((e: unknown) => e));

    // token endpoint: echoes the secret, then wrong credentials
    const fresh = await open({ tokenRetry: { attempts: 1 } });
    emulator.failTokenRequests(1, {
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: `client_secret=${SECRET} rejected`,
        data: { SECRET },
      },
    });
    errors.push(await fresh.playlyfe.get('/admin/players').catch((e: unknown) => e));
    const wrong = await open({ clientSecret: `${SECRET}-wrong` });
    errors.push(await wrong.playlyfe.get('/admin/players').catch((e: unknown) => e));

    // nothing listening
    const dead = await open({
      apiBaseUrl: 'http://127.0.0.1:9',
      authBaseUrl: 'http://127.0.0.1:9',
      tokenRetry: { attempts: 1 },
    });
    errors.push(await dead.playlyfe.get('/admin/players').catch((e: unknown) => e));

    const codes = errors.map((e) => (e as PlaylyfeError).code);
    expect(errors.every((e) => e instanceof PlaylyfeError)).toBe(true);
    expect(codes).toEqual([
      'validation_exception',
      'invalid_access_token',
      'http_error',
      'invalid_response',
      'timeout',
      'aborted',
      'network_error',
      'invalid_request',
      'client_auth_fail',
      'network_error',
    ]);
  });

  it('no error exposes the secret or a token through message, stack, JSON, inspect or cause', () => {
    expect(errors).toHaveLength(10);
    for (const error of errors) expectNoSecrets(everythingReachable(error));
  });

  it('the services themselves do not show the secret or token when inspected or serialized', () => {
    for (const c of opened) {
      expectNoSecrets(inspect(c.playlyfe, { depth: 6, showHidden: true }));
      expectNoSecrets(inspect(c.tokens, { depth: 6, showHidden: true }));
      expectNoSecrets(JSON.stringify(c.tokens));
    }
  });

  it('nothing the library logged holds the secret or a token', () => {
    const lines = opened.flatMap((c) => c.logger.lines);
    expect(lines.some((line) => line.includes('Obtained access token'))).toBe(true);
    expectNoSecrets(lines.join('\n'));
  });

  it('the emulator request log holds no secret or token', () => {
    expectNoSecrets(JSON.stringify(emulator.requestLog));
  });
});
