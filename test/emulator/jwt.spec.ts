/* eslint-disable @typescript-eslint/no-unsafe-member-access -- contract tests read the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT, PlaylyfeEmulator } from '../../lib/testing/index.js';
import { call, expectError } from './emulator-helpers.js';
import { mintJwt as mint, READ_SCOPE as READ, WRITE_SCOPE as WRITE } from './jwt-mint.js';

describe('emulator front-end JWTs', () => {
  const emulator = new PlaylyfeEmulator();

  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  const get = async (jwt: string, route = '/runtime/player', query: Record<string, string> = {}) =>
    call(emulator.url, 'GET', route, { query: { player_id: 'alice', ...query, jwt } });

  it('accepts a valid JWT for its own player', async () => {
    const answer = await get(await mint());
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe('alice');
    expect(emulator.requestLog.at(-1)).toMatchObject({ auth: 'jwt', clientId: DEMO_CLIENT.id });
  });

  it("defaults player_id to the JWT's player", async () => {
    const answer = await call(emulator.url, 'GET', '/runtime/player', {
      query: { jwt: await mint({ playerId: 'bob' }) },
    });
    expect(answer.body.id).toBe('bob');
  });

  it('lets a write-scoped JWT play an action', async () => {
    const answer = await call(emulator.url, 'POST', '/runtime/actions/daily_bonus/play', {
      query: { player_id: 'carol', jwt: await mint({ playerId: 'carol', scopes: [WRITE] }) },
      body: {},
    });
    expect(answer.status).toBe(200);
    expect(emulator.player('carol')?.plays).toEqual({ daily_bonus: 1 });
  });

  it('rejects a bad signature with invalid_access_token', async () => {
    expectError(await get(await mint({ secret: 'not-the-secret' })), 401, 'invalid_access_token');
    const valid = await mint();
    const tampered = valid.slice(0, -3) + (valid.endsWith('AAA') ? 'BBB' : 'AAA');
    expectError(await get(tampered), 401, 'invalid_access_token');
  });

  it('rejects an expired JWT, one without exp, and another algorithm', async () => {
    expectError(await get(await mint({ expiresIn: -10 })), 401, 'invalid_access_token');
    expectError(await get(await mint({ omitExp: true })), 401, 'invalid_access_token');
    expectError(await get(await mint({ alg: 'HS384' })), 401, 'invalid_access_token');
  });

  it('rejects an unknown client and malformed values', async () => {
    expectError(await get(await mint({ clientId: 'other' })), 401, 'invalid_access_token');
    expectError(await get('no-colon-here'), 401, 'invalid_access_token');
    expectError(await get(`${DEMO_CLIENT.id}:a.b`), 401, 'invalid_access_token');
  });

  it('denies acting on another player', async () => {
    const answer = await get(await mint({ playerId: 'alice' }), '/runtime/player', {
      player_id: 'bob',
    });
    expectError(answer, 403, 'access_denied');
  });

  it('checks the read and write scopes', async () => {
    expectError(await get(await mint({ scopes: [] })), 403, 'access_denied');
    expectError(await get(await mint({ scopes: [WRITE] })), 403, 'access_denied');
    const readOnly = await call(emulator.url, 'POST', '/runtime/actions/daily_bonus/play', {
      query: { jwt: await mint({ playerId: 'dave', scopes: [READ] }) },
      body: {},
    });
    expectError(readOnly, 403, 'access_denied');
    expect(emulator.player('dave')?.plays).toEqual({});
  });

  it('allows runtime routes only', async () => {
    const answer = await call(emulator.url, 'GET', '/admin/players', {
      query: { jwt: await mint() },
    });
    expectError(answer, 403, 'access_denied');
  });

  it('never logs the JWT', async () => {
    const jwt = await mint();
    await get(jwt);
    const log = JSON.stringify(emulator.requestLog);
    expect(log).not.toContain(jwt.split(':')[1]);
    expect(emulator.requestLog.at(-1)?.query['jwt']).toBe('[redacted]');
  });
});
