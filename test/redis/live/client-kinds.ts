import { Redis as IoRedis6 } from 'ioredis';
import { Redis as IoRedis5 } from 'ioredis5';
import { createClient } from 'redis';
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

const nodeRedis: ClientKind = {
  name: 'node-redis 6',
  async connect(port) {
    const client = createClient({ socket: { host: '127.0.0.1', port } });
    client.on('error', () => undefined);
    await client.connect();
    return {
      client,
      raw: (args) => client.sendCommand(args),
      connected: () => client.isReady,
      close: () => Promise.resolve(client.destroy()),
    };
  },
};

export const CLIENT_KINDS: readonly ClientKind[] = [
  ioredis('ioredis 6', (port) => new IoRedis6({ host: '127.0.0.1', port })),
  ioredis('ioredis 5', (port) => new IoRedis5({ host: '127.0.0.1', port })),
  nodeRedis,
];
