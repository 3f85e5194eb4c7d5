import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT, PlaylyfeEmulator } from '../../lib/testing/index.js';
import { call, requestToken, tokenFor } from './emulator-helpers.js';

describe('emulator counters and request log', () => {
  const emulator = new PlaylyfeEmulator();

  beforeAll(async () => {
    await emulator.start();
  });
  beforeEach(() => {
    emulator.resetStats();
    emulator.clearFaults();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('counts token requests whatever their outcome, and tokens issued', async () => {
    await tokenFor(emulator.url);
    await requestToken(emulator.url, { client_id: DEMO_CLIENT.id });
    emulator.failTokenRequests(1);
    await requestToken(emulator.url, {});
    emulator.failTokenRequests(1, 'drop');
    await expect(tokenFor(emulator.url)).rejects.toThrow();
    const stats = emulator.stats;
    expect(stats).toMatchObject({ tokenRequests: 4, tokensIssued: 1, apiRequests: 0 });
    expect(stats.byStatus).toEqual({ '200': 1, '400': 1, '503': 1, dropped: 1 });
  });

  it('counts API requests by route (no query) and status, and 401 answers', async () => {
    const token = await tokenFor(emulator.url);
    const player = { player_id: 'alice' };
    await call(emulator.url, 'GET', '/runtime/player', { token, query: player });
    await call(emulator.url, 'GET', '/runtime/player', { token, query: { player_id: 'bob' } });
    await call(emulator.url, 'GET', '/runtime/player', { token: 'bad', query: player });
    await call(emulator.url, 'GET', '/admin/players/alice', { token });
    await call(emulator.url, 'GET', '/nowhere', { token });
    const stats = emulator.stats;
    expect(stats).toMatchObject({
      tokenRequests: 1,
      tokensIssued: 1,
      apiRequests: 5,
      unauthorized: 1,
    });
    expect(stats.byRoute).toEqual({
      'GET /runtime/player': 3,
      'GET /admin/players/alice': 1,
      'GET /nowhere': 1,
    });
    expect(stats.byStatus).toEqual({ '200': 4, '401': 1, '404': 1 });
  });

  it('returns copies: mutating stats or the log changes nothing', async () => {
    await tokenFor(emulator.url);
    const stats = emulator.stats;
    stats.tokenRequests = 99;
    stats.byStatus['200'] = 99;
    (emulator.requestLog as unknown[]).length = 0;
    expect(emulator.stats.tokenRequests).toBe(1);
    expect(emulator.stats.byStatus['200']).toBe(1);
    expect(emulator.requestLog).toHaveLength(1);
  });

  it('logs each answer with its client, token sequence and auth method', async () => {
    const first = await tokenFor(emulator.url);
    const second = await tokenFor(emulator.url);
    await call(emulator.url, 'GET', '/runtime/player', {
      bearer: second,
      query: { player_id: 'alice', extra: 'a b' },
    });
    await call(emulator.url, 'GET', '/runtime/player', {
      token: first,
      query: { player_id: 'bob' },
    });
    const log = emulator.requestLog;
    expect(log).toHaveLength(4);
    const [t1, t2, a1, a2] = log;
    expect(t1).toEqual({
      at: expect.any(Number),
      kind: 'token',
      method: 'POST',
      route: '/auth/token',
      query: {},
      status: 200,
      clientId: DEMO_CLIENT.id,
      tokenSeq: expect.any(Number),
    });
    expect(t2?.tokenSeq).toBe((t1?.tokenSeq ?? 0) + 1);
    expect(a1).toMatchObject({
      kind: 'api',
      method: 'GET',
      route: '/runtime/player',
      query: { player_id: 'alice', extra: 'a b' },
      status: 200,
      clientId: DEMO_CLIENT.id,
      tokenSeq: t2?.tokenSeq,
      auth: 'header',
    });
    expect(a2).toMatchObject({ tokenSeq: t1?.tokenSeq, auth: 'query' });
    expect(a2?.query['access_token']).toBe('[redacted]');
    expect(log.every((entry, i) => i === 0 || entry.at >= (log[i - 1]?.at ?? 0))).toBe(true);
  });

  it('never holds a token or a secret, even when sent in odd places', async () => {
    const token = await tokenFor(emulator.url);
    await call(emulator.url, 'GET', '/runtime/player', { token, query: { player_id: 'alice' } });
    await call(emulator.url, 'GET', '/runtime/player', {
      bearer: token,
      query: { player_id: 'alice' },
    });
    emulator.revokeAllTokens();
    await call(emulator.url, 'GET', '/runtime/player', { token, query: { player_id: 'alice' } });
    await requestToken(emulator.url, {
      client_id: DEMO_CLIENT.id,
      client_secret: 'wrong-secret-1',
      grant_type: 'client_credentials',
    });
    await fetch(`${emulator.url}/auth/token?client_secret=${DEMO_CLIENT.secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `client_id=${DEMO_CLIENT.id}&client_secret=${DEMO_CLIENT.secret}&grant_type=client_credentials`,
    });
    const serialized = JSON.stringify(emulator.requestLog);
    expect(emulator.requestLog.length).toBeGreaterThanOrEqual(6);
    expect(serialized).not.toContain(token);
    expect(serialized).not.toContain(DEMO_CLIENT.secret);
    expect(serialized).not.toContain('wrong-secret-1');
    expect(serialized).toContain('[redacted]');
  });

  it('keeps at most logLimit entries, newest last', async () => {
    const small = new PlaylyfeEmulator({ logLimit: 3 });
    await small.start();
    try {
      for (let i = 0; i < 8; i++) {
        await call(small.url, 'GET', `/runtime/n${i}`, {});
      }
      expect(small.requestLog.map((entry) => entry.route)).toEqual([
        '/runtime/n5',
        '/runtime/n6',
        '/runtime/n7',
      ]);
      expect(small.stats.apiRequests).toBe(8);
    } finally {
      await small.stop();
    }
  });

  it('resetStats zeroes the counters and clears the log', async () => {
    await tokenFor(emulator.url);
    emulator.resetStats();
    expect(emulator.stats).toEqual({
      tokenRequests: 0,
      tokensIssued: 0,
      apiRequests: 0,
      unauthorized: 0,
      byRoute: {},
      byStatus: {},
    });
    expect(emulator.requestLog).toEqual([]);
  });
});
