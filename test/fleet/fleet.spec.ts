import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as wait } from 'node:timers/promises';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../../lib/testing/index.js';
import { startEmulator } from '../utils/playlyfe-client.js';
import { freePort, RedisProcess, Worker, type CallResult } from './fleet.js';

const PROCESSES = 4;
/** How the processes reach Redis: the store's own ioredis client, or the app's client of each kind. */
const REDIS_CLIENTS = ['connection', 'ioredis 6', 'ioredis 5', 'node-redis 6'] as const;
type RedisClientKind = (typeof REDIS_CLIENTS)[number];
let emulator: PlaylyfeEmulator;
let redis: RedisProcess;
let workers: Worker[] = [];

async function startFleet(redisClient: RedisClientKind | undefined): Promise<Worker[]> {
  const config = {
    url: emulator.url,
    clientId: DEMO_CLIENT.id,
    clientSecret: DEMO_CLIENT.secret,
    redisPort: redis.port,
    shared: redisClient !== undefined,
    redisClient,
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

beforeEach(async () => {
  emulator.clearFaults();
  emulator.resetStats();
  await redis.flush(); // each fleet starts cold: no token left by the one before
});

afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  workers = [];
});

afterAll(async () => {
  await redis.kill();
  await emulator.stop();
});

/** Until every process's store answers again (each client library reconnects on its own backoff). */
async function storesUp(fleet: Worker[]): Promise<void> {
  while (!(await Promise.all(fleet.map((w) => w.storeUp()))).every(Boolean)) await wait(100);
}

it(`for comparison, without the shared store each of ${PROCESSES} processes makes its own token request`, async () => {
  const fleet = await startFleet(undefined);
  emulator.setTokenLatency(50);
  const result = total(await Promise.all(fleet.map((w) => w.burst(200))));
  expect(result.failed).toBe(0);
  expect(emulator.stats.tokenRequests).toBe(PROCESSES);
}, 60_000);

describe.each(REDIS_CLIENTS)(`${PROCESSES} processes, one emulator, one Redis (%s)`, (client) => {
  it('a simultaneous cold start with 200 calls each makes exactly 1 token request', async () => {
    const fleet = await startFleet(client);
    emulator.setTokenLatency(50);
    const result = total(await Promise.all(fleet.map((w) => w.burst(200))));
    expect(result).toEqual({ ok: PROCESSES * 200, failed: 0, failures: [] });
    expect(emulator.stats.tokenRequests).toBe(1);
  }, 60_000);

  it('revocation under load makes 1 token request for the fleet', async () => {
    const fleet = await startFleet(client);
    await Promise.all(fleet.map((w) => w.burst(5)));
    emulator.resetStats();
    emulator.revokeAllTokens();
    const result = total(await Promise.all(fleet.map((w) => w.burst(200))));
    expect(result).toEqual({ ok: PROCESSES * 200, failed: 0, failures: [] });
    expect(emulator.stats.unauthorized).toBeGreaterThan(0);
    expect(emulator.stats.tokenRequests).toBe(1);
  }, 60_000);

  it('killing Redis mid-run loses no call; the fleet shares tokens again once Redis is back', async () => {
    const fleet = await startFleet(client);
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
    await storesUp(fleet);
    emulator.resetStats();
    emulator.revokeAllTokens();
    const after = total(await Promise.all(fleet.map((w) => w.burst(100))));
    expect(after.failed).toBe(0);
    // Shared again: fewer token requests than processes. Not exactly 1: each process still holds the
    // token it fetched alone during the outage, and one whose rejection arrives after the fleet's
    // replacement was issued cannot tell that replacement from a revoked token, so it fetches its own
    // (adopting an older token could fail the call with a second 401: docs/architecture.md, step 3).
    expect(emulator.stats.tokenRequests).toBeGreaterThanOrEqual(1);
    expect(emulator.stats.tokenRequests).toBeLessThan(PROCESSES);
    for (const worker of fleet)
      expect(worker.logs.some((line) => line.includes('available again'))).toBe(true);
  }, 90_000);
});
