import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type {
  PlaylyfeTokenStore,
  PlaylyfeTokenStoreLock,
} from '../interfaces/playlyfe-token-store.interface.js';

/** Deletes KEYS[1] only while it holds ARGV[1]: compare-and-delete in one round trip. */
const DELETE_IF_EQUALS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** An existing ioredis client (you close it), or connection options (the store owns and closes the client). */
export type RedisTokenStoreOptions = { client: Redis } | { connection: RedisOptions | string };

/** A PlaylyfeTokenStore on Redis: one access token and one refresh lock for a whole fleet. */
export class RedisTokenStore implements PlaylyfeTokenStore {
  private readonly redis: Redis;
  private readonly owned: boolean;

  constructor(options: RedisTokenStoreOptions) {
    if ('client' in options) {
      this.redis = options.client;
      this.owned = false;
    } else {
      // Commands fail fast while Redis is down (no offline queue), and the client reconnects on its own.
      const fastFail: RedisOptions = {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
      };
      this.redis =
        typeof options.connection === 'string'
          ? new Redis(options.connection, fastFail)
          : new Redis({ ...options.connection, ...fastFail });
      // Errors surface on each command; without a listener ioredis would print every reconnect failure.
      this.redis.on('error', () => undefined);
      this.owned = true;
    }
  }

  async read(key: string): Promise<string | undefined> {
    await this.ready();
    return (await this.redis.get(key)) ?? undefined;
  }

  async write(key: string, value: string, ttlMs: number): Promise<void> {
    await this.ready();
    await this.redis.set(key, value, 'PX', Math.max(1, Math.floor(ttlMs)));
  }

  async deleteIfEquals(key: string, expected: string): Promise<void> {
    await this.ready();
    await this.redis.eval(DELETE_IF_EQUALS, 1, key, expected);
  }

  async lock(key: string, ttlMs: number): Promise<PlaylyfeTokenStoreLock | undefined> {
    await this.ready();
    const owner = randomUUID();
    const taken = await this.redis.set(key, owner, 'PX', Math.max(1, Math.floor(ttlMs)), 'NX');
    if (taken !== 'OK') return undefined;
    return { release: () => this.deleteIfEquals(key, owner) };
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  /** Waits for the first connection of an owned client; later outages fail commands at once. */
  private async ready(): Promise<void> {
    const status = this.redis.status;
    if (
      status === 'ready' ||
      !this.owned ||
      (status !== 'connecting' && status !== 'connect' && status !== 'wait')
    )
      return;
    if (status === 'wait') await this.redis.connect();
    if ((this.redis.status as string) === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.redis.off('ready', done);
        this.redis.off('end', done);
        this.redis.off('error', done);
        resolve();
      };
      this.redis.on('ready', done);
      this.redis.on('end', done);
      this.redis.on('error', done);
    });
  }
}
