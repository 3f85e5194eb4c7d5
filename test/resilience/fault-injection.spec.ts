/**
 * @jest-environment ./test/utils/unhandled-rejections.environment.js
 */
import { describe, expect, it } from '@jest/globals';
import { PlaylyfeApiError, PlaylyfeAuthError, PlaylyfeError } from '../../lib/index.js';
import { DEMO_CLIENT } from '../../lib/testing/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { createPlaylyfeClient, delay, type PlaylyfeTestClient } from '../utils/playlyfe-client.js';
import { TestClock } from '../utils/test-clock.js';
import { watchUnhandledRejections } from '../utils/unhandled-rejections.js';

/** How a burst of calls ended: every call either succeeded or failed with a PlaylyfeError. */
interface Outcome {
  calls: number;
  succeeded: number;
  tokenRequests: number;
  codes: string[];
}

const unhandled = watchUnhandledRejections();

const FAST_RETRY = {
  tokenRetry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
  retry: { attempts: 2, baseDelayMs: 10 },
};
const suite = useEmulatorSuite(undefined, FAST_RETRY);
const open = suite.open.bind(suite);

/** Settles every call; a call that rejects with anything but a PlaylyfeError fails the test. */
async function record(_scenario: string, calls: Promise<unknown>[]): Promise<Outcome> {
  const results = await Promise.allSettled(calls);
  const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  for (const reason of rejected) expect(reason).toBeInstanceOf(PlaylyfeError);
  return {
    calls: calls.length,
    succeeded: results.length - rejected.length,
    tokenRequests: suite.emulator.stats.tokenRequests,
    codes: rejected.map((reason) => (reason as PlaylyfeError).code),
  };
}

const profile = (c: PlaylyfeTestClient, signal?: AbortSignal): Promise<unknown> =>
  c.playlyfe.get('/runtime/player', { playerId: 'alice', signal });

const burst = (n: number, fn: () => Promise<unknown>): Promise<unknown>[] =>
  Array.from({ length: n }, fn);

describe('token endpoint failures', () => {
  it('down for a while, then back: the first burst fails alike, calls after the cooldown succeed', async () => {
    const clock = new TestClock();
    const c = await open({}, clock);
    suite.emulator.failTokenRequests(5);
    const down = await record(
      'token endpoint down (5 x 503), 50 calls',
      burst(50, () => profile(c)),
    );
    expect(down.succeeded).toBe(0);
    expect(new Set(down.codes)).toEqual(new Set(['service_unavailable']));
    expect(down.tokenRequests).toBe(3);

    clock.advance(1_000); // the failure cooldown after a 503
    const back = await record(
      'token endpoint back (2 more 503 absorbed), 50 calls',
      burst(50, () => profile(c)),
    );
    expect(back.succeeded).toBe(50);
    expect(back.tokenRequests).toBe(6);
  });

  it('5xx and dropped connections are retried with backoff; 4xx fails fast', async () => {
    const c = await open();
    suite.emulator.failTokenRequests(1, 'drop');
    suite.emulator.failTokenRequests(1, { status: 502, body: '<html>bad gateway</html>' });
    const absorbed = await record(
      'token: drop then 502, then OK',
      burst(20, () => profile(c)),
    );
    expect(absorbed.succeeded).toBe(20);
    expect(absorbed.tokenRequests).toBe(3);

    await c.close();
    const fresh = await open();
    suite.emulator.resetStats();
    suite.emulator.failTokenRequests(1, {
      status: 400,
      body: { error: 'invalid_request', error_description: 'nope' },
    });
    const fast = await record(
      'token: 400 is not retried',
      burst(10, () => profile(fresh)),
    );
    expect(fast.succeeded).toBe(0);
    expect(fast.tokenRequests).toBe(1);
  });

  it('flapping: every other token request fails under 1 s tokens; no call fails', async () => {
    suite.emulator.setTokenLifetime(DEMO_CLIENT.id, 1);
    const c = await open({ refreshMarginSeconds: 0.4 });
    const calls: Promise<unknown>[] = [];
    const end = Date.now() + 3000;
    for (let i = 0; Date.now() < end; i++) {
      if (i % 10 === 0) suite.emulator.failTokenRequests(1);
      calls.push(profile(c));
      await delay(30);
    }
    const row = await record('flapping token endpoint, 1 s tokens, 3 s of calls', calls);
    expect(row.succeeded).toBe(row.calls);
  });

  it('429 with Retry-After: waits as told; a Retry-After past the cap fails fast with retryAfterSeconds', async () => {
    const c = await open();
    suite.emulator.failTokenRequests(1, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: 'rate_limited' },
    });
    const started = Date.now();
    const waited = await record(
      'token 429 Retry-After: 1',
      burst(10, () => profile(c)),
    );
    expect(waited.succeeded).toBe(10);
    expect(waited.tokenRequests).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    await c.close();
    const fresh = await open();
    suite.emulator.resetStats();
    suite.emulator.failTokenRequests(1, {
      status: 429,
      headers: { 'retry-after': '120' },
      body: { error: 'rate_limited' },
    });
    const error = await profile(fresh).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeAuthError);
    // Retry-After is honoured up to 60 s: the error says when the next token request may go.
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 60 });
    expect(suite.emulator.stats.tokenRequests).toBe(1);
  });
});

