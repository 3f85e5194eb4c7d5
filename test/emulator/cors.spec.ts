import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT, PlaylyfeEmulator } from '../../lib/testing/index.js';
import { call, expectError, requestToken } from './emulator-helpers.js';
import { mintJwt } from './jwt-mint.js';

const PAGE = 'http://localhost:3000';
const OTHER = 'http://evil.test:3000';

/** An OPTIONS preflight as a browser sends it. */
async function preflight(
  baseUrl: string,
  path: string,
  origin: string,
  method = 'GET',
  headers?: string,
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
    },
  });
}

describe('emulator CORS for browser pages', () => {
  const emulator = new PlaylyfeEmulator({ corsOrigins: [PAGE] });

  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('answers an allowed origin preflight with 204 and the allowed methods and headers', async () => {
    const res = await preflight(
      emulator.url,
      '/v2/runtime/actions/daily_bonus/play',
      PAGE,
      'POST',
      'content-type',
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('refuses a preflight from another origin: 403 access_denied and no CORS header', async () => {
    const res = await preflight(emulator.url, '/v2/runtime/player', OTHER);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('access_denied');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('refuses a method or a header it does not allow, even for an allowed origin', async () => {
    const method = await preflight(emulator.url, '/v2/runtime/player', PAGE, 'TRACE');
    expect(method.status).toBe(403);
    expect(method.headers.get('access-control-allow-origin')).toBeNull();
    const header = await preflight(emulator.url, '/v2/runtime/player', PAGE, 'GET', 'x-secret');
    expect(header.status).toBe(403);
    expect(header.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never opens the token endpoint to browsers', async () => {
    const res = await preflight(emulator.url, '/auth/token', PAGE, 'POST', 'content-type');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const token = await fetch(`${emulator.url}/auth/token`, {
      method: 'POST',
      headers: { origin: PAGE, 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: DEMO_CLIENT.id,
        client_secret: DEMO_CLIENT.secret,
        grant_type: 'client_credentials',
      }),
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an allowed origin read answers, errors included; another origin gets no CORS header', async () => {
    const jwt = await mintJwt({ playerId: 'alice', scopes: ['player.runtime.read'] });
    const ok = await call(emulator.url, 'GET', '/runtime/player', {
      query: { player_id: 'alice', jwt },
      headers: { origin: PAGE },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(ok.headers.get('access-control-expose-headers')).toBe('Retry-After');

    // the page must read the 401 to know its JWT expired
    const expired = await call(emulator.url, 'GET', '/runtime/player', {
      query: { jwt: await mintJwt({ playerId: 'alice', expiresIn: -5 }) },
      headers: { origin: PAGE },
    });
    expectError(expired, 401, 'invalid_access_token');
    expect(expired.headers.get('access-control-allow-origin')).toBe(PAGE);

    const other = await call(emulator.url, 'GET', '/runtime/player', {
      query: { player_id: 'alice', jwt },
      headers: { origin: OTHER },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
  });

  it('logs preflights without counting them as API calls', async () => {
    emulator.resetStats();
    const used = emulator.apiCallsUsed;
    await preflight(emulator.url, '/v2/runtime/player', PAGE);
    await preflight(emulator.url, '/v2/runtime/player', OTHER);
    expect(emulator.stats.apiRequests).toBe(0);
    expect(emulator.apiCallsUsed).toBe(used);
    expect(emulator.requestLog.map((e) => [e.method, e.route, e.status])).toEqual([
      ['OPTIONS', '/runtime/player', 204],
      ['OPTIONS', '/runtime/player', 403],
    ]);
  });

  it('takes a new list of origins, normalized, and refuses what is not an origin', async () => {
    const local = new PlaylyfeEmulator();
    await local.start();
    try {
      expect(local.corsOrigins).toEqual([]);
      expect((await preflight(local.url, '/v2/runtime/player', PAGE)).status).toBe(403);
      local.setCorsOrigins(['HTTP://LocalHost:3000/', 'https://example.com:443']);
      expect(local.corsOrigins).toEqual([PAGE, 'https://example.com']);
      expect((await preflight(local.url, '/v2/runtime/player', PAGE)).status).toBe(204);
      for (const bad of ['localhost:3000', 'http://localhost:3000/page', 'ftp://x.test', '*']) {
        expect(() => local.setCorsOrigins([bad])).toThrow('a CORS origin must look like');
      }
      expect(local.corsOrigins).toEqual([PAGE, 'https://example.com']);
    } finally {
      await local.stop();
    }
  });

  it('answers a request without Origin as before, with no CORS header', async () => {
    const answer = await requestToken(emulator.url, {
      client_id: DEMO_CLIENT.id,
      client_secret: DEMO_CLIENT.secret,
      grant_type: 'client_credentials',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('vary')).toBeNull();
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
