import { expect, it } from '@jest/globals';
import type { PlaylyfeTokenStore } from '../../lib/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { delay } from '../utils/playlyfe-client.js';

const suite = useEmulatorSuite();

/** A token store the test can empty, as a stale lock or an outage leaves instances on their own tokens. */
class ClearableStore implements PlaylyfeTokenStore {
  private readonly values = new Map<string, string>();
  read(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  write(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  deleteIfEquals(key: string, expected: string): Promise<void> {
    if (this.values.get(key) === expected) this.values.delete(key);
    return Promise.resolve();
  }
  clear(): void {
    this.values.clear();
  }
}

it("after a revocation, an instance never adopts another instance's stored token from before it", async () => {
  const store = new ClearableStore();
  const a = await suite.open({ tokenStore: store });
  const b = await suite.open({ tokenStore: store });
  const profile = (c: typeof a): Promise<unknown> =>
    c.playlyfe.get('/runtime/player', { playerId: 'alice' });

  await profile(a); // a's own token, stored
  store.clear();
  await delay(5); // b's token is issued strictly later on the clock
  await profile(b); // b fetches its own token, stored
  expect(await a.tokens.getAccessToken()).not.toBe(await b.tokens.getAccessToken());
  expect(suite.emulator.stats.tokenRequests).toBe(2);

  suite.emulator.revokeAllTokens(); // both tokens, the stored one included
  await delay(5);
  await expect(profile(a)).resolves.toBeDefined();
  expect(suite.emulator.stats.tokenRequests).toBe(3);

  // b rejects its token later than a's new one was issued: it cannot tell that one from a revoked
  // one, so it fetches its own (a token request, never a failed call).
  await expect(profile(b)).resolves.toBeDefined();
  expect(suite.emulator.stats.tokenRequests).toBe(4);
});

/** ClearableStore with a lock whose release the test holds back, as a holder still busy after its token request. */
class SlowReleaseStore extends ClearableStore {
  private held = false;
  writes = 0;
  constructor(private readonly releaseDelayMs: number) {
    super();
  }
  override write(key: string, value: string): Promise<void> {
    this.writes += 1;
    return super.write(key, value);
  }
  lock(): Promise<{ release(): Promise<void> } | undefined> {
    if (this.held) return Promise.resolve(undefined);
    this.held = true;
    return Promise.resolve({
      release: async () => {
        await delay(this.releaseDelayMs);
        this.held = false;
      },
    });
  }
}

it('an instance that cannot adopt the token a lock holder stored takes the lock once it is free, without waiting tokenStoreWaitMs out', async () => {
  const store = new SlowReleaseStore(300);
  const waitMs = 8_000;
  const a = await suite.open({ tokenStore: store, tokenStoreWaitMs: waitMs });
  const b = await suite.open({ tokenStore: store, tokenStoreWaitMs: waitMs });
  const profile = (c: typeof a): Promise<unknown> =>
    c.playlyfe.get('/runtime/player', { playerId: 'alice' });
  await profile(a);
  store.clear();
  await delay(5);
  await profile(b); // each instance on its own token, as after a store outage
  suite.emulator.revokeAllTokens();

  const writesBefore = store.writes;
  const aRecovers = profile(a); // a takes the lock, fetches, stores; its release takes 300 ms
  while (store.writes === writesBefore) await delay(2);
  await delay(5);
  // b's token is rejected after a's replacement was issued: b may not adopt it, and finds the lock held.
  const started = performance.now();
  await expect(profile(b)).resolves.toBeDefined();
  const tookMs = performance.now() - started;
  await aRecovers;
  expect(suite.emulator.stats.tokenRequests).toBe(4);
  expect(tookMs).toBeLessThan(waitMs / 2); // before: b polled for all of tokenStoreWaitMs
});
