import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeError } from '../../lib/index.js';
import {
  HOSTILE_TOKEN,
  HostilePeer,
  failureOf,
  openHostileClient,
  type HostileClient,
} from './hostile-peer.js';

let peer: HostilePeer;
let client: HostileClient;
beforeAll(async () => {
  peer = await HostilePeer.start();
  client = await openHostileClient(peer);
});
afterAll(async () => {
  await client.close();
  await peer.stop();
});
afterEach(() => {
  peer.requests.length = 0;
});

describe('routes never leave the /v2 prefix, encoded dot segments included', () => {
  it.each([
    '/%2e%2e/%2e%2e/steal',
    '/%2E%2E/steal',
    '/runtime/%2e./steal',
    '/runtime/.%2E/steal',
    '/runtime/%2e',
    '/%2e/runtime/player',
    '/runtime/..',
    '/runtime/./player',
  ])('%s is refused before anything is sent', async (route) => {
    const error = (await failureOf(client.playlyfe.get(route))) as PlaylyfeError;
    expect(error).toBeInstanceOf(PlaylyfeError);
    expect(error.code).toBe('invalid_argument');
    expect(peer.apiRequests).toEqual([]);
  });

  it.each([
    ['an encoded slash stays encoded', '/admin/players/a%2Fb', '/v2/admin/players/a%2Fb'],
    ['dots inside a segment are data', '/admin/players/a..b', '/v2/admin/players/a..b'],
    [
      'an encoded percent is not decoded',
      '/admin/players/%252e%252e',
      '/v2/admin/players/%252e%252e',
    ],
  ])('%s: %s reaches %s', async (_, route, path) => {
    await client.playlyfe.get(route);
    expect(peer.apiRequests.map((request) => request.path)).toEqual([path]);
  });

  it('the typed API encodes an id of ".." and "%2e%2e" so it stays one segment', async () => {
    await failureOf(client.playlyfe.players.get('..')); // ".." itself: refused
    await client.playlyfe.players.get('%2e%2e');
    const paths = peer.apiRequests.map((request) => request.path);
    expect(paths).toEqual(['/v2/admin/players/%252e%252e']);
    for (const path of paths) expect(path.startsWith('/v2/')).toBe(true);
  });
});

describe('bad input from the app is a PlaylyfeError', () => {
  const throwing = (what: string) => ({
    get page(): string {
      throw new Error(`getter blew up ${HOSTILE_TOKEN}`);
    },
    what,
  });

  it.each([
    ['a query getter that throws', () => throwing('getter')],
    [
      'a query value whose toString() throws',
      () => ({
        page: {
          toString: () =>
            (() => {
              throw new Error('no');
            })(),
        },
      }),
    ],
    [
      'a query proxy whose keys throw',
      () =>
        new Proxy(
          {},
          {
            ownKeys() {
              throw new Error('no keys');
            },
          },
        ),
    ],
  ])('%s: invalid_argument, nothing sent', async (_, query) => {
    const error = (await failureOf(
      client.playlyfe.get('/admin/players', { query: query() }),
    )) as PlaylyfeError;
    expect(error).toBeInstanceOf(PlaylyfeError);
    expect(error).toMatchObject({
      code: 'invalid_argument',
      method: 'GET',
      route: '/admin/players',
    });
    expect(error.message).not.toContain(HOSTILE_TOKEN);
    expect(peer.apiRequests).toEqual([]);
  });
});
