import { afterEach, describe, expect, it } from '@jest/globals';
import { setTimeout as wait } from 'node:timers/promises';
import { RedisTokenStore } from 'nestjs-playlyfe/redis';
import { freePort, RedisProcess } from '../../fleet/fleet.js';
import { CLIENT_KINDS, type TestClient } from './client-kinds.js';

/**
 * Fail-open needs a store that says "no" instead of waiting: client libraries queue commands
 * while they reconnect, and the store must not. Rejections name the disconnection, not the
 * store's own 2 s bound, so each of these answered without waiting it out.
 */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

async function redisOn(port: number): Promise<RedisProcess> {
  const redis = new RedisProcess(port);
  await redis.start();
  opened.push({ close: () => redis.kill() });
  return redis;
}

/** The store answers again once its client has reconnected on its own. */
async function recovered(store: RedisTokenStore): Promise<void> {
  for (;;) {
    try {
      return await store.write('test:outage:after', 'value', 60_000);
    } catch {
      await wait(50);
    }
  }
}

describe.each(CLIENT_KINDS)('RedisTokenStore with an $name client, Redis killed', (kind) => {
  it('rejects every operation at once while Redis is down, and works again after', async () => {
    const redis = await redisOn(await freePort());
    const test: TestClient = await kind.connect(redis.port);
    opened.push(test);
    const store = new RedisTokenStore({ client: test.client });
    await store.write('test:outage:before', 'value', 60_000);

    await redis.kill();
    // Commands already on the wire when the socket dies are the client's to retry; the store
    // bounds those at 2 s. Commands sent once the client knows must not wait at all.
    while (test.connected()) await wait(5);
    const down = await Promise.allSettled([
      store.read('k'),
      store.write('k', 'v', 1000),
      store.deleteIfEquals('k', 'v'),
      store.lock('k:lock', 1000),
    ]);
    for (const result of down) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { message: expect.stringMatching(/^Redis is not connected/) },
      });
    }

    await redis.start();
    await recovered(store);
    expect(await store.read('test:outage:after')).toBe('value');
  }, 30_000);
});

describe('RedisTokenStore({ connection }) with no Redis to reach', () => {
  it('rejects its operations, and close() still returns', async () => {
    const store = new RedisTokenStore({
      connection: { host: '127.0.0.1', port: await freePort() },
    });
    await expect(store.read('k')).rejects.toThrow(/not connected/);
    await expect(store.lock('k', 1000)).rejects.toThrow(/not connected/);
    await store.close();
  });
});
