import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as wait } from 'node:timers/promises';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../../lib/testing/index.js';
import { startEmulator } from '../utils/playlyfe-client.js';
import { freePort, RedisProcess, Worker, type CallResult } from './fleet.js';

const PROCESSES = 4;
let emulator: PlaylyfeEmulator;
let redis: RedisProcess;
let workers: Worker[] = [];

async function startFleet(shared: boolean): Promise<Worker[]> {
  const config = {
    url: emulator.url,
    clientId: DEMO_CLIENT.id,
    clientSecret: DEMO_CLIENT.secret,
    redisPort: redis.port,
    shared,
  };
  workers = await Promise.all(Array.from({ length: PROCESSES }, () => Worker.start(config)));
  return workers;
}

function total(results: CallResult[]): CallResult {
  return {
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    failures: results.flatMap((r) => r.failures),
  };
}

beforeAll(async () => {
  emulator = await startEmulator();
  redis = new RedisProcess(await freePort());
  await redis.start();
}, 20_000);

beforeEach(() => {
  emulator.clearFaults();
  emulator.resetStats();
});

afterEach(async () => {
  const notable = workers.flatMap((w, i) =>
    w.logs
      .filter((l) => !l.startsWith('debug') || l.includes('Obtained'))
      .map((l) => `worker ${i}: ${l}`),
  );
  if (notable.length > 0) console.log(notable.join('\n'));
  await Promise.all(workers.map((worker) => worker.close()));
  workers = [];
});

afterAll(async () => {
  await redis.kill();
  await emulator.stop();
});

describe(`${PROCESSES} processes, one emulator, one Redis`, () => {
  it('a simultaneous cold start with 200 calls each makes exactly 1 token request', async () => {
    const fleet = await startFleet(true);
    emulator.setTokenLatency(50);
    const result = total(await Promise.all(fleet.map((w) => w.burst(200))));
    expect(result).toEqual({ ok: PROCESSES * 200, failed: 0, failures: [] });
    expect(emulator.stats.tokenRequests).toBe(1);
  }, 60_000);

  it('for comparison, without the shared store each process makes its own token request', async () => {
    const fleet = await startFleet(false);
    emulator.setTokenLatency(50);
    const result = total(await Promise.all(fleet.map((w) => w.burst(200))));
    expect(result.failed).toBe(0);
    expect(emulator.stats.tokenRequests).toBe(PROCESSES);
  }, 60_000);

  it('revocation under load makes 1 token request for the fleet', async () => {
    const fleet = await startFleet(true);
    await Promise.all(fleet.map((w) => w.burst(5)));
    emulator.resetStats();
    emulator.revokeAllTokens();
    const result = total(await Promise.all(fleet.map((w) => w.burst(200))));
    expect(result).toEqual({ ok: PROCESSES * 200, failed: 0, failures: [] });
    expect(emulator.stats.unauthorized).toBeGreaterThan(0);
    expect(emulator.stats.tokenRequests).toBe(1);
  }, 60_000);

  it('killing Redis mid-run loses no call; the fleet shares tokens again once Redis is back', async () => {
    const fleet = await startFleet(true);
    await Promise.all(fleet.map((w) => w.burst(5)));
    emulator.resetStats();

    const streams = fleet.map((w) => w.stream(20, 20, 25));
    await wait(200);
    await redis.kill();
    emulator.revokeAllTokens(); // every process now needs a new token while Redis is down
    const during = total(await Promise.all(streams));
    expect(during.failures).toEqual([]);
    expect(during.ok).toBe(PROCESSES * 20 * 20);
    expect(emulator.stats.tokenRequests).toBeLessThanOrEqual(PROCESSES);
    for (const worker of fleet) {
      expect(worker.logs.filter((line) => line.includes('Token store unavailable'))).toHaveLength(
        1,
      );
    }

    await redis.start();
    await wait(2500); // ioredis reconnects with its own backoff
    emulator.resetStats();
    emulator.revokeAllTokens();
    const after = total(await Promise.all(fleet.map((w) => w.burst(100))));
    expect(after.failed).toBe(0);
    expect(emulator.stats.tokenRequests).toBe(1);
    for (const worker of fleet)
      expect(worker.logs.some((line) => line.includes('available again'))).toBe(true);
  }, 90_000);
});
