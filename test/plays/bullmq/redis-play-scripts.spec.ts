import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { RedisPlayScripts, type FleetRate } from '../../../lib/plays/bullmq/redis-play-scripts.js';
import { freePort, RedisProcess } from '../../fleet/fleet.js';

describe('the Redis scripts of the BullMQ back end (real redis-server)', () => {
  let server: RedisProcess;
  let redis: Redis;
  const scripts = (rate?: FleetRate) => new RedisPlayScripts(redis, 'test:', 3_600_000, rate);

  beforeAll(async () => {
    server = new RedisProcess(await freePort());
    await server.start();
    redis = new Redis({ host: '127.0.0.1', port: server.port });
  });
  beforeEach(() => server.flush());
  afterAll(async () => {
    await redis.quit();
    await server.kill();
  });

  it('a sliding window: ratePerSecond sends go, the next waits until the oldest is 1000 + guard ms old', async () => {
    const s = scripts({ ratePerSecond: 5, burst: 5, guardMs: 200 });
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect(await s.gate(true)).toEqual({ waitMs: 0, paused: false });
    const { waitMs, paused } = await s.gate(true);
    expect(paused).toBe(false);
    expect(waitMs).toBeGreaterThan(1200 - (Date.now() - started) - 5);
    expect(waitMs).toBeLessThanOrEqual(1200);
    // a refused send took no place; after the wait, one more goes
    expect(await redis.zcard('test:rate')).toBe(5);
    await new Promise((r) => setTimeout(r, waitMs + 5));
    expect((await s.gate(true)).waitMs).toBe(0);
  });

  it('a burst below the rate spreads the sends: burst in any 1000 * burst / ratePerSecond ms', async () => {
    const s = scripts({ ratePerSecond: 10, burst: 2, guardMs: 0 });
    expect((await s.gate(true)).waitMs).toBe(0);
    expect((await s.gate(true)).waitMs).toBe(0);
    const { waitMs } = await s.gate(true);
    expect(waitMs).toBeGreaterThan(150);
    expect(waitMs).toBeLessThanOrEqual(200);
  });

  it('shares one window between clients (one per process in a fleet)', async () => {
    const other = new Redis({ host: '127.0.0.1', port: server.port });
    try {
      const rate = { ratePerSecond: 3, burst: 3, guardMs: 0 };
      const a = scripts(rate);
      const b = new RedisPlayScripts(other, 'test:', 3_600_000, rate);
      const answers = await Promise.all([a, b, a, b, a, b].map((s) => s.gate(true)));
      expect(answers.filter((x) => x.waitMs === 0)).toHaveLength(3);
    } finally {
      await other.quit();
    }
  });

  it('feed reads take no place in the window; the plan-limit pause stops every step and is never shortened', async () => {
    const s = scripts({ ratePerSecond: 1, burst: 1, guardMs: 0 });
    expect((await s.gate(true)).waitMs).toBe(0);
    expect((await s.gate(false)).waitMs).toBe(0);
    expect((await s.gate(true)).waitMs).toBeGreaterThan(0);
    await s.pause(1_000);
    await s.pause(100);
    const send = await s.gate(true);
    const read = await s.gate(false);
    expect(send.paused && read.paused).toBe(true);
    expect(read.waitMs).toBeGreaterThan(800);
    expect(await scripts().gate(true)).toMatchObject({ paused: true }); // without a rate limit too
  });

  it('a claimed event stays its play’s for an hour', async () => {
    const s = scripts();
    expect(await s.claim('event-1', 'play-a')).toBe(true);
    expect(await s.claim('event-1', 'play-a')).toBe(true);
    expect(await s.claim('event-1', 'play-b')).toBe(false);
    const ttl = await redis.pttl('test:claim:event-1');
    expect(ttl).toBeGreaterThan(3_590_000);
  });

  it('a lane has one owner: renewed by it, released only by it', async () => {
    const s = scripts();
    expect(await s.takeLane('bob/quest', 'run-1', 1_000)).toBe(true);
    expect(await s.takeLane('bob/quest', 'run-2', 1_000)).toBe(false);
    expect(await s.takeLane('bob/quest', 'run-1', 5_000)).toBe(true);
    expect(await redis.pttl('test:lane:bob/quest')).toBeGreaterThan(4_000);
    await s.releaseLane('bob/quest', 'run-2');
    expect(await s.takeLane('bob/quest', 'run-2', 1_000)).toBe(false);
    await s.releaseLane('bob/quest', 'run-1');
    expect(await s.takeLane('bob/quest', 'run-2', 1_000)).toBe(true);
  });

  it('loads its scripts again when Redis lost them (a restart without persistence)', async () => {
    const s = scripts();
    expect(await s.claim('event-2', 'play-a')).toBe(true);
    await redis.script('FLUSH');
    expect(await s.claim('event-2', 'play-b')).toBe(false);
  });
});
