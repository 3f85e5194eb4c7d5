import { beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeAuthError } from '../lib/index.js';
import { DEMO_CLIENT } from '../lib/testing/index.js';
import { useEmulatorSuite } from './utils/emulator-suite.js';
import { delay, type PlaylyfeTestClient } from './utils/playlyfe-client.js';
import { TestClock } from './utils/test-clock.js';

// Tokens live an hour on the emulator; the client's clock is moved instead of waiting.
const LIFETIME_MS = 3_600_000;
const MARGIN_MS = 60_000;
const ROUTE = '/runtime/definitions/metrics';
const playerId = 'token-clock-player';
const suite = useEmulatorSuite();

beforeAll(async () => {
  const setup = await suite.open();
  await setup.playlyfe.post('/admin/players', { id: playerId, alias: 'Clock' });
});

const call = (c: PlaylyfeTestClient): Promise<unknown> => c.playlyfe.get(ROUTE, { playerId });
const tokenAnswers = (): number =>
  suite.emulator.requestLog.filter((entry) => entry.kind === 'token').length;
/** Token seq the emulator saw on the latest API call. */
const lastApiTokenSeq = (): number | undefined =>
  suite.emulator.requestLog.filter((entry) => entry.kind === 'api').at(-1)?.tokenSeq;

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await delay(10);
  expect(condition()).toBe(true);
}

describe('token lifecycle on a moved clock', () => {
  it('inside the refresh margin, calls keep the current token while one background refresh replaces it; three lifetimes, no 401', async () => {
    const clock = new TestClock();
    const c = await suite.open({}, clock);
    await call(c);
    const warmSeq = lastApiTokenSeq();
    // A slow token endpoint: a call that waited for the refresh would carry the new token.
    suite.emulator.setTokenLatency(200);

    for (let lifetime = 1; lifetime <= 3; lifetime++) {
      clock.advance(LIFETIME_MS - MARGIN_MS / 2);
      const before = lastApiTokenSeq();
      await Promise.all(Array.from({ length: 20 }, () => call(c)));
      expect(lastApiTokenSeq()).toBe(before);
      await until(() => tokenAnswers() === lifetime + 1);
      // The answer is logged as it is sent; the client adopts it a moment later.
      for (let i = 0; i < 100 && lastApiTokenSeq() === before; i++) {
        await delay(5);
        await call(c);
      }
      expect(lastApiTokenSeq()).toBeGreaterThan(before ?? 0);
    }

    expect(warmSeq).toBeDefined();
    expect(suite.emulator.stats.tokenRequests).toBe(4);
    expect(suite.emulator.stats.unauthorized).toBe(0);
  });

  it('outside the margin no token request is made', async () => {
    const clock = new TestClock();
    const c = await suite.open({}, clock);
    await call(c);
    clock.advance(LIFETIME_MS - MARGIN_MS - 1);
    await call(c);
    await delay(20);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
  });

  it('an expired token is never sent: the call waits for the new one', async () => {
    const clock = new TestClock();
    const c = await suite.open({}, clock);
    await call(c);
    const first = lastApiTokenSeq() ?? 0;
    clock.advance(LIFETIME_MS);

    await call(c);

    expect(lastApiTokenSeq()).toBeGreaterThan(first);
    expect(suite.emulator.stats.tokenRequests).toBe(2);
    expect(suite.emulator.stats.unauthorized).toBe(0);
  });

  it('the margin is at most half the lifetime', async () => {
    suite.emulator.setTokenLifetime(DEMO_CLIENT.id, 100);
    const clock = new TestClock();
    const c = await suite.open({ refreshMarginSeconds: 60 }, clock);
    await call(c);
    clock.advance(49_000);
    await call(c);
    await delay(20);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    clock.advance(2_000);
    await call(c);
    await until(() => tokenAnswers() === 2);
  });

  it('a failed background refresh is not tried again for 1 s, and calls keep succeeding meanwhile', async () => {
    const clock = new TestClock();
    const c = await suite.open({ tokenRetry: { attempts: 1 } }, clock);
    await call(c);
    suite.emulator.failTokenRequests(1000);
    clock.advance(LIFETIME_MS - MARGIN_MS / 2);
    const warnings = (): number =>
      c.logger.lines.filter((line) => line.includes('Background token refresh')).length;

    await call(c);
    await until(() => warnings() === 1);
    for (let i = 0; i < 10; i++) {
      clock.advance(90);
      await call(c);
    }
    await delay(50);
    expect(suite.emulator.stats.tokenRequests).toBe(2);

    clock.advance(100);
    await call(c);
    await until(() => warnings() === 2);
    expect(suite.emulator.stats.tokenRequests).toBe(3);
    suite.emulator.clearFaults();
  });

  it('when the token expires while the endpoint still fails, the call fails with PlaylyfeAuthError', async () => {
    const clock = new TestClock();
    const c = await suite.open({ tokenRetry: { attempts: 1 } }, clock);
    await call(c);
    suite.emulator.failTokenRequests(1000);
    clock.advance(LIFETIME_MS);
    await expect(call(c)).rejects.toBeInstanceOf(PlaylyfeAuthError);
    suite.emulator.clearFaults();
  });
});
