import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator, RUNTIME_CLIENT } from '../../lib/testing/index.js';
import { call, DemoCaller, expectError, tokenFor, useStartedEmulator } from './emulator-helpers.js';

const PLAY = '/runtime/actions/:id/play';
const quest = { body: { variables: { points: 5 } } };

describe('emulator random faults', () => {
  const emulator = new PlaylyfeEmulator();
  const demo = new DemoCaller(emulator);
  const plays = (id = 'bob') => emulator.player(id)?.plays['complete_quest'] ?? 0;
  const playQuest = () =>
    demo.asPlayer('bob', 'POST', '/runtime/actions/complete_quest/play', quest);

  beforeAll(async () => {
    await emulator.start();
  });
  afterEach(() => {
    emulator.clearFaults();
    emulator.resetGame();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('drop-after-apply applies the play, then destroys the connection', async () => {
    emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-after-apply', rate: 1 }]);
    await expect(playQuest()).rejects.toThrow();
    expect(plays()).toBe(1);
    expect(emulator.randomFaultsInjected['drop-after-apply']).toBe(1);
  });

  it('error-after-apply applies the play, then answers 503', async () => {
    emulator.setRandomFaults('POST', PLAY, [{ mode: 'error-after-apply', rate: 1 }]);
    expectError(await playQuest(), 503, 'service_unavailable');
    expect(plays()).toBe(1);
  });

  it('drop-before-apply destroys the connection without applying', async () => {
    emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-before-apply', rate: 1 }]);
    await expect(playQuest()).rejects.toThrow();
    expect(plays()).toBe(0);
  });

  it('stall-after-apply applies the play and holds the answer past the caller’s timeout', async () => {
    emulator.setRandomFaults('POST', PLAY, [
      { mode: 'stall-after-apply', rate: 1, stallMs: 60_000 },
    ]);
    const token = await tokenFor(emulator.url);
    const signal = AbortSignal.timeout(200);
    const answered = fetch(
      `${emulator.url}/v2/runtime/actions/complete_quest/play?player_id=bob&access_token=${token}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variables: { points: 5 } }),
        signal,
      },
    );
    await expect(answered).rejects.toThrow();
    expect(plays()).toBe(1);
  });

  it('faults only the calls of the route pattern, and lets failing calls answer as usual', async () => {
    emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-before-apply', rate: 1 }]);
    expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).status).toBe(200);
    emulator.setRandomFaults('POST', PLAY, [{ mode: 'error-after-apply', rate: 1 }]);
    const invalid = await demo.asPlayer('bob', 'POST', '/runtime/actions/complete_quest/play', {
      body: { variables: { points: 'many' } },
    });
    expectError(invalid, 400, 'validation_exception');
    expect(emulator.randomFaultsInjected['error-after-apply']).toBe(1);
  });

  it('draws each mode at its rate, repeatably with a seed', async () => {
    const run = async () => {
      emulator.clearFaults();
      emulator.setRandomFaults(
        'GET',
        '/runtime/player',
        [
          { mode: 'drop-before-apply', rate: 0.2 },
          { mode: 'error-after-apply', rate: 0.1 },
        ],
        { seed: 7 },
      );
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        statuses.push(
          await demo.asPlayer('bob', 'GET', '/runtime/player').then(
            (a) => a.status,
            () => 0,
          ),
        );
      }
      return { statuses, injected: emulator.randomFaultsInjected };
    };
    const first = await run();
    const second = await run();
    expect(second.statuses).toEqual(first.statuses);
    const dropped = first.statuses.filter((s) => s === 0).length;
    const errors = first.statuses.filter((s) => s === 503).length;
    expect(first.injected['drop-before-apply']).toBe(dropped);
    expect(first.injected['error-after-apply']).toBe(errors);
    // 300 draws at 20% and 10%: 60 and 30 expected; these bounds are ~5 standard deviations wide
    expect(dropped).toBeGreaterThan(25);
    expect(dropped).toBeLessThan(95);
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(60);
  });

  it('replaces a route’s list, and an empty list removes it', async () => {
    emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-before-apply', rate: 1 }]);
    emulator.setRandomFaults('POST', PLAY, []);
    expect((await playQuest()).status).toBe(200);
  });

  it('rejects bad arguments', () => {
    const set = (faults: unknown[]) =>
      emulator.setRandomFaults(
        'POST',
        PLAY,
        faults as Parameters<typeof emulator.setRandomFaults>[2],
      );
    expect(() => set([{ mode: 'explode', rate: 0.1 }])).toThrow(TypeError);
    expect(() => set([{ mode: 'drop-after-apply', rate: 1.5 }])).toThrow(RangeError);
    expect(() =>
      set([
        { mode: 'drop-after-apply', rate: 0.6 },
        { mode: 'drop-before-apply', rate: 0.6 },
      ]),
    ).toThrow(RangeError);
    expect(() => set([{ mode: 'stall-after-apply', rate: 0.1, stallMs: -1 }])).toThrow(RangeError);
  });
});

describe('emulator runtime-only client', () => {
  const emulator = new PlaylyfeEmulator();

  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('plays actions but may not read activity feeds', async () => {
    const token = await tokenFor(emulator.url, RUNTIME_CLIENT);
    const played = await call(emulator.url, 'POST', '/runtime/actions/complete_quest/play', {
      token,
      query: { player_id: 'bob' },
      body: { variables: { points: 5 } },
    });
    expect(played.status).toBe(200);
    const feed = await call(emulator.url, 'GET', '/admin/players/bob/activity', { token });
    expectError(feed, 403, 'access_denied');
  });
});

describe('emulator plan quota with a window', () => {
  const { emulator, demo } = useStartedEmulator();

  it('answers plan_limit_exceeded with Retry-After until the window resets', async () => {
    await tokenFor(emulator.url);
    emulator.setApiCallLimit(2, { windowMs: 60_000 });
    expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).status).toBe(200);
    expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).status).toBe(200);
    const spent = await demo.asPlayer('bob', 'GET', '/runtime/player');
    expectError(spent, 429, 'plan_limit_exceeded');
    const retryAfter = Number(spent.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((spent.body as { data: { reset_in_ms: number } }).data.reset_in_ms).toBeGreaterThan(
      58_000,
    );
    emulator.advanceClock(60_000);
    expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).status).toBe(200);
    expect(() => emulator.setApiCallLimit(1, { windowMs: 0 })).toThrow(RangeError);
    emulator.setApiCallLimit(undefined);
  });

  it('keeps the most recent events up to activityLimit', async () => {
    const small = new PlaylyfeEmulator({ activityLimit: 2 });
    await small.start();
    try {
      const caller = new DemoCaller(small);
      for (let i = 0; i < 3; i++) {
        await caller.asPlayer('dave', 'POST', '/runtime/actions/buy_item/play', {
          body: { variables: {} },
        });
      }
      const feed = await caller.call('GET', '/admin/activity');
      expect(feed.body).toHaveLength(2);
    } finally {
      await small.stop();
    }
    expect(() => new PlaylyfeEmulator({ activityLimit: 0 })).toThrow(RangeError);
  });
});
