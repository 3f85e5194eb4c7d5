// What an app with node-redis and no ioredis does with the store; prints what happened as JSON.
import { createClient } from 'redis';

export async function exercise(RedisTokenStore, entry, ioredisMissing) {
  const port = Number(process.argv[2]);
  const client = createClient({ socket: { host: '127.0.0.1', port } });
  client.on('error', () => undefined);
  await client.connect();
  const key = `no-ioredis:${process.pid}`;
  try {
    const store = new RedisTokenStore({ client });
    const lock = await store.lock(`${key}:lock`, 30_000);
    const second = await store.lock(`${key}:lock`, 30_000);
    await lock?.release();
    await store.write(key, 'sealed', 60_000);
    const read = await store.read(key);
    await store.deleteIfEquals(key, 'sealed');
    const deleted = (await store.read(key)) === undefined;
    const viaConnection = new RedisTokenStore({ connection: { port } });
    const connection = await viaConnection.read(key).then(
      () => 'resolved',
      (error) => error.message,
    );
    await viaConnection.close();
    console.log(
      JSON.stringify({
        entry,
        ioredisMissing: await ioredisMissing(),
        locked: lock !== undefined,
        secondLocked: second !== undefined,
        released: (await client.exists(`${key}:lock`)) === 0,
        read,
        deleted,
        connection,
      }),
    );
  } finally {
    await client.close();
  }
}
