import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HostilePeer, answerJson, openHostileClient, type HostileClient } from './hostile-peer.js';

// Heap after a forced GC around many calls that share one long-lived AbortSignal. Before the fix a
// combined AbortSignal.any() kept ~2.8 KB per call alive (+59 MB over 20k calls) and ~2.7 KB per
// activity$ poll. The bounds are generous (a few hundred bytes per call) so that noise never fails
// them, and still far below the leak.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function heapAfterGc(): Promise<number> {
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

let peer: HostilePeer;
let client: HostileClient;
beforeAll(async () => {
  peer = await HostilePeer.start();
  // No request log kept: 25k recorded requests would be growth of the test's own.
  peer.onApi = (_, res) => answerJson(res, 200, []);
  client = await openHostileClient(peer);
});
afterAll(async () => {
  await client.close();
  await peer.stop();
});

const MB = 2 ** 20;

describe('a long-lived caller signal keeps nothing of finished calls', () => {
  it('20k GETs sharing one signal: heap after GC grows less than 8 MB, no listener left', async () => {
    const caller = new AbortController();
    const calls = async (n: number): Promise<void> => {
      let started = 0;
      const worker = async (): Promise<void> => {
        while (started++ < n)
          await client.playlyfe.get('/runtime/player', { signal: caller.signal });
      };
      await Promise.all(Array.from({ length: 64 }, worker));
      peer.requests.length = 0;
    };
    await calls(1_000);
    const before = await heapAfterGc();
    await calls(20_000);
    const after = await heapAfterGc();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect((after - before) / MB).toBeLessThan(8);
  }, 180_000);

  it('activity$ over 5k polls (one signal for all): heap after GC grows less than 4 MB', async () => {
    const answer = peer.onApi;
    let seen = 0;
    const waiters: { at: number; resolve: () => void }[] = [];
    peer.onApi = (request, res) => {
      answer(request, res);
      peer.requests.length = 0;
      seen++;
      for (const waiter of waiters.filter(({ at }) => at <= seen)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    };
    let failed: unknown;
    const polled = (at: number) =>
      new Promise<void>((resolve) => waiters.push({ at, resolve })).then(() => {
        if (failed) throw failed as Error;
      });
    // Measured while subscribed: unsubscribing aborts the signal, which would free a leak.
    const subscription = client.playlyfe
      .activity$({ every: 1, overlapMs: 0 })
      .subscribe({ error: (error: unknown) => (failed = error) });
    try {
      await polled(500);
      const before = await heapAfterGc();
      await polled(5_500);
      const after = await heapAfterGc();
      expect((after - before) / MB).toBeLessThan(4);
    } finally {
      subscription.unsubscribe();
      peer.onApi = answer;
    }
  }, 180_000);
});
