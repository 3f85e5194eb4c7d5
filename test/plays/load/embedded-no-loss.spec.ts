import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator } from '../../../lib/testing/index.js';
import { openPlaysApp, type PlaysApp } from '../plays-app.js';

const PLAYERS = 100;
const PLAYS = Number(process.env['PLAYS_LOAD_COUNT'] ?? 10_000);

/** Variables of play `i`: many plays share theirs (same player, same points), half carry a tag. */
const varsOf = (i: number): Record<string, unknown> =>
  i % 2 === 0 ? { points: 1 + (i % 3) } : { points: 1 + (i % 3), tag: i };
const playerOf = (i: number) => `p${i % PLAYERS}`;

describe('embedded queue: no play lost, none applied twice', () => {
  // The settle delay covers a send the client gave up on (its timeout) that the emulator, sharing
  // this process's event loop, still applies later: with 50 ms, 1,000 plays gave 13 doubles.
  const emulator = new PlaylyfeEmulator({ activityLimit: 100_000, logLimit: 0 });
  let app: PlaysApp;

  beforeAll(async () => {
    await emulator.start();
    app = await openPlaysApp(
      emulator,
      { concurrency: 32, maxQueued: PLAYS, settleDelayMs: 1_000 },
      { timeoutMs: 2_000 },
    );
    for (let p = 0; p < PLAYERS; p++) await app.playlyfe.players.create({ id: `p${p}` });
  });
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  it(`delivers ${PLAYS} plays through 5% ambiguous-after-apply and 5% before-apply faults`, async () => {
    const start = new Date(emulator.now().getTime() - 1000);
    emulator.setRandomFaults(
      'POST',
      '/runtime/actions/:id/play',
      [
        { mode: 'drop-after-apply', rate: 0.02 },
        { mode: 'error-after-apply', rate: 0.02 },
        { mode: 'stall-after-apply', rate: 0.01, stallMs: 2_500 },
        { mode: 'drop-before-apply', rate: 0.05 },
      ],
      { seed: 20 },
    );
    const ids: string[] = [];
    for (let i = 0; i < PLAYS; i++) {
      ids.push(
        await app.plays.enqueue({
          playerId: playerOf(i),
          actionId: 'complete_quest',
          variables: varsOf(i),
        }),
      );
    }
    const progress = setInterval(() => {
      void app.plays.stats().then(({ depth }) => {
        process.stderr.write(`held ${depth}, ended ${app.outcomes.length}\n`);
      });
    }, 5000);
    const outcomes = await Promise.all(ids.map((id) => app.plays.result(id)));
    clearInterval(progress);
    const injected = emulator.randomFaultsInjected;
    emulator.clearFaults();

    expect(outcomes.filter((o) => o.status !== 'applied')).toEqual([]);
    const reconciled = outcomes.filter((o) => o.status === 'applied' && o.reconciled).length;
    // Counted at the emulator: every player's plays, and every applied event by its variables.
    let applied = 0;
    const expected = new Map<string, number>();
    const seen = new Map<string, number>();
    for (let i = 0; i < PLAYS; i++) {
      const key = JSON.stringify([playerOf(i), varsOf(i)]);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (let p = 0; p < PLAYERS; p++) {
      applied += emulator.player(`p${p}`)?.plays['complete_quest'] ?? 0;
      const feed = await app.playlyfe.players.activity(`p${p}`, { start });
      for (const e of feed) {
        if (e.event !== 'action') continue;
        const { points, tag } = e.action.vars;
        const key = JSON.stringify([`p${p}`, tag === undefined ? { points } : { points, tag }]);
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect(applied).toBe(PLAYS);
    expect(seen).toEqual(expected);
    // the faults happened, and the lost answers were found in the feeds
    expect(injected['drop-before-apply']).toBeGreaterThan(PLAYS * 0.03);
    expect(injected['drop-after-apply'] + injected['error-after-apply']).toBeGreaterThan(
      PLAYS * 0.025,
    );
    // at least the lost answers; sends that outlived the client's timeout under load are reconciled too
    expect(reconciled).toBeGreaterThanOrEqual(
      injected['drop-after-apply'] + injected['error-after-apply'] + injected['stall-after-apply'],
    );
    console.log(
      `no-loss (embedded): ${PLAYS} plays, faults ${JSON.stringify(injected)}, reconciled ${reconciled}`,
    );
  }, 300_000);
});
