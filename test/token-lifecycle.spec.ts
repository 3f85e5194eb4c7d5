import { beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeApiError, PlaylyfeAuthError } from '../lib/index.js';
import { useEmulatorSuite } from './utils/emulator-suite.js';
import { delay, sendsPerCall, type PlaylyfeTestClient } from './utils/playlyfe-client.js';
import { TestClock } from './utils/test-clock.js';

const ROUTE = '/runtime/definitions/metrics';
const playerId = 'token-lifecycle-player';
const suite = useEmulatorSuite();
const open = suite.open.bind(suite);

beforeAll(async () => {
  const setup = await open();
  await setup.playlyfe.post('/admin/players', { id: playerId, alias: 'Lifecycle' });
  await setup.close();
});

function call(c: PlaylyfeTestClient, tag: number | string): Promise<unknown> {
  return c.playlyfe.get(ROUTE, { playerId, query: { call: String(tag) } });
}

describe('token lifecycle', () => {
  it('cold start: 500 concurrent calls make exactly 1 token request and all succeed', async () => {
    const c = await open();
    suite.emulator.setTokenLatency(50);
    const results = await Promise.allSettled(Array.from({ length: 500 }, (_, i) => call(c, i)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(500);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    expect(suite.emulator.stats.byRoute[`GET ${ROUTE}`]).toBe(500);
  });

  it('revocation: 200 calls against revoked tokens make 1 token request, all succeed, none sent more than twice', async () => {
    const c = await open();
    await call(c, 'warm');
    suite.emulator.resetStats();
    suite.emulator.revokeAllTokens();

    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => call(c, i)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(200);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    expect(suite.emulator.stats.unauthorized).toBeGreaterThan(0);
    const sends = sendsPerCall(suite.emulator);
    expect(sends.size).toBe(200);
    expect(Math.max(...sends.values())).toBeLessThanOrEqual(2);
  });

  it('revocation while 200 calls are in flight: 1 token request, all succeed', async () => {
    const c = await open();
    await call(c, 'warm');
    suite.emulator.resetStats();
    suite.emulator.setApiLatency(100);

    const calls = Array.from({ length: 200 }, (_, i) => call(c, i));
    await delay(30);
    suite.emulator.revokeAllTokens();
    suite.emulator.setApiLatency(0);
    const results = await Promise.allSettled(calls);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(200);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    expect(Math.max(...sendsPerCall(suite.emulator).values())).toBeLessThanOrEqual(2);
  });

  it('a late 401 for a token that was already replaced causes no new token request', async () => {
    const c = await open();
    await call(c, 'warm');
    const first = await c.tokens.getAccessToken();

    // A slow call that still carries the first token and will be answered 401.
    suite.emulator.setApiLatency(400);
    suite.emulator.failRoute('GET', '/runtime/leaderboards', 1, {
      status: 401,
      body: { error: 'invalid_access_token', error_description: 'The access token is invalid' },
    });
    const late = c.playlyfe.get('/runtime/leaderboards', { playerId, query: { call: 'late' } });
    await delay(100);
    suite.emulator.setApiLatency(0);

    // Meanwhile the first token is revoked and replaced.
    suite.emulator.revokeAllTokens();
    suite.emulator.resetStats();
    await call(c, 'replaces');
    const second = await c.tokens.getAccessToken();
    expect(second).not.toBe(first);
    expect(suite.emulator.stats.tokenRequests).toBe(1);

    await expect(late).resolves.toBeDefined();
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    expect(await c.tokens.getAccessToken()).toBe(second);
  });

  it('invalidate() of a token that is no longer current keeps the current one', async () => {
    const c = await open();
    const current = await c.tokens.getAccessToken();
    c.tokens.invalidate('some-older-token');
    expect(await c.tokens.getAccessToken()).toBe(current);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    c.tokens.invalidate(current);
    expect(await c.tokens.getAccessToken()).not.toBe(current);
    expect(suite.emulator.stats.tokenRequests).toBe(2);
  });

  it('a server that rejects every token: one retry, then PlaylyfeApiError invalid_access_token; no loop', async () => {
    const c = await open();
    suite.emulator.rejectAllTokens(true);

    const error = await call(c, 'rejected').catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(PlaylyfeApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'invalid_access_token',
      method: 'GET',
      route: ROUTE,
    });
    expect(sendsPerCall(suite.emulator).get('rejected')).toBe(2);
    expect(suite.emulator.stats.tokenRequests).toBeLessThanOrEqual(2);
  });

  it('rejected credentials: every waiting caller gets its own copy of the PlaylyfeAuthError; a call after the cooldown tries again', async () => {
    const clock = new TestClock();
    const c = await open({ clientSecret: 'wrong-secret-3b9d' }, clock);
    const errors = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(c, i).catch((failure: unknown) => failure)),
    );

    for (const error of errors) {
      expect(error).toBeInstanceOf(PlaylyfeAuthError);
      expect(error).toMatchObject({ status: 401, code: 'client_auth_fail', route: '/auth/token' });
    }
    expect(new Set(errors).size).toBe(50);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    expect(suite.emulator.stats.apiRequests).toBe(0);

    await expect(call(c, 'cooling down')).rejects.toMatchObject({ code: 'client_auth_fail' });
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    clock.advance(1_000);
    await expect(call(c, 'again')).rejects.toBeInstanceOf(PlaylyfeAuthError);
    expect(suite.emulator.stats.tokenRequests).toBe(2);
  });

  it('a token endpoint failure is remembered only for its cooldown: the first call after it succeeds', async () => {
    const clock = new TestClock();
    const c = await open({ tokenRetry: { attempts: 1 } }, clock);
    suite.emulator.failTokenRequests(1, {
      status: 401,
      body: { error: 'client_auth_fail', error_description: 'Client authentication failed' },
    });
    await expect(call(c, 1)).rejects.toMatchObject({ code: 'client_auth_fail' });
    await expect(call(c, 2)).rejects.toMatchObject({ code: 'client_auth_fail' });
    clock.advance(1_000);
    await expect(call(c, 3)).resolves.toBeDefined();
    expect(suite.emulator.stats.tokenRequests).toBe(2);
  });
});
