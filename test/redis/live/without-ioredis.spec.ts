import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort, RedisProcess } from '../../fleet/fleet.js';

/**
 * An app with node-redis and no ioredis loads `nestjs-playlyfe/redis` from either build and
 * shares a token through it. Runs the built package (npm run build) in a child process where
 * `ioredis` cannot be resolved, by require or by import (no-ioredis/hide-ioredis.mjs).
 */
const FIXTURES = resolve(import.meta.dirname, 'no-ioredis');
let redis: RedisProcess;

beforeAll(async () => {
  redis = new RedisProcess(await freePort());
  await redis.start();
}, 20_000);

afterAll(() => redis.kill());

async function run(script: string, hide: boolean): Promise<Record<string, unknown>> {
  const preload = hide ? ['--import', './hide-ioredis.mjs'] : [];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...preload, script, String(redis.port)],
    { cwd: FIXTURES, timeout: 20_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe.each([
  ['CommonJS', 'require', 'app-require.mjs', '/dist/cjs/redis/index.js'],
  ['ESM', 'import', 'app-import.mjs', '/dist/esm/redis/index.js'],
])('the %s build (by %s), in an app without ioredis', (_, _how, script, entry) => {
  it('loads, and locks, releases, writes, reads and deletes through a node-redis client', async () => {
    expect(await run(script, true)).toEqual({
      entry: expect.stringContaining(entry),
      ioredisMissing: true,
      locked: true,
      secondLocked: false,
      released: true,
      read: 'sealed',
      deleted: true,
      connection: expect.stringMatching(
        /^new RedisTokenStore\(\{ connection \}\) needs the ioredis package/,
      ),
    });
  });

  it('with ioredis installed, the same script reaches Redis through { connection } too', async () => {
    expect(await run(script, false)).toMatchObject({
      ioredisMissing: false,
      connection: 'resolved',
    });
  });
});
