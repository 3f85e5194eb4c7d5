import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { RedisTokenStore } from 'nestjs-playlyfe/redis';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../../../lib/testing/index.js';
import { freePort, RedisProcess } from '../../fleet/fleet.js';
import {
  createPlaylyfeClient,
  startEmulator,
  type PlaylyfeTestClient,
} from '../../utils/playlyfe-client.js';
import { CLIENT_KINDS, type TestClient } from './client-kinds.js';
import { SlowProxy } from './slow-proxy.js';

/** Redis made slow: every reply held this long, as in the report of issue 17. */
const REPLY_DELAY_MS = 700;

let redis: RedisProcess;
let proxy: SlowProxy;
let emulator: PlaylyfeEmulator;
const opened: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  redis = new RedisProcess(await freePort());
  await redis.start();
  proxy = new SlowProxy(redis.port, REPLY_DELAY_MS);
  await proxy.start();
  emulator = await startEmulator();
}, 20_000);

beforeEach(async () => {
  await redis.flush();
  emulator.resetStats();
});

afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

afterAll(async () => {
  await emulator.stop();
  await proxy.stop();
  await redis.kill();
});

async function connect(kind: (typeof CLIENT_KINDS)[number], port: number): Promise<TestClient> {
  const client = await kind.connect(port);
  opened.push(client);
  return client;
}

describe.each(CLIENT_KINDS)('RedisTokenStore with an $name client', (kind) => {
  it('a lock key left without a time to live is given the lock time to live, and stays taken', async () => {
    const test = await connect(kind, redis.port);
    const store = new RedisTokenStore({ client: test.client });
    await test.raw(['SET', 'test:stale-lock', 'left-by-a-crash']);
    expect(Number(await test.raw(['PTTL', 'test:stale-lock']))).toBe(-1);

    expect(await store.lock('test:stale-lock', 30_000)).toBeUndefined();
    const ttl = Number(await test.raw(['PTTL', 'test:stale-lock']));
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await test.raw(['GET', 'test:stale-lock'])).toBe('left-by-a-crash');
    // A lock with a time to live keeps it: a second attempt changes nothing.
    await test.raw(['PEXPIRE', 'test:stale-lock', '50000']);
    expect(await store.lock('test:stale-lock', 30_000)).toBeUndefined();
    expect(Number(await test.raw(['PTTL', 'test:stale-lock']))).toBeGreaterThan(40_000);
  });

  it(`Redis ${REPLY_DELAY_MS} ms slow and a stale lock with no time to live: 20 calls succeed within their 5 s timeout on 1 token request`, async () => {
    const direct = await connect(kind, redis.port);
    const lockKey = `nestjs-playlyfe:token:${emulator.url}/auth/token:${DEMO_CLIENT.id}:lock`;
    await direct.raw(['SET', lockKey, 'left-by-a-crash']);

    const slow = await connect(kind, proxy.port);
    const c: PlaylyfeTestClient = await createPlaylyfeClient(emulator, {
      tokenStore: new RedisTokenStore({ client: slow.client }),
      tokenStoreWaitMs: 1_000,
      timeoutMs: 5_000,
    });
    opened.push(c);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => c.playlyfe.get('/runtime/player', { playerId: 'alice' })),
    );
    const failures = results.flatMap((r) =>
      r.status === 'rejected' ? [String((r.reason as { code?: string }).code)] : [],
    );
    expect(failures).toEqual([]);
    expect(emulator.stats.tokenRequests).toBe(1);
    // The stale lock now expires on its own.
    expect(Number(await direct.raw(['PTTL', lockKey]))).toBeGreaterThan(0);
  }, 30_000);
});
