import { randomUUID } from 'node:crypto';
import type {
  PlaylyfeTokenStore,
  PlaylyfeTokenStoreLock,
} from '../interfaces/playlyfe-token-store.interface.js';
import { PlaylyfeError } from '../playlyfe.errors.js';
import { withTimeout } from '../utils/delay.js';
import { connectIoRedis } from './ioredis-connection.js';
import {
  isIoRedisClient,
  isNodeRedisClient,
  isNodeRedisCluster,
  type IoRedisConnection,
  type RedisClient,
} from './redis-clients.js';
import { IoRedisLink, NodeRedisLink, type RedisLink } from './redis-link.js';

/** Deletes KEYS[1] only while it holds ARGV[1]: compare-and-delete in one round trip. */
const DELETE_IF_EQUALS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Takes the lock KEYS[1] for ARGV[2] ms with owner ARGV[1] if it is free (SET NX PX). A lock key
 * left without a time to live (written by hand, or by an old client) is given one, so it cannot
 * block refreshes forever. One script, one round trip: 1 when taken, 0 otherwise.
 */
const LOCK = `if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end
if redis.call('pttl', KEYS[1]) == -1 then redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`;

/**
 * The longest a store operation may take. The coordinator gives up sooner (`tokenStoreTimeoutMs`,
 * 1 s by default); this bound keeps the store itself from hanging when it is used on its own.
 */
const OPERATION_TIMEOUT_MS = 2_000;

const USAGE =
  'Pass your own ioredis 5/6 or node-redis client as new RedisTokenStore({ client }) (you connect ' +
  "and close it), or connection settings as new RedisTokenStore({ connection: 'redis://host:6379' }) " +
  '(the store creates an ioredis client and closes it).';

/**
 * An ioredis 5/6 or node-redis client (you connect and close it), or ioredis connection options
 * or URL (the store connects and closes that client).
 */
export type RedisTokenStoreOptions = { client: RedisClient } | { connection: IoRedisConnection };

/** A PlaylyfeTokenStore on Redis: one access token and one refresh lock for a whole fleet. */
export class RedisTokenStore implements PlaylyfeTokenStore {
  private readonly link: Promise<RedisLink>;

  /** Takes `{ client }`, `{ connection }`, or an ioredis or node-redis client itself. */
  constructor(options: RedisTokenStoreOptions | RedisClient) {
    this.link = linkFor(options);
    this.link.catch(() => undefined); // each operation reports it
  }

  async read(key: string): Promise<string | undefined> {
    return text(await this.send(['GET', key]));
  }

  async write(key: string, value: string, ttlMs: number): Promise<void> {
    await this.send(['SET', key, value, 'PX', String(wholeMs(ttlMs))]);
  }

  async deleteIfEquals(key: string, expected: string): Promise<void> {
    await this.send(['EVAL', DELETE_IF_EQUALS, '1', key, expected]);
  }

  async lock(key: string, ttlMs: number): Promise<PlaylyfeTokenStoreLock | undefined> {
    const owner = randomUUID();
    const taken = await this.send(['EVAL', LOCK, '1', key, owner, String(wholeMs(ttlMs))]);
    if (Number(taken) !== 1) return undefined;
    return { release: () => this.deleteIfEquals(key, owner) };
  }

  async close(): Promise<void> {
    const link = await this.link.catch(() => undefined);
    await link?.close();
  }

  private send(args: string[]): Promise<unknown> {
    return withTimeout(
      this.link.then((link) => link.send(args)),
      OPERATION_TIMEOUT_MS,
      `Redis did not answer within ${OPERATION_TIMEOUT_MS} ms`,
    );
  }
}

/** A reply as text: node-redis answers with Buffers when the app maps its reply types so. */
function text(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return Buffer.from(reply).toString('utf8');
  return undefined;
}

function wholeMs(ttlMs: number): number {
  return Math.max(1, Math.floor(ttlMs));
}

function linkFor(options: unknown): Promise<RedisLink> {
  if (options === null || typeof options !== 'object') throw invalid(`got ${typeof options}`);
  const client = clientLink(options);
  if (client) return Promise.resolve(client);
  if ('client' in options) {
    const given: unknown = options.client;
    const link = given !== null && typeof given === 'object' ? clientLink(given) : undefined;
    if (!link) throw invalid('`client` is neither an ioredis nor a node-redis client');
    return Promise.resolve(link);
  }
  if ('connection' in options) {
    const connection: unknown = options.connection;
    if (typeof connection !== 'string' && (connection === null || typeof connection !== 'object'))
      throw invalid('`connection` must be a Redis URL or ioredis options');
    return connectIoRedis(connection as IoRedisConnection);
  }
  const keys = Object.keys(options).slice(0, 5).join(', ');
  throw invalid(`got an object with ${keys ? `keys ${keys}` : 'no keys'}`);
}

function clientLink(value: object): RedisLink | undefined {
  if (isNodeRedisCluster(value))
    throw invalid('node-redis cluster and sentinel clients are not supported');
  if (isNodeRedisClient(value)) return new NodeRedisLink(value);
  if (isIoRedisClient(value)) return new IoRedisLink(value, false);
  return undefined;
}

function invalid(problem: string): PlaylyfeError {
  return new PlaylyfeError(`Invalid RedisTokenStore options: ${problem}. ${USAGE}`, {
    code: 'invalid_options',
  });
}
