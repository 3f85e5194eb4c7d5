import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as wait } from 'node:timers/promises';
import { RedisTokenStore } from 'nestjs-playlyfe/redis';
import { freePort, RedisProcess } from '../../fleet/fleet.js';
import { CLIENT_KINDS, type TestClient } from './client-kinds.js';

let redis: RedisProcess;

beforeAll(async () => {
  redis = new RedisProcess(await freePort());
  await redis.start();
}, 20_000);

afterAll(() => redis.kill());

/** Waits until Redis has expired `key` (a TTL, not a test timing: polled, never asserted). */
async function expired(raw: TestClient['raw'], key: string): Promise<void> {
  while ((await raw(['EXISTS', key])) !== 0) await wait(5);
}

describe.each(CLIENT_KINDS)('RedisTokenStore with an $name client', (kind) => {
  let test: TestClient;
  let store: RedisTokenStore;
  let key: string;
  let n = 0;

  beforeEach(async () => {
    test = await kind.connect(redis.port);
    store = new RedisTokenStore({ client: test.client });
    key = `test:${kind.name}:${n++}`;
  });

  afterEach(async () => {
    await store.close();
    await test.close();
  });

  it('reads undefined for a missing key, and a written value exactly as given', async () => {
    expect(await store.read(key)).toBeUndefined();
    const sealed = 'v1.AbC-_+/=.Ünïcødé.' + 'x'.repeat(2000);
    await store.write(key, sealed, 60_000);
    expect(await store.read(key)).toBe(sealed);
    expect(await test.raw(['GET', key])).toBe(sealed);
  });

  it('writes with the given time to live, in whole milliseconds', async () => {
    await store.write(key, 'value', 45_000.9);
    const ttl = Number(await test.raw(['PTTL', key]));
    expect(ttl).toBeGreaterThan(40_000);
    expect(ttl).toBeLessThanOrEqual(45_000);
    await store.write(key, 'short', 20);
    await expired(test.raw, key);
    expect(await store.read(key)).toBeUndefined();
  });

  it('deleteIfEquals deletes only while the key holds the expected value', async () => {
    await store.write(key, 'new', 60_000);
    await store.deleteIfEquals(key, 'old');
    expect(await store.read(key)).toBe('new');
    await store.deleteIfEquals(key, 'new');
    expect(await store.read(key)).toBeUndefined();
    await expect(store.deleteIfEquals(key, 'new')).resolves.toBeUndefined();
  });

  it('gives the lock to one holder at a time, with its time to live, until released', async () => {
    const first = await store.lock(key, 30_000);
    expect(first).toBeDefined();
    expect(Number(await test.raw(['PTTL', key]))).toBeGreaterThan(25_000);
    expect(await store.lock(key, 30_000)).toBeUndefined();
    await first?.release();
    expect(await test.raw(['EXISTS', key])).toBe(0);
    const second = await store.lock(key, 30_000);
    expect(second).toBeDefined();
    await second?.release();
  });

  it('of 20 concurrent lock attempts from two clients, exactly one wins', async () => {
    const other = await kind.connect(redis.port);
    const otherStore = new RedisTokenStore(other.client);
    try {
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? store : otherStore).lock(key, 30_000)),
      );
      expect(attempts.filter((lock) => lock !== undefined)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("a late release from a holder whose lock expired leaves the next holder's lock alone", async () => {
    const a = await store.lock(key, 30);
    expect(a).toBeDefined();
    await expired(test.raw, key);
    const b = await store.lock(key, 30_000);
    expect(b).toBeDefined();
    const held = await test.raw(['GET', key]);

    await a?.release();
    expect(await test.raw(['GET', key])).toBe(held);
    expect(await store.lock(key, 30_000)).toBeUndefined();
    await b?.release();
    expect(await test.raw(['EXISTS', key])).toBe(0);
  });
});

describe('RedisTokenStore({ connection }) (ioredis, created and closed by the store)', () => {
  it('takes and releases the lock and shares a value with a client of its own', async () => {
    const store = new RedisTokenStore({ connection: { host: '127.0.0.1', port: redis.port } });
    const url = new RedisTokenStore({ connection: `redis://127.0.0.1:${redis.port}` });
    try {
      const lock = await store.lock('test:connection:lock', 30_000);
      expect(lock).toBeDefined();
      expect(await url.lock('test:connection:lock', 30_000)).toBeUndefined();
      await lock?.release();
      await url.write('test:connection:value', 'sealed', 60_000);
      expect(await store.read('test:connection:value')).toBe('sealed');
    } finally {
      await store.close();
      await url.close();
    }
  });
});
