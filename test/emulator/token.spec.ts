/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- contract tests read the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT, PlaylyfeEmulator } from '../../lib/testing/index.js';
import { call, expectError, requestToken, tokenFor } from './emulator-helpers.js';

const GOOD = {
  client_id: DEMO_CLIENT.id,
  client_secret: DEMO_CLIENT.secret,
  grant_type: 'client_credentials',
};
const SHORT = { id: 'short-lived', secret: 'short-secret', tokenLifetimeSeconds: 1 };

describe('emulator token endpoint', () => {
  const emulator = new PlaylyfeEmulator({
    clients: [{ ...DEMO_CLIENT, routes: { admin: 'write', runtime: 'write' } }, SHORT],
  });

  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('issues a bearer token for a JSON body', async () => {
    const answer = await requestToken(emulator.url, GOOD);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(Buffer.from(answer.body.access_token, 'base64url').length).toBeGreaterThanOrEqual(32);
  });

  it('issues a token for a form-encoded body', async () => {
    const res = await fetch(`${emulator.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(GOOD).toString(),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(3600);
    const profile = await call(emulator.url, 'GET', '/runtime/player', {
      token: body.access_token,
      query: { player_id: 'alice' },
    });
    expect(profile.status).toBe(200);
  });

  it('issues a different token on every request', async () => {
    const [a, b] = await Promise.all([tokenFor(emulator.url), tokenFor(emulator.url)]);
    expect(a).not.toBe(b);
  });

  it.each([
    ['client_id', { client_secret: GOOD.client_secret, grant_type: GOOD.grant_type }],
    ['client_secret', { client_id: GOOD.client_id, grant_type: GOOD.grant_type }],
    ['grant_type', { client_id: GOOD.client_id, client_secret: GOOD.client_secret }],
  ])('answers invalid_request when %s is missing', async (_field, fields) => {
    expectError(await requestToken(emulator.url, fields), 400, 'invalid_request');
  });

  it('answers invalid_request for a malformed JSON body', async () => {
    const res = await fetch(`${emulator.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_id":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('answers unsupported_grant_type for any other grant', async () => {
    const answer = await requestToken(emulator.url, { ...GOOD, grant_type: 'password' });
    expectError(answer, 400, 'unsupported_grant_type');
  });

  it('answers client_auth_fail for a wrong secret or an unknown client, naming neither', async () => {
    const wrongSecret = await requestToken(emulator.url, { ...GOOD, client_secret: 'nope-123' });
    expectError(wrongSecret, 401, 'client_auth_fail');
    expect(wrongSecret.body.error_description).toBe('Client authentication failed');
    const unknown = await requestToken(emulator.url, { ...GOOD, client_id: 'who' });
    expectError(unknown, 401, 'client_auth_fail');
    expect(JSON.stringify(wrongSecret.body)).not.toContain('nope-123');
  });

  it('answers route_not_found for a GET of the token endpoint', async () => {
    const res = await fetch(`${emulator.url}/auth/token`);
    expect(res.status).toBe(404);
  });

  it('accepts the token as a query parameter and as a bearer header', async () => {
    const token = await tokenFor(emulator.url);
    const query = await call(emulator.url, 'GET', '/runtime/player', {
      token,
      query: { player_id: 'bob' },
    });
    const header = await call(emulator.url, 'GET', '/runtime/player', {
      bearer: token,
      query: { player_id: 'bob' },
    });
    expect([query.status, header.status]).toEqual([200, 200]);
    expect(header.body.id).toBe('bob');
  });

  it('rejects an unknown token, and a call with no token, with invalid_access_token', async () => {
    const unknown = await call(emulator.url, 'GET', '/runtime/player', {
      token: 'not-a-token',
      query: { player_id: 'bob' },
    });
    expectError(unknown, 401, 'invalid_access_token');
    const none = await call(emulator.url, 'GET', '/runtime/player', {
      query: { player_id: 'bob' },
    });
    expectError(none, 401, 'invalid_access_token');
    const basic = await call(emulator.url, 'GET', '/runtime/player', {
      headers: { authorization: 'Basic Zm9vOmJhcg==' },
      query: { player_id: 'bob' },
    });
    expectError(basic, 401, 'invalid_access_token');
  });

  it('expires a token after its lifetime', async () => {
    const answer = await requestToken(emulator.url, {
      client_id: SHORT.id,
      client_secret: SHORT.secret,
      grant_type: 'client_credentials',
    });
    expect(answer.body.expires_in).toBe(1);
    const token = answer.body.access_token as string;
    const options = { token, query: { player_id: 'alice' } };
    expect((await call(emulator.url, 'GET', '/runtime/player', options)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expectError(
      await call(emulator.url, 'GET', '/runtime/player', options),
      401,
      'invalid_access_token',
    );
  });

  it('applies setTokenLifetime to tokens issued afterwards, fractions kept', async () => {
    const before = await tokenFor(emulator.url);
    emulator.setTokenLifetime(DEMO_CLIENT.id, 0.3);
    try {
      const answer = await requestToken(emulator.url, GOOD);
      expect(answer.body.expires_in).toBe(0.3);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const options = { query: { player_id: 'alice' } };
      const expired = await call(emulator.url, 'GET', '/runtime/player', {
        ...options,
        token: answer.body.access_token,
      });
      expectError(expired, 401, 'invalid_access_token');
      const old = await call(emulator.url, 'GET', '/runtime/player', { ...options, token: before });
      expect(old.status).toBe(200);
    } finally {
      emulator.setTokenLifetime(DEMO_CLIENT.id, 3600);
    }
    expect(() => emulator.setTokenLifetime('nobody', 10)).toThrow(/unknown client/);
    expect(() => emulator.setTokenLifetime(DEMO_CLIENT.id, 0)).toThrow(RangeError);
  });

  it('revokeAllTokens invalidates every token issued so far, not later ones', async () => {
    const old = await tokenFor(emulator.url);
    emulator.revokeAllTokens();
    const options = { query: { player_id: 'alice' } };
    expectError(
      await call(emulator.url, 'GET', '/runtime/player', { ...options, token: old }),
      401,
      'invalid_access_token',
    );
    const fresh = await tokenFor(emulator.url);
    expect(
      (await call(emulator.url, 'GET', '/runtime/player', { ...options, token: fresh })).status,
    ).toBe(200);
  });
});
