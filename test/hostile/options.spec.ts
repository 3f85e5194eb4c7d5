import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeError, type PlaylyfeModuleOptions } from '../../lib/index.js';
import { HOSTILE_SECRET, HostilePeer, failureOf, openHostileClient } from './hostile-peer.js';

let peer: HostilePeer;
beforeAll(async () => {
  peer = await HostilePeer.start();
});
afterAll(async () => {
  await peer.stop();
});

// Node runs a timer set above 2^31-1 ms after 1 ms: `timeoutMs: 3e9` would fail every call at once.
const TOO_LONG = [2 ** 31, 3e9];
const MS_OPTIONS: [string, (ms: number) => Partial<PlaylyfeModuleOptions>][] = [
  ['timeoutMs', (ms) => ({ timeoutMs: ms })],
  ['tokenTimeoutMs', (ms) => ({ tokenTimeoutMs: ms })],
  ['tokenStoreWaitMs', (ms) => ({ tokenStoreWaitMs: ms })],
  ['tokenStoreTimeoutMs', (ms) => ({ tokenStoreTimeoutMs: ms })],
  ['retry.baseDelayMs', (ms) => ({ retry: { baseDelayMs: ms } })],
  ['retry.maxDelayMs', (ms) => ({ retry: { maxDelayMs: ms } })],
  ['retry.maxElapsedMs', (ms) => ({ retry: { maxElapsedMs: ms } })],
  ['tokenRetry.baseDelayMs', (ms) => ({ tokenRetry: { baseDelayMs: ms } })],
  ['tokenRetry.maxDelayMs', (ms) => ({ tokenRetry: { maxDelayMs: ms } })],
  ['tokenRetry.maxElapsedMs', (ms) => ({ tokenRetry: { maxElapsedMs: ms } })],
];

describe('ms options above 2^31-1 fail bootstrap with an options error', () => {
  it.each(MS_OPTIONS.flatMap(([name, make]) => TOO_LONG.map((ms) => [name, ms, make] as const)))(
    '%s: %d',
    async (name, ms, make) => {
      const error = (await failureOf(openHostileClient(peer, make(ms)))) as PlaylyfeError;
      expect(error).toBeInstanceOf(PlaylyfeError);
      expect(error.code).toBe('invalid_options');
      expect(error.message).toContain(`\`${name}\``);
      expect(error.message).toContain('2147483647');
      expect(error.message).not.toContain(HOSTILE_SECRET);
    },
  );

  it('timeoutMs at 2^31-1 is accepted and a call answered in time succeeds', async () => {
    const client = await openHostileClient(peer, { timeoutMs: 2 ** 31 - 1 });
    try {
      await expect(client.playlyfe.get('/runtime/player', { playerId: 'a' })).resolves.toEqual({
        ok: true,
      });
    } finally {
      await client.close();
    }
  });
});