describe('API call failures', () => {
  it('latency spikes past timeoutMs time out with code timeout; the next calls succeed', async () => {
    const c = await open({ timeoutMs: 150 });
    await profile(c);
    suite.emulator.setApiLatency(400);
    const slow = await record(
      'API latency 400 ms, timeoutMs 150',
      burst(20, () => profile(c)),
    );
    expect(new Set(slow.codes)).toEqual(new Set(['timeout']));
    suite.emulator.setApiLatency(0);
    await expect(profile(c)).resolves.toBeDefined();
  });

  it('a slow token endpoint: callers time out, the shared token request is not abandoned', async () => {
    const c = await open({ timeoutMs: 200 });
    suite.emulator.setTokenLatency(500);
    const row = await record(
      'token latency 500 ms, timeoutMs 200',
      burst(20, () => profile(c)),
    );
    expect(new Set(row.codes)).toEqual(new Set(['timeout']));
    await delay(400);
    suite.emulator.setTokenLatency(0);
    await expect(profile(c)).resolves.toBeDefined();
    expect(suite.emulator.stats.tokenRequests).toBe(1);
  });

  it('aborts mid-refresh cancel only the aborted callers', async () => {
    const c = await open();
    suite.emulator.setTokenLatency(300);
    const controller = new AbortController();
    const aborted = burst(20, () => profile(c, controller.signal));
    const kept = burst(20, () => profile(c));
    await delay(50);
    controller.abort();
    const row = await record('abort mid-refresh: 20 aborted + 20 kept', [...aborted, ...kept]);
    expect(row.succeeded).toBe(20);
    expect(row.codes).toEqual(Array(20).fill('aborted'));
    expect(row.tokenRequests).toBe(1);
  });

  it('dropped connections: GET is retried, POST is not', async () => {
    const c = await open();
    await profile(c);
    suite.emulator.resetStats();
    suite.emulator.failRoute('GET', '/runtime/player', 1, 'drop');
    const get = await record('GET dropped once', [profile(c)]);
    expect(get.succeeded).toBe(1);
    expect(suite.emulator.stats.byRoute['GET /runtime/player']).toBe(2);

    suite.emulator.failRoute('POST', '/runtime/actions/daily_bonus/play', 1, 'drop');
    const post = await record('POST dropped once', [
      c.playlyfe.forPlayer('dave').play('daily_bonus'),
    ]);
    expect(post.codes).toEqual(['network_error']);
    expect(suite.emulator.stats.byRoute['POST /runtime/actions/daily_bonus/play']).toBe(1);
    expect(suite.emulator.player('dave')?.plays['daily_bonus'] ?? 0).toBe(0);
  });

  it('502/503/504: idempotent calls are retried, POST and PATCH are not', async () => {
    const c = await open();
    await profile(c);
    suite.emulator.resetStats();
    suite.emulator.failRoute('GET', '/runtime/player', 1, {
      status: 503,
      body: { error: 'unavailable' },
    });
    suite.emulator.failRoute('DELETE', '/admin/players/nobody', 1, { status: 504 });
    suite.emulator.failRoute('PATCH', '/runtime/player', 1, { status: 502 });
    const row = await record('one 50x each: GET, DELETE, PATCH', [
      profile(c),
      c.playlyfe.delete('/admin/players/nobody'),
      c.playlyfe.forPlayer('alice').update({ alias: 'Alice' }),
    ]);
    expect(row.codes).toHaveLength(2);
    expect(row.codes).toContain('player_not_found');
    expect(suite.emulator.stats.byRoute['GET /runtime/player']).toBe(2);
    expect(suite.emulator.stats.byRoute['DELETE /admin/players/nobody']).toBe(2);
    expect(suite.emulator.stats.byRoute['PATCH /runtime/player']).toBe(1);
  });

  it('API 429 is not retried and carries retryAfterSeconds', async () => {
    const c = await open();
    await profile(c);
    suite.emulator.resetStats();
    suite.emulator.failRoute('GET', '/runtime/player', 1, {
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: 'plan_limit_exceeded', error_description: 'quota spent' },
    });
    const error = await profile(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeApiError);
    expect(error).toMatchObject({ status: 429, code: 'plan_limit_exceeded', retryAfterSeconds: 7 });
    expect(suite.emulator.stats.byRoute['GET /runtime/player']).toBe(1);
  });

  it('responses larger than maxResponseBytes are refused', async () => {
    const c = await open({ maxResponseBytes: 2_000 });
    await profile(c);
    suite.emulator.failRoute('GET', '/admin/players', 1, {
      status: 200,
      body: { data: 'x'.repeat(5_000) },
    });
    await expect(c.playlyfe.get('/admin/players')).rejects.toMatchObject({
      code: 'response_too_large',
    });
    await c.close();
    const tiny = await open({ maxResponseBytes: 20 });
    await expect(profile(tiny)).rejects.toMatchObject({
      code: 'response_too_large',
      route: '/auth/token',
    });
  });
});

