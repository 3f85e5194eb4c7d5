import { Redis as IoRedis6 } from 'ioredis';
import { Redis as IoRedis5 } from 'ioredis5';
import { createClient, RESP_TYPES } from 'redis';
import type { RedisClient } from '../../../lib/redis/redis-clients.js';

/** A client as an app would create it, plus a raw command path for the test's own checks. */
export interface TestClient {
  readonly client: RedisClient;
  raw(args: string[]): Promise<unknown>;
  /** Whether the client itself sees a live connection. */
  connected(): boolean;
  /** Disconnects at once, whether or not Redis is still there. */
  close(): Promise<void>;
}

export interface ClientKind {
  readonly name: string;
  connect(port: number): Promise<TestClient>;
}

/** ioredis with its default options (offline queue on, 20 retries per request), as apps use it. */
function ioredis(name: string, create: (port: number) => IoRedis6 | IoRedis5): ClientKind {
  return {
    name,
    async connect(port) {
      const client = create(port);
      client.on('error', () => undefined);
      await new Promise((ready) => client.once('ready', ready));
      return {
        client,
        raw: ([command, ...args]) => client.call(command, args),
        connected: () => client.status === 'ready',
        close: () => Promise.resolve(client.disconnect()),
      };
    },
  };
}

/** node-redis, optionally with the app's own reply type mapping (Buffers instead of strings). */
function nodeRedis(name: string, buffers: boolean): ClientKind {
  return {
    name,
    async connect(port) {
      const created = createClient({ socket: { host: '127.0.0.1', port } });
      created.on('error', () => undefined);
      await created.connect();
      const client = buffers
        ? created.withTypeMapping({
            [RESP_TYPES.BLOB_STRING]: Buffer,
            [RESP_TYPES.SIMPLE_STRING]: Buffer,
          })
        : created;
      return {
        client,
        raw: async (args) => {
          const reply: unknown = await client.sendCommand(args);
          return Buffer.isBuffer(reply) ? reply.toString() : reply;
        },
        connected: () => client.isReady,
        close: () => Promise.resolve(created.destroy()),
      };
    },
  };
}

export const CLIENT_KINDS: readonly ClientKind[] = [
  ioredis('ioredis 6', (port) => new IoRedis6({ host: '127.0.0.1', port })),
  ioredis('ioredis 5', (port) => new IoRedis5({ host: '127.0.0.1', port })),
  nodeRedis('node-redis 6', false),
  nodeRedis('node-redis 6 with Buffer replies', true),
];
