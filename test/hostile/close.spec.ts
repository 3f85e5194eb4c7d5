import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PlaylyfeError } from '../../lib/index.js';
import {
  HOSTILE_TOKEN,
  HostilePeer,
  answerJson,
  failureOf,
  openHostileClient,
  type PeerHandler,
} from './hostile-peer.js';

let peer: HostilePeer;
beforeAll(async () => {
  peer = await HostilePeer.start();
});
afterAll(async () => {
  await peer.stop();
});
beforeEach(() => {
  peer.requests.length = 0;
});

const hang: PeerHandler = () => undefined;
const headersThenHang: PeerHandler = (_, res) => {
  res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
  res.write('[');
};
const tokenWithConnectionClose: PeerHandler = (_, res) =>
  answerJson(res, 200, { access_token: HOSTILE_TOKEN, expires_in: 3600 }, { connection: 'close' });

async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500 && !check(); turn++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('close() ends every call in flight, whatever the server does with its connections', () => {
  it.each([
    ['no answer', hang],
    ['headers with Connection: close, then no body', headersThenHang],
  ])('%s: 20 calls in flight reject with `aborted`, their sockets close', async (_, onApi) => {
    peer.onToken = tokenWithConnectionClose;
    peer.onApi = onApi;
    // A timeout long past the test's own: only close() can end these calls in time.
    const client = await openHostileClient(peer, { timeoutMs: 600_000 });
    const calls = Array.from({ length: 20 }, (_, n) =>
      failureOf(client.playlyfe.get('/runtime/player', { query: { call: n } })),
    );
    await until(() => peer.apiRequests.length === 20);
    expect(peer.apiRequests).toHaveLength(20);
    await client.close();
    const errors = (await Promise.all(calls)) as PlaylyfeError[];
    expect(errors.map((error) => error.code)).toEqual(Array(20).fill('aborted'));
    for (const error of errors) expect(error).toBeInstanceOf(PlaylyfeError);
    await until(() => peer.openSockets === 0);
    expect(peer.openSockets).toBe(0);
  });

  it('a call after close() rejects at once with `closed` and sends nothing', async () => {
    peer.onToken = tokenWithConnectionClose;
    peer.onApi = (_, res) => answerJson(res, 200, {});
    const client = await openHostileClient(peer);
    await client.playlyfe.get('/runtime/player');
    await client.close();
    peer.requests.length = 0;
    const errors = (await Promise.all([
      failureOf(client.playlyfe.get('/runtime/player')),
      failureOf(client.playlyfe.post('/runtime/actions/a/play', {})),
    ])) as PlaylyfeError[];
    expect(errors.map((error) => [error.code, error.method])).toEqual([
      ['closed', 'GET'],
      ['closed', 'POST'],
    ]);
    expect(peer.requests).toEqual([]);
  });
});
