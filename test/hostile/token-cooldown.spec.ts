import { describe, expect, it } from '@jest/globals';
import { setTimeout as pause } from 'node:timers/promises';
import { PlaylyfeAuthError, PlaylyfeError, type PlaylyfeService } from '../../lib/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { TestClock } from '../utils/test-clock.js';

const suite = useEmulatorSuite();

const LOOPS = 50;
const LOAD_MS = 3_000;

/** `LOOPS` callers calling one after another for `LOAD_MS` (a short pause between calls bounds the load). */
async function hammer(playlyfe: PlaylyfeService): Promise<{ calls: number; errors: unknown[] }> {
  const end = Date.now() + LOAD_MS;
  const errors: unknown[] = [];
  let calls = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < end) {
      calls++;
      await playlyfe.get('/runtime/player', { playerId: 'alice' }).catch((error: unknown) => {
        errors.push(error);
      });
      await pause(5);
    }
  };
  await Promise.all(Array.from({ length: LOOPS }, loop));
  return { calls, errors };
}

describe(`a refusing token endpoint, ${LOOPS} calling loops for ${LOAD_MS / 1000} s`, () => {
  it('401 client_auth_fail: at most 5 token requests; every call fails with that error', async () => {
    const c = await suite.open({ clientSecret: 'not-the-secret' });
    const { calls, errors } = await hammer(c.playlyfe);
    console.log(`401 client_auth_fail: ${suite.emulator.stats.tokenRequests} token requests`);
    expect(suite.emulator.stats.tokenRequests).toBeGreaterThanOrEqual(1);
    expect(suite.emulator.stats.tokenRequests).toBeLessThanOrEqual(5);
    expect(errors).toHaveLength(calls);
    for (const error of errors) {
      expect(error).toBeInstanceOf(PlaylyfeAuthError);
      expect(error).toMatchObject({ status: 401, code: 'client_auth_fail' });
    }
    // Each caller gets its own copy: no two callers share one error object.
    expect(new Set(errors).size).toBe(errors.length);
    expect(suite.emulator.stats.apiRequests).toBe(0);
  });

  it('429 Retry-After: 3600: 1 token request; retryAfterSeconds says the capped 60 s', async () => {
    const c = await suite.open();
    suite.emulator.failTokenRequests(1000, {
      status: 429,
      headers: { 'Retry-After': '3600' },
      body: { error: 'rate_limit_exceeded', error_description: 'Too many token requests' },
    });
    const { calls, errors } = await hammer(c.playlyfe);
    console.log(`429 Retry-After 3600: ${suite.emulator.stats.tokenRequests} token requests`);
    expect(suite.emulator.stats.tokenRequests).toBeGreaterThanOrEqual(1);
    expect(suite.emulator.stats.tokenRequests).toBeLessThanOrEqual(2);
    expect(errors).toHaveLength(calls);
    for (const error of errors) {
      expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
      const { retryAfterSeconds } = error as PlaylyfeError;
      expect(retryAfterSeconds).toBeGreaterThan(50);
      expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });
});

describe('the failure cooldown, on the token path clock', () => {
  it('a refusal is asked again after 1 s, then 2 s, 4 s ... up to 30 s', async () => {
    const clock = new TestClock();
    const c = await suite.open({ clientSecret: 'not-the-secret' }, clock);
    const call = (): Promise<unknown> =>
      c.playlyfe.get('/runtime/player', { playerId: 'alice' }).catch((error: unknown) => error);
    const requestsAfter = async (ms: number): Promise<number> => {
      clock.advance(ms);
      await call();
      return suite.emulator.stats.tokenRequests;
    };

    await call();
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    const seen: number[] = [];
    for (const ms of [999, 1, 1_999, 1, 3_999, 1, 8_000, 16_000, 29_999, 1, 30_000]) {
      seen.push(await requestsAfter(ms));
    }
    // 1 s, 2 s, 4 s, 8 s, 16 s, then 30 s (capped) between token requests.
    expect(seen).toEqual([1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 8]);
  });

  it('5xx: 1 s doubling up to 5 s; a success ends the cooldown', async () => {
    const clock = new TestClock();
    const c = await suite.open({ tokenRetry: { attempts: 1 } }, clock);
    suite.emulator.failTokenRequests(100, { status: 503 });
    const call = (): Promise<unknown> =>
      c.playlyfe.get('/runtime/player', { playerId: 'alice' }).catch((error: unknown) => error);
    await call();
    const seen: number[] = [];
    for (const ms of [1_000, 1_999, 1, 4_000, 4_999, 1, 5_000]) {
      clock.advance(ms);
      await call();
      seen.push(suite.emulator.stats.tokenRequests);
    }
    expect(seen).toEqual([2, 2, 3, 4, 4, 5, 6]);

    suite.emulator.clearFaults();
    clock.advance(5_000);
    await expect(c.playlyfe.get('/runtime/player', { playerId: 'alice' })).resolves.toBeDefined();
    suite.emulator.failTokenRequests(100, { status: 503 });
    await c.tokens.getAccessToken().catch(() => undefined); // the token is valid: no request
    c.tokens.invalidate(await c.tokens.getAccessToken());
    await call();
    const afterSuccess = suite.emulator.stats.tokenRequests;
    clock.advance(1_000); // back to 1 s after the first failure
    await call();
    expect(suite.emulator.stats.tokenRequests).toBe(afterSuccess + 1);
  });

  it('a still-valid token is still used while a background refresh is cooling down', async () => {
    const clock = new TestClock();
    const c = await suite.open({}, clock);
    await c.playlyfe.get('/runtime/player', { playerId: 'alice' });
    const token = await c.tokens.getAccessToken();
    suite.emulator.failTokenRequests(1000, { status: 401, body: { error: 'client_auth_fail' } });
    clock.advance(3_600_000 - 30_000); // inside the refresh margin: the token is still valid
    const before = suite.emulator.stats.tokenRequests;
    for (let i = 0; i < 20; i++) {
      await c.playlyfe.get('/runtime/player', { playerId: 'alice' });
      await pause(5);
    }
    expect(await c.tokens.getAccessToken()).toBe(token);
    expect(suite.emulator.stats.tokenRequests - before).toBe(1);
    expect(c.logger.lines.join('\n')).toContain('Background token refresh');
  });
});
