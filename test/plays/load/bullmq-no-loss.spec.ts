import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PlaylyfePlaysOptions } from '../../../lib/plays/index.js';
import { PlaylyfeEmulator } from '../../../lib/testing/index.js';
import { freePort, RedisProcess } from '../../fleet/fleet.js';
import { openPlaysApp, type PlaysApp } from '../plays-app.js';
import { PlaysWorker, until } from './plays-fleet.js';

const PLAYERS = 100;
const PLAYS = Number(process.env['PLAYS_LOAD_COUNT'] ?? 10_000);
const WORKERS = 4;

/** Variables of play `i`: many plays share theirs (same player, same points), half carry a tag. */
const varsOf = (i: number): Record<string, unknown> =>
  i % 2 === 0 ? { points: 1 + (i % 3) } : { points: 1 + (i % 3), tag: i };
const playerOf = (i: number) => `p${i % PLAYERS}`;

describe('BullMQ back end: no play lost, none applied twice, across 4 processes, a kill and a Redis restart', () => {
  const emulator = new PlaylyfeEmulator({ activityLimit: 100_000, logLimit: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'playlyfe-plays-redis-'));
  let redis: RedisProcess;
  let watcher: PlaysApp;
  const workers: PlaysWorker[] = [];

  const backend = (): PlaylyfePlaysOptions['backend'] => ({
    kind: 'bullmq',
    connection: { host: '127.0.0.1', port: redis.port },
    queueName: 'no-loss',
    // A killed worker's plays are taken over within about 3 + 1 s.
    lockDurationMs: 3_000,
    stalledIntervalMs: 1_000,
  });
  // As the embedded test: a settle delay that covers a send the client gave up on (its timeout)
  // that the emulator, busy with 4 processes' plays, still applies a little later.
  const plays = (): PlaylyfePlaysOptions => ({
    backend: backend(),
    concurrency: 16,
    settleDelayMs: 1_000,
    retryDelayMs: 50,
  });

  beforeAll(async () => {
    redis = new RedisProcess(await freePort(), { dir });
    await redis.start();
    await emulator.start();
    // This instance enqueues nothing and delivers nothing: it reads every outcome of the fleet.
    watcher = await openPlaysApp(
      emulator,
      { backend: { ...backend(), worker: false } } as PlaylyfePlaysOptions,
      { timeoutMs: 2_000 },
    );
    for (let p = 0; p < PLAYERS; p++) await watcher.playlyfe.players.create({ id: `p${p}` });
    for (let w = 0; w < WORKERS; w++) {
      workers.push(await PlaysWorker.start(emulator, plays(), { timeoutMs: 2_000 }));
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await watcher?.close();
    await emulator.stop();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it(`delivers ${PLAYS} plays exactly once through faults, a SIGKILLed worker and a Redis restart`, async () => {
    const started = Date.now();
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
    const applied = (): number => {
      let n = 0;
      for (let p = 0; p < PLAYERS; p++) n += emulator.player(`p${p}`)?.plays['complete_quest'] ?? 0;
      return n;
    };
    // Each process enqueues its share (a quarter of the plays, interleaved).
    const shares = await Promise.all(
      workers.map((worker, w) => {
        const requests = [];
        for (let i = w; i < PLAYS; i += WORKERS) {
          requests.push({
            playerId: playerOf(i),
            actionId: 'complete_quest',
            variables: varsOf(i),
          });
        }
        return worker.enqueue(requests);
      }),
    );
    const ids = shares.flat();
    const enqueuedMs = Date.now() - started;
    const outcomes = Promise.all(ids.map((id) => watcher.plays.result(id)));

    await until(() => applied() >= PLAYS * 0.2, 120_000, '20% applied');
    const killedAt = applied();
    await workers[0].kill();
    await until(() => applied() >= PLAYS * 0.5, 120_000, '50% applied');
    const restartedAt = applied();
    await redis.kill();
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();
    // the killed worker comes back as a new process
    workers[0] = await PlaysWorker.start(emulator, plays(), { timeoutMs: 2_000 });

    const progress = setInterval(() => {
      process.stderr.write(`applied ${applied()}, ended ${watcher.outcomes.length}\n`);
    }, 5000);
    const ended = await outcomes.finally(() => clearInterval(progress));
    const deliveredMs = Date.now() - started;
    const injected = emulator.randomFaultsInjected;
    emulator.clearFaults();

    expect(ended.filter((o) => o.status !== 'applied')).toEqual([]);
    const reconciled = ended.filter((o) => o.status === 'applied' && o.reconciled).length;
    // Counted at the emulator: every player's plays, and every applied event by its variables.
    const expected = new Map<string, number>();
    const seen = new Map<string, number>();
    for (let i = 0; i < PLAYS; i++) {
      const key = JSON.stringify([playerOf(i), varsOf(i)]);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (let p = 0; p < PLAYERS; p++) {
      const feed = await watcher.playlyfe.players.activity(`p${p}`, { start });
      for (const e of feed) {
        if (e.event !== 'action') continue;
        const { points, tag } = e.action.vars;
        const key = JSON.stringify([`p${p}`, tag === undefined ? { points } : { points, tag }]);
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect(applied()).toBe(PLAYS);
    expect(seen).toEqual(expected);
    expect(new Set(ended.map((o) => o.playId)).size).toBe(PLAYS);
    expect(injected['drop-before-apply']).toBeGreaterThan(PLAYS * 0.03);
    expect(injected['drop-after-apply'] + injected['error-after-apply']).toBeGreaterThan(
      PLAYS * 0.025,
    );
    expect(reconciled).toBeGreaterThanOrEqual(
      injected['drop-after-apply'] + injected['error-after-apply'] + injected['stall-after-apply'],
    );
    const logs = workers.flatMap((w) => w.logs);
    console.log(
      `no-loss (bullmq): ${PLAYS} plays from ${WORKERS} processes, faults ${JSON.stringify(injected)}, ` +
        `reconciled ${reconciled}, worker SIGKILLed at ${killedAt} applied, Redis restarted at ${restartedAt} applied, ` +
        `enqueued in ${enqueuedMs} ms, all ended in ${deliveredMs} ms, ${logs.length} worker log lines` +
        (logs.length > 0 ? ` (first: ${logs.slice(0, 3).join(' | ')})` : ''),
    );
  }, 300_000);
});
