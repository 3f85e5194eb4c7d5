import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT, PlaylyfeEmulator } from '../../lib/testing/index.js';
import { call, DemoCaller, expectError, requestToken, tokenFor } from './emulator-helpers.js';

const GOOD = {
  client_id: DEMO_CLIENT.id,
  client_secret: DEMO_CLIENT.secret,
  grant_type: 'client_credentials',
};

describe('emulator fault injection', () => {
  const emulator = new PlaylyfeEmulator();
  const demo = new DemoCaller(emulator);
  const profile = () => demo.asPlayer('alice', 'GET', '/runtime/player');

  beforeAll(async () => {
    await emulator.start();
  });
  afterEach(() => {
    emulator.clearFaults();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  describe('failTokenRequests', () => {
    it('fails the next N token requests with 503 service_unavailable by default', async () => {
      emulator.failTokenRequests(2);
      const first = await requestToken(emulator.url, GOOD);
      const second = await requestToken(emulator.url, GOOD);
      const third = await requestToken(emulator.url, GOOD);
      expectError(first, 503, 'service_unavailable');
      expectError(second, 503, 'service_unavailable');
      expect(third.status).toBe(200);
    });

    it('answers a given status, body and headers', async () => {
      emulator.failTokenRequests(1, {
        status: 429,
        body: { error: 'plan_limit_exceeded', error_description: 'Quota spent' },
        headers: { 'Retry-After': '7' },
      });
      const answer = await requestToken(emulator.url, GOOD);
      expectError(answer, 429, 'plan_limit_exceeded');
      expect(answer.headers.get('retry-after')).toBe('7');
    });

    it('sends a string body as is', async () => {
      emulator.failTokenRequests(1, { status: 502, body: '<html>bad gateway</html>' });
      const res = await fetch(`${emulator.url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(GOOD),
      });
      expect(res.status).toBe(502);
      expect(await res.text()).toBe('<html>bad gateway</html>');
    });

    it('drops the connection', async () => {
      emulator.failTokenRequests(1, 'drop');
      await expect(requestToken(emulator.url, GOOD)).rejects.toThrow();
      expect((await requestToken(emulator.url, GOOD)).status).toBe(200);
    });

    it('queues successive faults in order', async () => {
      emulator.failTokenRequests(1, { status: 500 });
      emulator.failTokenRequests(1, { status: 504 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await requestToken(emulator.url, GOOD)).status);
      expect(statuses).toEqual([500, 504, 200]);
    });

    it('rejects bad arguments', () => {
      expect(() => emulator.failTokenRequests(-1)).toThrow(RangeError);
      expect(() => emulator.failTokenRequests(1, { status: 42 })).toThrow(RangeError);
    });
  });

  describe('rejectAllTokens', () => {
    it('rejects every token while enabled, the token endpoint still issuing', async () => {
      emulator.rejectAllTokens();
      const token = await tokenFor(emulator.url);
      const answer = await call(emulator.url, 'GET', '/runtime/player', {
        token,
        query: { player_id: 'alice' },
      });
      expectError(answer, 401, 'invalid_access_token');
      expectError(await profile(), 401, 'invalid_access_token');
      emulator.rejectAllTokens(false);
      expect((await profile()).status).toBe(200);
    });
  });

  describe('latency', () => {
    it('delays token requests', async () => {
      emulator.setTokenLatency(150);
      const started = Date.now();
      expect((await requestToken(emulator.url, GOOD)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('delays API requests, and clearFaults removes the delay', async () => {
      await profile();
      emulator.setApiLatency(150);
      let started = Date.now();
      expect((await profile()).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      emulator.clearFaults();
      started = Date.now();
      await profile();
      expect(Date.now() - started).toBeLessThan(140);
    });

    it('rejects a negative latency', () => {
      expect(() => emulator.setApiLatency(-1)).toThrow(RangeError);
    });
  });

  describe('failRoute', () => {
    it('answers the next N calls of that method and path, whatever the query', async () => {
      emulator.failRoute('GET', '/runtime/player', 2, {
        status: 401,
        body: { error: 'invalid_access_token', error_description: 'Expired' },
      });
      expectError(await profile(), 401, 'invalid_access_token');
      const other = await demo.asPlayer('alice', 'GET', '/runtime/actions');
      expect(other.status).toBe(200);
      const patched = await demo.asPlayer('alice', 'PATCH', '/runtime/player', {
        body: { alias: 'Alice' },
      });
      expect(patched.status).toBe(200);
      expectError(
        await demo.asPlayer('bob', 'GET', '/runtime/player'),
        401,
        'invalid_access_token',
      );
      expect((await profile()).status).toBe(200);
    });

    it('accepts the route with the /v2 prefix and a lower-case method', async () => {
      emulator.failRoute('post', '/v2/runtime/actions/prestige/play', 1, { status: 500 });
      const answer = await demo.asPlayer('bob', 'POST', '/runtime/actions/prestige/play', {
        body: {},
      });
      expectError(answer, 500, 'emulated_fault');
      expect(emulator.player('bob')?.plays).toEqual({});
    });

    it('drops the connection', async () => {
      emulator.failRoute('GET', '/runtime/player', 1, 'drop');
      await expect(profile()).rejects.toThrow();
      expect((await profile()).status).toBe(200);
    });

    it('is cleared by clearFaults', async () => {
      emulator.failRoute('GET', '/runtime/player', 5, { status: 500 });
      emulator.clearFaults();
      expect((await profile()).status).toBe(200);
    });
  });
});
