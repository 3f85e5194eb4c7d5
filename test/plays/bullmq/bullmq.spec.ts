import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { RUNTIME_CLIENT } from '../../../lib/testing/index.js';
import type { PlaylyfePlaysOptions } from '../../../lib/plays/index.js';
import { freePort, RedisProcess } from '../../fleet/fleet.js';
import { useEmulatorSuite } from '../../utils/emulator-suite.js';
import { openPlaysApp, type PlaysApp } from '../plays-app.js';

const PLAY = '/runtime/actions/:id/play';
const quest = (playerId = 'bob', points = 5) => ({
  playerId,
  actionId: 'complete_quest',
  variables: { points },
});

describe('PlaylyfePlays, BullMQ back end, on a real redis-server', () => {
  const suite = useEmulatorSuite();
  let redis: RedisProcess;
  const opened: PlaysApp[] = [];
  const bullmq = (extra: Partial<PlaylyfePlaysOptions> = {}): PlaylyfePlaysOptions => ({
    backend: {
      kind: 'bullmq',
      connection: { host: '127.0.0.1', port: redis.port },
      lockDurationMs: 2_000,
      stalledIntervalMs: 1_000,
    },
    ...extra,
  });
  const open = async (
    ...args: Parameters<typeof openPlaysApp> extends [unknown, ...infer R] ? R : never
  ) => {
    const app = await openPlaysApp(suite.emulator, ...args);
    opened.push(app);
    return app;
  };
  const plays = (id = 'bob') => suite.emulator.player(id)?.plays['complete_quest'] ?? 0;

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()));
    suite.emulator.resetGame();
    await redis.flush();
  });
  afterAll(() => redis.kill());

  it('answers a play id once BullMQ holds it, and delivers it with its events', async () => {
    const app = await open(bullmq());
    const id = await app.plays.enqueue(quest());
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
  });

  it('fails a refused play at once with its code, sent once', async () => {
    const app = await open(bullmq());
    const outcome = await app.plays.result(await app.plays.enqueue(quest('nobody')));
    expect(outcome).toMatchObject({ status: 'failed', code: 'player_not_found', attempts: 1 });
    expect(suite.emulator.stats.byRoute['POST /runtime/actions/complete_quest/play']).toBe(1);
  });

  it('reconciles a lost answer from the activity feed; sends again one dropped before applying', async () => {
    const app = await open(bullmq());
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-after-apply', rate: 1 }]);
    const lost = await app.plays.result(await app.plays.enqueue(quest('bob', 1)));
    expect(lost).toMatchObject({ status: 'applied', reconciled: true, attempts: 1 });
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-before-apply', rate: 1 }]);
    const id = await app.plays.enqueue(quest('bob', 2));
    while (suite.emulator.randomFaultsInjected['drop-before-apply'] < 1) {
      await new Promise((r) => setTimeout(r, 10));
    }
    suite.emulator.clearFaults();
    const resent = await app.plays.result(id);
    expect(resent).toMatchObject({ status: 'applied', reconciled: false });
    expect(resent.attempts).toBeGreaterThanOrEqual(2);
    expect(plays()).toBe(2);
  });

  it('never resends blindly: a runtime-only client ends a lost answer outcome_unknown', async () => {
    const app = await open(bullmq(), {
      clientId: RUNTIME_CLIENT.id,
      clientSecret: RUNTIME_CLIENT.secret,
    });
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-after-apply', rate: 1 }]);
    const outcome = await app.plays.result(await app.plays.enqueue(quest()));
    expect(outcome).toMatchObject({ status: 'failed', code: 'outcome_unknown', attempts: 1 });
    expect(plays()).toBe(1);
  });

  it('a play whose worker died after saying a send was starting is reconciled first, never resent blindly', async () => {
    // What a worker SIGKILLed mid-send leaves: the job's state says a send was starting. One of
    // these two sends reached Playlyfe before the death, the other did not.
    const admin = await open(bullmq({ backend: { ...bullmqBackend(), worker: false } }));
    await admin.playlyfe.post(
      '/runtime/actions/complete_quest/play',
      { variables: { points: 7 } },
      { playerId: 'bob' },
    );
    const queue = new Queue('playlyfe-plays', {
      connection: { host: '127.0.0.1', port: redis.port },
    });
    try {
      const now = Date.now();
      for (const [id, points] of [
        ['died-after-apply', 7],
        ['died-before-apply', 8],
      ] as const) {
        await queue.add(
          'play',
          {
            request: { playerId: 'bob', actionId: 'complete_quest', variables: { points } },
            enqueuedAt: now - 1000,
            firstSentAt: now - 500,
            attempts: 1,
            failures: 0,
            next: 'send',
            sending: true,
          },
          { jobId: id },
        );
      }
    } finally {
      await queue.close();
    }
    const worker = await open(bullmq());
    expect(await worker.plays.result('died-after-apply')).toMatchObject({
      status: 'applied',
      reconciled: true,
      attempts: 1,
    });
    expect(await worker.plays.result('died-before-apply')).toMatchObject({
      status: 'applied',
      reconciled: false,
      attempts: 2,
    });
    expect(plays()).toBe(2);
  });

  it('result() and results$ work from a second instance on the same Redis', async () => {
    const producer = await open(bullmq({ backend: { ...bullmqBackend(), worker: false } }));
    const other = await open(bullmq({ backend: { ...bullmqBackend(), worker: false } }));
    const id = await producer.plays.enqueue(quest());
    // Nobody delivers yet: held, and both instances wait for it.
    expect(await other.plays.stats()).toMatchObject({ depth: 1 });
    const waiting = other.plays.result(id);
    const worker = await open(bullmq());
    const outcome = await waiting;
    expect(outcome).toMatchObject({ playId: id, status: 'applied' });
    expect(await producer.plays.result(id)).toEqual(outcome);
    expect(await worker.plays.result(id)).toEqual(outcome);
    // every instance's results$ saw it
    for (const app of [producer, other, worker]) {
      await until(() => app.outcomes.some((o) => o.playId === id));
    }
    // a fresh instance finds it in Redis (kept keepResultsMs)
    const late = await open(bullmq());
    expect(await late.plays.result(id)).toEqual(outcome);
    await expect(late.plays.result('no-such-play')).rejects.toMatchObject({
      code: 'play_not_found',
    });
    expect(await late.plays.stats()).toEqual({ depth: 0, oldestAgeMs: 0 });
  });

  it('stats() counts plays held in Redis and the age of the oldest', async () => {
    const app = await open(bullmq({ backend: { ...bullmqBackend(), worker: false } }));
    await app.plays.enqueue(quest());
    await new Promise((r) => setTimeout(r, 120));
    await app.plays.enqueue(quest('alice'));
    const stats = await app.plays.stats();
    expect(stats.depth).toBe(2);
    expect(stats.oldestAgeMs).toBeGreaterThanOrEqual(100);
  });

  it('close() leaves queued plays in Redis for the fleet (durable, not not_delivered)', async () => {
    const first = await open(bullmq({ backend: { ...bullmqBackend(), worker: false } }));
    const id = await first.plays.enqueue(quest());
    const pending = first.plays.result(id);
    await first.close();
    await expect(pending).rejects.toMatchObject({ code: 'queue_closed' });
    expect(first.outcomes).toEqual([]);
    const next = await open(bullmq());
    expect(await next.plays.result(id)).toMatchObject({ status: 'applied' });
    expect(plays()).toBe(1);
  });

  it('rejects bad back-end options by name', async () => {
    const bad = (backend: unknown) => open({ backend: backend as PlaylyfePlaysOptions['backend'] });
    await expect(bad({ kind: 'kafka' })).rejects.toThrow(/backend\.kind/);
    await expect(bad({ kind: 'bullmq' })).rejects.toThrow(/backend\.connection/);
    await expect(bad({ ...bullmqBackend(), queueName: 'a b' })).rejects.toThrow(
      /backend\.queueName/,
    );
    await expect(bad({ ...bullmqBackend(), lockDurationMs: 10 })).rejects.toThrow(
      /backend\.lockDurationMs/,
    );
    await expect(bad({ ...bullmqBackend(), worker: 'yes' })).rejects.toMatchObject({
      code: 'invalid_options',
    });
  });

  it('fails bootstrap with network_error when Redis does not answer within readyTimeoutMs, leaving nothing open', async () => {
    const nobody = await freePort();
    const started = Date.now();
    await expect(
      open({
        backend: {
          kind: 'bullmq',
          connection: { host: '127.0.0.1', port: nobody },
          readyTimeoutMs: 500,
        },
      }),
    ).rejects.toMatchObject({
      code: 'network_error',
      message: expect.stringMatching(/readyTimeoutMs/),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  function bullmqBackend() {
    return bullmq().backend as Extract<PlaylyfePlaysOptions['backend'], { kind: 'bullmq' }>;
  }
});

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
