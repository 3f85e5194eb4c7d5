/**
 * The parts of a Redis client the store uses, written out so that neither client library is
 * needed to compile or load `nestjs-playlyfe/redis`: an app installs only the one it uses.
 */

type Listener = () => void;
type ConnectionEvent = 'ready' | 'error' | 'end';

/** An ioredis 5 or 6 client (`new Redis(...)`). */
export interface IoRedisClient {
  readonly status: string;
  call(command: string, args: (string | number)[]): Promise<unknown>;
  connect(): Promise<void>;
  once(event: ConnectionEvent, listener: Listener): unknown;
  off(event: ConnectionEvent, listener: Listener): unknown;
}

/** A node-redis client (`createClient(...)` from `redis`), connected by the app. */
export interface NodeRedisClient {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  sendCommand(args: string[]): Promise<unknown>;
  once(event: ConnectionEvent, listener: Listener): unknown;
  off(event: ConnectionEvent, listener: Listener): unknown;
}

/** A URL or the options that ioredis's `new Redis(...)` accepts (ioredis checks them). */
export type IoRedisConnection =
  | string
  | { host?: string; port?: number; password?: string; db?: number; [option: string]: unknown };

export type RedisClient = IoRedisClient | NodeRedisClient;

const has = (value: object, name: string, type: string): boolean =>
  typeof (value as Record<string, unknown>)[name] === type;

export function isNodeRedisClient(value: object): value is NodeRedisClient {
  return has(value, 'sendCommand', 'function') && has(value, 'isOpen', 'boolean');
}

export function isIoRedisClient(value: object): value is IoRedisClient {
  return has(value, 'call', 'function') && has(value, 'status', 'string');
}

/** node-redis cluster and sentinel clients take other `sendCommand` arguments. */
export function isNodeRedisCluster(value: object): boolean {
  return 'masters' in value || 'getMasterNode' in value;
}
