import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import {
  HostilePeer,
  answerJson,
  failureOf,
  openHostileClient,
  type HostileClient,
} from './hostile-peer.js';

// The rule: a POST or PATCH is re-sent once only after a genuine token rejection (a 401, or a 4xx
// with `invalid_access_token`). A 5xx is never a token rejection, whatever its body; after a 5xx,
// a timeout or a reset a POST or PATCH is never re-sent (a play sent twice awards points twice).

type First = (res: ServerResponse) => void;
const REJECTED = {
  error: 'invalid_access_token',
  error_description: 'The access token is invalid',
};
const status =
  (code: number, body: unknown = { error: 'internal_error' }): First =>
  (res) =>
    answerJson(res, code, body);
const hang: First = () => undefined;
const reset: First = (res) => res.socket?.destroy();

let peer: HostilePeer;
let client: HostileClient;
beforeAll(async () => {
  peer = await HostilePeer.start();
  client = await openHostileClient(peer, { timeoutMs: 500, retry: { baseDelayMs: 1 } });
  await client.tokens.getAccessToken();
});
afterAll(async () => {
  await client.close();
  await peer.stop();
});
beforeEach(() => {
  peer.requests.length = 0;
});

describe('re-send table: sends per call for each first answer', () => {
  it.each([
    ['POST', '401', 2, 2, status(401, REJECTED)],
    ['POST', '401 without a body', 2, 2, status(401, '')],
    ['POST', '400 invalid_access_token', 2, 2, status(400, REJECTED)],
    ['POST', '403 invalid_access_token', 2, 2, status(403, REJECTED)],
    ['PATCH', '401', 2, 2, status(401, REJECTED)],
    ['POST', '502 invalid_access_token', 1, 1, status(502, REJECTED)],
    ['POST', '500 invalid_access_token', 1, 1, status(500, REJECTED)],
    ['PATCH', '503 invalid_access_token', 1, 1, status(503, REJECTED)],
    ['POST', '502', 1, 1, status(502)],
    ['POST', 'timeout', 1, 1, hang],
    ['POST', 'connection reset', 1, 1, reset],
    ['PATCH', 'connection reset', 1, 1, reset],
    ['GET', '502 invalid_access_token (a 5xx retry, the token kept)', 2, 1, status(502, REJECTED)],
    ['GET', '401', 2, 2, status(401, REJECTED)],
  ] as const)(
    '%s answered %s first: %i send(s), %i token request(s) in all',
    async (method, _, sends, tokenRequests, first) => {
      let count = 0;
      peer.onApi = (_request, res) => (++count === 1 ? first(res) : answerJson(res, 200, {}));
      const tokensBefore = peer.tokenRequests.length;
      await client.tokens.getAccessToken();
      const call = client.playlyfe.request(
        method,
        '/runtime/actions/a/play',
        method === 'GET' ? undefined : {},
      );
      if (sends === 2) await call;
      else await failureOf(call);
      expect(peer.apiRequests).toHaveLength(sends);
      // The first token was fetched before the test; a rejection costs one more.
      expect(peer.tokenRequests.length - tokensBefore + 1).toBe(tokenRequests);
    },
  );
});