describe('hygiene', () => {
  it('no unhandled rejection was seen during the suite', () => {
    expect(unhandled.seen()).toEqual([]);
  });

  it('closing the module leaves no timer or socket of its own behind', async () => {
    const count = (): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
      return counts;
    };
    await delay(50);
    const before = count();
    const c = await createPlaylyfeClient(suite.emulator, { timeoutMs: 60_000 });
    await Promise.all(burst(50, () => profile(c)));
    const during = count();
    expect(during['TCPSocketWrap'] ?? 0).toBeGreaterThan(before['TCPSocketWrap'] ?? 0);
    await c.close();
    // Sockets close asynchronously on both ends; give a loaded machine up to 2 s to settle.
    let after = count();
    for (let i = 0; i < 40; i++) {
      const settled =
        (after['TCPSocketWrap'] ?? 0) <= (before['TCPSocketWrap'] ?? 0) &&
        (after['Timeout'] ?? 0) <= (before['Timeout'] ?? 0);
      if (settled) break;
      await delay(50);
      after = count();
    }
    expect(after['TCPSocketWrap'] ?? 0).toBeLessThanOrEqual(before['TCPSocketWrap'] ?? 0);
    expect(after['Timeout'] ?? 0).toBeLessThanOrEqual(before['Timeout'] ?? 0);
  });
});
