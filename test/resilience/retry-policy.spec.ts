import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { PlaylyfeAuthError, type PlaylyfeMethod } from '../../lib/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import type { PlaylyfeTestClient } from '../utils/playlyfe-client.js';

const suite = useEmulatorSuite();

afterEach(() => {
  jest.restoreAllMocks();
});

/** One call of `method` on a route the emulator counts, whatever it answers in the end. */
function send(c: PlaylyfeTestClient, method: PlaylyfeMethod): Promise<unknown> {
  const route = method === 'GET' || method === 'PATCH' ? '/runtime/player' : '/admin/players/x';
  const options = method === 'GET' || method === 'PATCH' ? { playerId: 'alice' } : undefined;
  const body = method === 'GET' || method === 'DELETE' ? undefined : { alias: 'A' };
  return c.playlyfe.request(method, route, body, options).catch(() => undefined);
}

function routeOf(method: PlaylyfeMethod): string {
  const route = method === 'GET' || method === 'PATCH' ? '/runtime/player' : '/admin/players/x';
  return `${method} ${route}`;
}

describe('API retries', () => {
  const table = (['GET', 'PUT', 'DELETE', 'POST', 'PATCH'] as const).flatMap((method) =>
    [502, 503, 504].map((status) => ({
      method,
      status,
      sends: method === 'POST' || method === 'PATCH' ? 1 : 2,
    })),
  );

  it.each(table)(
    '$method answered $status is sent $sends time(s)',
    async ({ method, status, sends }) => {
      const c = await suite.open({ retry: { attempts: 2, baseDelayMs: 0 } });
      await c.tokens.getAccessToken();
      suite.emulator.failRoute(method, routeOf(method).split(' ')[1] ?? '', 1, { status });

      await send(c, method);

      expect(suite.emulator.stats.byRoute[routeOf(method)]).toBe(sends);
    },
  );

  it('retry.maxElapsedMs: no retry starts once it has passed', async () => {
    const c = await suite.open({ retry: { attempts: 5, baseDelayMs: 0, maxElapsedMs: 10 } });
    await c.tokens.getAccessToken();
    suite.emulator.setApiLatency(30);
    suite.emulator.failRoute('GET', '/runtime/player', 5, { status: 503 });

    await expect(c.playlyfe.get('/runtime/player', { playerId: 'alice' })).rejects.toMatchObject({
      status: 503,
    });
    expect(suite.emulator.stats.byRoute['GET /runtime/player']).toBe(1);
  });

  it('without maxElapsedMs every attempt is made', async () => {
    const c = await suite.open({ retry: { attempts: 5, baseDelayMs: 0 } });
    await c.tokens.getAccessToken();
    suite.emulator.failRoute('GET', '/runtime/player', 5, { status: 503 });

    await expect(c.playlyfe.get('/runtime/player', { playerId: 'alice' })).rejects.toMatchObject({
      status: 503,
    });
    expect(suite.emulator.stats.byRoute['GET /runtime/player']).toBe(5);
  });
});

describe('token request retries', () => {
  it('wait the backoff between attempts: at least baseDelayMs, then twice that', async () => {
    // The largest delay full jitter can pick, so the gaps are known.
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const c = await suite.open({ tokenRetry: { attempts: 3, baseDelayMs: 150, maxDelayMs: 1000 } });
    suite.emulator.failTokenRequests(2);

    await c.tokens.getAccessToken();

    const answers = suite.emulator.requestLog.filter((e) => e.kind === 'token').map((e) => e.at);
    expect(answers).toHaveLength(3);
    expect((answers[1] ?? 0) - (answers[0] ?? 0)).toBeGreaterThanOrEqual(150);
    expect((answers[2] ?? 0) - (answers[1] ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it('tokenRetry.maxElapsedMs: no retry starts once it has passed', async () => {
    const c = await suite.open({ tokenRetry: { attempts: 5, baseDelayMs: 0, maxElapsedMs: 10 } });
    suite.emulator.setTokenLatency(30);
    suite.emulator.failTokenRequests(5);

    const error = await c.tokens.getAccessToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PlaylyfeAuthError);
    expect(error).toMatchObject({ status: 503 });
    expect(suite.emulator.stats.tokenRequests).toBe(1);
  });
});
