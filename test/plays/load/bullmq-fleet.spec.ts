import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { PlaylyfePlaysOptions } from '../../../lib/plays/index.js';
import { PlaylyfeEmulator } from '../../../lib/testing/index.js';
import { freePort, RedisProcess } from '../../fleet/fleet.js';
import { openPlaysApp, type PlaysApp } from '../plays-app.js';
import { maxInWindow, PlaysWorker, until } from './plays-fleet.js';

const PLAYERS = 40;
const playerOf = (i: number) => `f${i % PLAYERS}`;
const PLAY_ROUTE = 'POST /runtime/actions/complete_quest/play';

describe('BullMQ back end: one rate limit and one plan-limit pause for a fleet of processes', () => {
  const emulator = new PlaylyfeEmulator({ logLimit: 50_000 });
  let redis: RedisProcess;
  let admin: PlaysApp;
  const workers: PlaysWorker[] = [];

  const fleet = async (
    count: number,
    options: PlaylyfePlaysOptions,
    queueName: string,
    rateGuardMs?: number,
  ) => {
    for (let w = 0; w < count; w++) {
      workers.push(
        await PlaysWorker.start(emulator, {
          ...options,
          backend: {
            kind: 'bullmq',
            connection: { host: '127.0.0.1', port: redis.port },
            queueName,
            lockDurationMs: 3_000,
            stalledIntervalMs: 1_000,
            rateGuardMs,
          },
        }),
      );
    }
  };
  /** Each worker enqueues its share of `count` plays; answers when every play was applied. */
  const playAll = async (count: number, ms: number) => {
    const applied = () => {
      let n = 0;
      for (let p = 0; p < PLAYERS; p++)
        n += emulator.player(playerOf(p))?.plays['complete_quest'] ?? 0;
      return n;
    };
    const before = applied();
    await Promise.all(
      workers.map((worker, w) => {
        const requests = [];
        for (let i = w; i < count; i += workers.length) {
          requests.push({
            playerId: playerOf(i),
            actionId: 'complete_quest',
            variables: { points: 1 },
          });
        }
        return worker.enqueue(requests);
      }),
    );
    await until(() => applied() >= before + count, ms, `${count} plays applied`);
    await new Promise((r) => setTimeout(r, 300)); // a play too many would show up here
    expect(applied() - before).toBe(count);
  };
  const perSecond = (times: number[], from: number) => {
    const counts: number[] = [];
    for (const t of times)
      counts[Math.floor((t - from) / 1000)] = (counts[Math.floor((t - from) / 1000)] ?? 0) + 1;
    return Array.from(counts, (c) => c ?? 0);
  };
  /** Arrivals of plays at the emulator (its request log: the time each was answered, at once). */
  const arrivals = () => emulator.requestLog.filter((e) => `${e.method} ${e.route}` === PLAY_ROUTE);

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    await emulator.start();
    admin = await openPlaysApp(emulator);
    for (let p = 0; p < PLAYERS; p++) await admin.playlyfe.players.create({ id: playerOf(p) });
  }, 30_000);
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    emulator.setApiCallLimit(undefined);
  }, 30_000);
  afterAll(async () => {
    await admin?.close();
    await emulator.stop();
    await redis?.kill();
  });

  it('ratePerSecond 50 across 4 processes: never more than 50 plays reach Playlyfe in any 1 s', async () => {
    // The guard covers how unevenly sends take from the limiter to Playlyfe. Here 4 workers, the
    // emulator and other jobs share 2 cores: with the default 100 ms, 1 s windows of 53 and 58
    // arrivals were seen (a worker descheduled between its place in the window and its request);
    // with 300 ms, none above 50.
    await fleet(4, { ratePerSecond: 50, concurrency: 4 }, 'rate', 300);
    emulator.resetStats();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const started = Date.now();
    await playAll(500, 60_000);
    lag.disable();
    const times = arrivals().map((e) => e.at);
    const most = maxInWindow(times, 1000);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fleet rate: ${times.length} plays from 4 processes in ${seconds.toFixed(1)} s, ` +
        `max ${most} in any 1 s window (limit 50), per second: ${perSecond(times, started).join(' ')}; ` +
        `emulator's event loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms, max ${(lag.max / 1e6).toFixed(0)} ms`,
    );
    const lags = await Promise.all(workers.map((w) => w.lag()));
    console.log(
      `workers' event loop delay: ${lags.map((l) => `p99 ${l.p99.toFixed(0)} max ${l.max.toFixed(0)} ms`).join(', ')}`,
    );
    expect(times.length).toBe(500);
    expect(most).toBeLessThanOrEqual(50);
    expect(most).toBeGreaterThanOrEqual(40); // rate-bound: the limiter, not the machine, set the pace
  }, 90_000);

  it('after plan_limit_exceeded no play reaches Playlyfe until the window resets, in 3 processes; then it drains by itself', async () => {
    const concurrency = 4;
    await fleet(3, { concurrency }, 'plan');
    // Tokens first (the token endpoint is not counted by the plan): one play per worker.
    await playAll(3, 10_000);
    const windowMs = 2_000;
    const limit = 15;
    emulator.resetStats();
    emulator.setApiCallLimit(limit, { windowMs });
    const t0 = Date.now();
    const count = 60;
    await playAll(count, 60_000);
    const log = arrivals();
    const refused = log.filter((e) => e.status === 429);
    // Each window lets `limit` plays through; a 429 pauses every worker of every process until the
    // window resets (Retry-After): only sends already on their way when the first 429 came back
    // may be refused too, and none may start before the reset.
    expect(refused.length).toBeGreaterThan(0);
    let late = 0;
    for (const first of refused) {
      const reset = t0 + Math.ceil((first.at - t0) / windowMs) * windowMs;
      late += log.filter((e) => e.at > first.at + 250 && e.at < reset - 20).length;
    }
    const windows = Math.ceil((log[log.length - 1].at - t0) / windowMs);
    console.log(
      `plan limit: ${count} plays, ${limit} calls per ${windowMs} ms, ${refused.length} refused ` +
        `(429) over ${windows} windows, ${late} sent during a pause`,
    );
    expect(late).toBe(0);
    expect(refused.length).toBeLessThanOrEqual(windows * 3 * concurrency);
  }, 90_000);
});
