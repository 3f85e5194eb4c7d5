import { afterEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { PlaylyfeError } from 'nestjs-playlyfe';
import { RedisTokenStore } from 'nestjs-playlyfe/redis';
import { createClient } from 'redis';
import { freePort } from '../fleet/fleet.js';

/**
 * What the constructor accepts. A client passed where `{ client }` belongs used to be read as
 * connection options and connect to localhost:6379 in silence; now every form either works or
 * fails at once with the call to write. No Redis is reached here: clients are never connected.
 */
const RIGHT_CALL = /new RedisTokenStore\(\{ client \}\).*new RedisTokenStore\(\{ connection: /;

function refusal(input: unknown): PlaylyfeError {
  try {
    new RedisTokenStore(input as ConstructorParameters<typeof RedisTokenStore>[0]);
  } catch (error) {
    return error as PlaylyfeError;
  }
  throw new Error('the constructor accepted it');
}

describe('new RedisTokenStore(...) accepts', () => {
  const clients: Redis[] = [];
  afterEach(() => clients.splice(0).forEach((client) => client.disconnect()));

  /** A lazyConnect ioredis client whose first command finds nothing to connect to, and gives up. */
  async function ioredis(): Promise<Redis> {
    const client = new Redis({
      port: await freePort(),
      lazyConnect: true,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  }

  it.each([
    ['an ioredis client itself', async () => ioredis()],
    ['{ client: ioredis }', async () => ({ client: await ioredis() })],
  ])('%s, and uses that client (starts it, as its first command would)', async (_, input) => {
    const store = new RedisTokenStore(await input());
    await expect(store.read('k')).rejects.toThrow(
      /^Redis is not connected \(ioredis status: (connecting|close|reconnecting|end)\)/,
    );
    await store.close();
  });

  it.each([
    ['a node-redis client itself', () => createClient()],
    ['{ client: node-redis }', () => ({ client: createClient() })],
  ])('%s, and leaves connecting it to the app', async (_, input) => {
    const store = new RedisTokenStore(input());
    await expect(store.read('k')).rejects.toThrow(/^Redis is not connected/);
    await store.close();
  });

  it('names the missing call for a node-redis client the app has not connected', async () => {
    const store = new RedisTokenStore(createClient());
    await expect(store.read('k')).rejects.toThrow('call `await client.connect()` first');
  });
});

describe('new RedisTokenStore(...) refuses, with the right call in the message', () => {
  it.each([
    ['connection options without { connection }', { host: 'redis.internal', port: 6380 }],
    ['a URL without { connection }', 'redis://:s3cr3t-pw@redis.internal:6379'],
    ['nothing', undefined],
    ['null', null],
    ['an empty object', {}],
    ['{ client } that is no client', { client: { host: 'redis.internal' } }],
    ['{ client: undefined }', { client: undefined }],
    ['{ connection } that is a number', { connection: 6379 }],
    ['a node-redis cluster', { masters: [], isOpen: false, sendCommand: () => undefined }],
  ])('%s', (_, input) => {
    const error = refusal(input);
    expect(error).toBeInstanceOf(PlaylyfeError);
    expect(error.code).toBe('invalid_options');
    expect(error.message).toMatch(/^Invalid RedisTokenStore options: /);
    expect(error.message).toMatch(RIGHT_CALL);
    expect(error.message).not.toMatch(/s3cr3t|redis\.internal|6380/);
  });
});
