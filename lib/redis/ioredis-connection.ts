import type { RedisOptions } from 'ioredis';
import type { IoRedisConnection } from './redis-clients.js';
import { IoRedisLink } from './redis-link.js';

/**
 * Connects an ioredis client that the store owns. ioredis is loaded here, on first use, so that an
 * app with node-redis and no ioredis can load `nestjs-playlyfe/redis` (in the CommonJS build this
 * `import()` becomes a `require` inside a promise).
 */
export async function connectIoRedis(connection: IoRedisConnection): Promise<IoRedisLink> {
  let Redis: typeof import('ioredis').Redis;
  try {
    ({ Redis } = await import('ioredis'));
  } catch {
    throw new Error(
      'new RedisTokenStore({ connection }) needs the ioredis package (npm install ioredis); ' +
        'with node-redis, pass your connected client: new RedisTokenStore({ client })',
    );
  }
  // Commands fail fast while Redis is down (no offline queue), and the client reconnects on its own.
  const fastFail: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  };
  const client =
    typeof connection === 'string'
      ? new Redis(connection, fastFail)
      : new Redis({ ...(connection as RedisOptions), ...fastFail });
  // Errors surface on each command; without a listener ioredis would print every reconnect failure.
  client.on('error', () => undefined);
  return new IoRedisLink(client, true);
}
