import { afterEach, describe, expect, it } from '@jest/globals';
import { PlaylyfeError } from '../../lib/index.js';
import { RUNTIME_CLIENT } from '../../lib/testing/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { openPlaysApp, until, type PlaysApp } from './plays-app.js';

const PLAY = '/runtime/actions/:id/play';
const quest = (playerId = 'bob', points = 5) => ({
  playerId,
  actionId: 'complete_quest',
  variables: { points },
});

describe('PlaylyfePlays, embedded queue, over HTTP on the emulator', () => {
  const suite = useEmulatorSuite();
  const opened: PlaysApp[] = [];
  const open = async (
    ...args: Parameters<typeof openPlaysApp> extends [unknown, ...infer R] ? R : never
  ) => {
    const app = await openPlaysApp(suite.emulator, ...args);
    opened.push(app);
    return app;
  };
  const plays = (id = 'bob', action = 'complete_quest') =>
    suite.emulator.player(id)?.plays[action] ?? 0;

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()));
    suite.emulator.resetGame();
  });

  it('answers a play id at once and delivers the play in the background, with its events', async () => {
    const app = await open();
    const id = await app.plays.enqueue(quest());
    expect(typeof id).toBe('string');
    const outcome = await app.plays.result(id);
    expect(outcome).toMatchObject({
      playId: id,
      status: 'applied',
      reconciled: false,
      attempts: 1,
    });
    expect(outcome.status === 'applied' && outcome.events[0]?.event).toBe('action');
    expect(plays()).toBe(1);
    expect(app.outcomes).toEqual([outcome]);
    expect(await app.plays.result(id)).toEqual(outcome);
  });

  it('fails a refused play at once with its code, and sends it only once', async () => {
    const app = await open();
    const unknown = await app.plays.enqueue(quest('nobody'));
    const invalid = await app.plays.enqueue({ ...quest(), variables: { points: 'many' } });
    expect(await app.plays.result(unknown)).toMatchObject({
      status: 'failed',
      code: 'player_not_found',
      attempts: 1,
    });
    expect(await app.plays.result(invalid)).toMatchObject({
      status: 'failed',
      code: 'validation_exception',
      attempts: 1,
    });
    expect(suite.emulator.stats.byRoute['POST /runtime/actions/complete_quest/play']).toBe(2);
  });

  it('fails only the play over its action’s play limit (rate_limit_exceeded)', async () => {
    const app = await open();
    const ids = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await app.plays.enqueue({ playerId: 'dave', actionId: 'daily_bonus' }));
    }
    const outcomes = await Promise.all(ids.map((id) => app.plays.result(id)));
    expect(outcomes.map((o) => (o.status === 'failed' ? o.code : o.status))).toEqual([
      'applied',
      'applied',
      'applied',
      'rate_limit_exceeded',
    ]);
    expect(plays('dave', 'daily_bonus')).toBe(3);
  });

  it('waits out an outage (connection refused) and delivers once Playlyfe is back', async () => {
    const app = await open();
    await app.playlyfe.get('/runtime/player', { playerId: 'bob' }); // a token held: the play itself is refused
    const port = Number(new URL(suite.emulator.url).port);
    await suite.emulator.stop();
    const id = await app.plays.enqueue(quest());
    await new Promise((r) => setTimeout(r, 300));
    await suite.emulator.start({ port });
    const outcome = await app.plays.result(id);
    expect(outcome).toMatchObject({ status: 'applied', reconciled: false });
    expect(outcome.attempts).toBeGreaterThan(1);
    expect(plays()).toBe(1);
  });

  it('takes a play whose answer was lost after it applied from the activity feed, without resending', async () => {
    const app = await open();
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-after-apply', rate: 1 }]);
    const outcome = await app.plays.result(await app.plays.enqueue(quest()));
    expect(outcome).toMatchObject({ status: 'applied', reconciled: true, attempts: 1 });
    expect(outcome.status === 'applied' && outcome.events[0]).toMatchObject({
      event: 'action',
      action: { id: 'complete_quest', vars: { points: 5 } },
    });
    expect(plays()).toBe(1);
  });

  it('sends again a play whose connection dropped before it applied, once the feed shows it absent', async () => {
    const app = await open();
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-before-apply', rate: 1 }]);
    const id = await app.plays.enqueue(quest());
    await until(() => suite.emulator.randomFaultsInjected['drop-before-apply'] >= 1);
    suite.emulator.clearFaults();
    const outcome = await app.plays.result(id);
    expect(outcome).toMatchObject({ status: 'applied', reconciled: false });
    expect(outcome.attempts).toBeGreaterThanOrEqual(2);
    expect(plays()).toBe(1);
  });

  it('a 503 after applying and an answer stalled past the timeout are reconciled too', async () => {
    const app = await open({}, { timeoutMs: 300 });
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'error-after-apply', rate: 1 }]);
    const first = await app.plays.result(await app.plays.enqueue(quest('bob', 1)));
    suite.emulator.setRandomFaults('POST', PLAY, [
      { mode: 'stall-after-apply', rate: 1, stallMs: 2_000 },
    ]);
    const second = await app.plays.result(await app.plays.enqueue(quest('bob', 2)));
    expect([first, second]).toMatchObject([
      { status: 'applied', reconciled: true },
      { status: 'applied', reconciled: true },
    ]);
    expect(plays()).toBe(2);
  });

  it('never resends blindly: without activity-feed access a lost answer is outcome_unknown', async () => {
    const app = await open(
      {},
      { clientId: RUNTIME_CLIENT.id, clientSecret: RUNTIME_CLIENT.secret },
    );
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-after-apply', rate: 1 }]);
    const outcome = await app.plays.result(await app.plays.enqueue(quest()));
    expect(outcome).toMatchObject({ status: 'failed', code: 'outcome_unknown', attempts: 1 });
    expect(plays()).toBe(1);
  });

  it('one reconciliation never takes another play’s event: equal plays of one player are counted once each', async () => {
    const app = await open({ concurrency: 8 });
    suite.emulator.setRandomFaults(
      'POST',
      PLAY,
      [
        { mode: 'drop-after-apply', rate: 0.2 },
        { mode: 'drop-before-apply', rate: 0.2 },
      ],
      { seed: 3 },
    );
    const ids = [];
    for (let i = 0; i < 60; i++) ids.push(await app.plays.enqueue(quest('carol', 1)));
    const outcomes = await Promise.all(ids.map((id) => app.plays.result(id)));
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
    expect(outcomes.filter((o) => o.status === 'applied' && o.reconciled).length).toBeGreaterThan(
      0,
    );
    expect(plays('carol')).toBe(60);
  });

  it('a slow answer keeps its event: no reconciliation of an equal play takes it meanwhile', async () => {
    const app = await open({ concurrency: 8 });
    suite.emulator.setRandomFaults(
      'POST',
      PLAY,
      [
        { mode: 'stall-after-apply', rate: 0.3, stallMs: 300 }, // applied, answered late (no timeout)
        { mode: 'drop-before-apply', rate: 0.3 },
      ],
      { seed: 5 },
    );
    const ids = [];
    for (let i = 0; i < 40; i++) ids.push(await app.plays.enqueue(quest('carol', 1)));
    const outcomes = await Promise.all(ids.map((id) => app.plays.result(id)));
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
    expect(plays('carol')).toBe(40);
  });

  it('is bounded: enqueue throws queue_full past maxQueued', async () => {
    const app = await open({ maxQueued: 2, concurrency: 1 });
    suite.emulator.setApiLatency(200);
    await app.plays.enqueue(quest());
    await app.plays.enqueue(quest());
    const full = app.plays.enqueue(quest());
    await expect(full).rejects.toBeInstanceOf(PlaylyfeError);
    await expect(full).rejects.toMatchObject({ code: 'queue_full' });
  });

  // The client closes in onApplicationShutdown, after the queue drained in onModuleDestroy: with
  // both in onModuleDestroy, importing PlaylyfePlaysModule first ended all six not_delivered.
  it.each([
    ['after', false],
    ['before', true],
  ])(
    'drains on close: the plays held are delivered before close() resolves (imported %s PlaylyfeModule)',
    async (_, playsModuleFirst) => {
      const app = await open({ concurrency: 2 }, {}, { playsModuleFirst });
      suite.emulator.setApiLatency(100);
      for (let i = 0; i < 6; i++) await app.plays.enqueue(quest('alice', 1));
      await app.close();
      expect(app.outcomes.map((o) => o.status)).toEqual(Array(6).fill('applied'));
      expect(plays('alice')).toBe(6);
    },
  );

  it('ends the plays it could not deliver within drainTimeoutMs as not_delivered', async () => {
    const app = await open({ drainTimeoutMs: 200 });
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-before-apply', rate: 1 }]);
    await app.plays.enqueue(quest());
    await app.close();
    expect(app.outcomes).toMatchObject([{ status: 'failed', code: 'not_delivered' }]);
    await expect(app.plays.enqueue(quest())).rejects.toMatchObject({ code: 'queue_closed' });
  });

  it('pauses every send after plan_limit_exceeded until the window resets, then drains by itself', async () => {
    const concurrency = 4;
    const app = await open({ concurrency });
    await app.playlyfe.get('/runtime/player', { playerId: 'bob' }); // the token, before the quota
    suite.emulator.setApiCallLimit(10, { windowMs: 1_500 });
    suite.emulator.resetStats();
    const ids = [];
    for (let i = 0; i < 25; i++) ids.push(await app.plays.enqueue(quest('bob', 1)));
    const outcomes = await Promise.all(ids.map((id) => app.plays.result(id)));
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
    expect(plays()).toBe(25);
    // Any send between the first 429 and the reset would be answered 429 too: at most the plays
    // already in flight when the first one came back were.
    const refused = suite.emulator.stats.byStatus['429'] ?? 0;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(concurrency * 2);
    suite.emulator.setApiCallLimit(undefined);
  });

  it('rejects a malformed play and bad options', async () => {
    const app = await open();
    await expect(app.plays.enqueue({ playerId: '', actionId: 'x' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(app.plays.enqueue({ playerId: 'bob', actionId: 'a/b' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(app.plays.result('nope')).rejects.toMatchObject({ code: 'play_not_found' });
    await expect(open({ concurrency: 0 })).rejects.toThrow(/concurrency/);
    await expect(open({ burst: 5 })).rejects.toThrow(/burst/);
  });
});
