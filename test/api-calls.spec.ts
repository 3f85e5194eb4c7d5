import { describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlaylyfeApiError, PlaylyfeError } from '../lib/index.js';
import { useEmulatorSuite } from './utils/emulator-suite.js';

const suite = useEmulatorSuite();
const open = suite.open.bind(suite);
const lastApiEntry = () => suite.emulator.requestLog.filter((entry) => entry.kind === 'api').at(-1);

describe('API errors', () => {
  it('carry status, code, message and data from the Playlyfe error body', async () => {
    const c = await open();
    const error = await c.playlyfe
      .post('/admin/players', { alias: 'no id' })
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlaylyfeApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_exception',
      method: 'POST',
      route: '/admin/players',
    });
    expect((error as PlaylyfeApiError).data).toBeDefined();

    const missing = await c.playlyfe
      .get('/runtime/player', { playerId: 'nobody-here' })
      .catch((failure: unknown) => failure);
    expect(missing).toMatchObject({ status: 404, code: 'player_not_found' });
    expect((missing as Error).message).toBe('Invalid player_id. No player exists with that id.');
  });

  it('an unknown route is route_not_found', async () => {
    const c = await open();
    await expect(c.playlyfe.get('/no/such/route')).rejects.toMatchObject({
      status: 404,
      code: 'route_not_found',
    });
  });

  it('a non-JSON error body (an HTML 502 page) still gives a clear error', async () => {
    const c = await open({ retry: { attempts: 1 } });
    suite.emulator.failRoute('POST', '/admin/players', 1, {
      status: 502,
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const error = await c.playlyfe
      .post('/admin/players', { id: 'html-502' })
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlaylyfeApiError);
    expect(error).toMatchObject({ status: 502, code: 'http_error', route: '/admin/players' });
    expect((error as Error).message).toContain('502 Bad Gateway');
  });

  it('a 2xx body that is not JSON is an invalid_response error', async () => {
    const c = await open();
    suite.emulator.failRoute('GET', '/admin/players', 1, {
      status: 200,
      body: 'not json',
      headers: { 'content-type': 'text/plain' },
    });
    await expect(c.playlyfe.get('/admin/players')).rejects.toMatchObject({
      code: 'invalid_response',
      status: 200,
    });
  });

  it('bad input is refused before any request is sent', async () => {
    const c = await open();
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const attempts: Promise<unknown>[] = [
      c.playlyfe.get('runtime/player'),
      c.playlyfe.get('/runtime/../admin/players'),
      c.playlyfe.get('/runtime/player?player_id=x'),
      c.playlyfe.get('/runtime/player', { playerId: '' }),
      c.playlyfe.post('/admin/players', circular),
      c.playlyfe.post('/admin/players', { n: 1n }),
      c.playlyfe.get('/admin/players', { query: { access_token: 'mine' } }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    expect(suite.emulator.stats.apiRequests).toBe(0);
    expect(suite.emulator.stats.tokenRequests).toBe(0);
  });
});

describe('token placement', () => {
  it.each([
    ['query', 'query'],
    ['header', 'header'],
  ] as const)('tokenPlacement %s sends the token as %s', async (placement, seen) => {
    const c = await open({ tokenPlacement: placement });
    await c.playlyfe.get('/admin/players');
    expect(lastApiEntry()?.auth).toBe(seen);
    expect(lastApiEntry()?.status).toBe(200);
  });

  it('a redirect is not followed, so the token never reaches another origin', async () => {
    let reached = 0;
    const other: Server = createServer((_req, res) => {
      reached++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = other.address() as AddressInfo;
      for (const placement of ['query', 'header'] as const) {
        const c = await open({ tokenPlacement: placement });
        suite.emulator.failRoute('GET', '/admin/players', 1, {
          status: 302,
          headers: { location: `http://127.0.0.1:${port}/steal` },
        });
        const error = await c.playlyfe.get('/admin/players').catch((failure: unknown) => failure);
        expect(error).toBeInstanceOf(PlaylyfeApiError);
        expect(error).toMatchObject({ status: 302 });
        await c.close();
      }
      expect(reached).toBe(0);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe('reserved characters', () => {
  const awkward = [
    'a&b=c',
    'slash/and?question#hash',
    '100% sure',
    'tab\tand space',
    'ünïcødé-玩家-🎮',
    'quote\'"+plus',
  ];

  it.each(awkward)('playerId %j reaches the server exactly as given', async (id) => {
    const c = await open();
    await c.playlyfe.post('/admin/players', { id, alias: 'Awkward' });
    const profile = await c.playlyfe.get<{ id: string }>('/runtime/player', { playerId: id });
    expect(profile.id).toBe(id);
    expect(lastApiEntry()?.query['player_id']).toBe(id);
  });

  it('query values and keys reach the server exactly as given', async () => {
    const c = await open();
    const query = { 'k&=?#': awkward.join('|'), limit: 3, list: ['x&y', 'z=w'] };
    await c.playlyfe.get('/admin/players', { query });
    const entry = lastApiEntry();
    expect(entry?.query['k&=?#']).toBe(awkward.join('|'));
    expect(entry?.query['limit']).toBe('3');
  });

  it.each(['query', 'header'] as const)(
    'the caller options, query and arrays are left as they were (not frozen, token in the %s)',
    async (tokenPlacement) => {
      const c = await open({ tokenPlacement });
      const list = ['x&y', 'z=w'];
      const query = { cycle: 'alltime', list };
      const options = { query, playerId: 'alice' };
      const before = structuredClone(options);
      await c.playlyfe.get('/runtime/leaderboards/xp_leaderboard', options);
      // A 401 makes the call go again with a new token: the retry must not touch them either.
      suite.emulator.revokeAllTokens();
      await c.playlyfe.get('/runtime/leaderboards/xp_leaderboard', options);
      expect(options).toEqual(before);
      expect(Object.keys(options)).toEqual(['query', 'playerId']);
      expect(Object.keys(query)).toEqual(['cycle', 'list']);
      expect(options.query).toBe(query);
      expect(query.list).toBe(list);
      expect(list).toEqual(['x&y', 'z=w']);
    },
  );

  it('PlaylyfeError is the base of every error kind', async () => {
    const c = await open();
    await expect(c.playlyfe.get('/runtime/player')).rejects.toBeInstanceOf(PlaylyfeError);
  });
});
