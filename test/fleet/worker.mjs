// One instance of an app, in its own process: a Nest application context with PlaylyfeModule,
// driven by its parent over IPC. Imports the built package (npm run build) by its own name.
// `redisClient` picks how the app reaches Redis: 'connection' (the store creates an ioredis
// client), or a client the app creates itself: 'ioredis 6', 'ioredis 5', 'node-redis 6'.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlaylyfeModule, PlaylyfeService } from 'nestjs-playlyfe';
import { RedisTokenStore } from 'nestjs-playlyfe/redis';

const { url, clientId, clientSecret, redisPort, shared, redisClient } = JSON.parse(process.argv[2]);

const forward = (level) => (message) => process.send?.({ log: `${level} ${String(message)}` });
const logger = {
  log: forward('log'),
  warn: forward('warn'),
  error: forward('error'),
  debug: forward('debug'),
  verbose: forward('verbose'),
};

/** The app's own Redis client, with the options each library uses by default. */
async function appClient(kind) {
  if (kind === 'node-redis 6') {
    const { createClient } = await import('redis');
    const client = createClient({ socket: { host: '127.0.0.1', port: redisPort } });
    client.on('error', () => undefined);
    await client.connect();
    return { client, close: () => client.close() };
  }
  const { Redis } = await import(kind === 'ioredis 5' ? 'ioredis5' : 'ioredis');
  const client = new Redis({ host: '127.0.0.1', port: redisPort });
  client.on('error', () => undefined);
  await new Promise((ready) => client.once('ready', ready));
  return { client, close: () => client.quit() };
}

const appRedis = shared && redisClient !== 'connection' ? await appClient(redisClient) : undefined;
const tokenStore = !shared
  ? undefined
  : appRedis
    ? new RedisTokenStore({ client: appRedis.client })
    : new RedisTokenStore({ connection: { host: '127.0.0.1', port: redisPort } });

class AppModule {}
Module({
  imports: [
    PlaylyfeModule.forRoot({
      clientId,
      clientSecret,
      apiBaseUrl: url,
      authBaseUrl: url,
      tokenStore,
      // A burst's token request is served after hundreds of API calls by the one emulator process;
      // on a loaded machine that outlasted the default 3 s wait and the others fetched their own
      // (issue 17). Wait as long as a call may last (its default 10 s timeout).
      tokenStoreWaitMs: 10_000,
    }),
  ],
})(AppModule);

const app = await NestFactory.createApplicationContext(AppModule, { logger });
const playlyfe = app.get(PlaylyfeService);

async function calls(count) {
  const results = await Promise.allSettled(
    Array.from({ length: count }, () => playlyfe.get('/runtime/player', { playerId: 'alice' })),
  );
  const failures = results
    .filter((r) => r.status === 'rejected')
    .map((r) => `${r.reason?.code}: ${r.reason?.message}`);
  return {
    ok: results.length - failures.length,
    failed: failures.length,
    failures: failures.slice(0, 3),
  };
}

process.on('message', async (message) => {
  if (message.cmd === 'burst') {
    process.send({ id: message.id, ...(await calls(message.count)) });
  } else if (message.cmd === 'stream') {
    const total = { ok: 0, failed: 0, failures: [] };
    for (let round = 0; round < message.rounds; round++) {
      const r = await calls(message.count);
      total.ok += r.ok;
      total.failed += r.failed;
      total.failures.push(...r.failures);
      await new Promise((resolve) => setTimeout(resolve, message.gapMs));
    }
    process.send({ id: message.id, ...total, failures: total.failures.slice(0, 3) });
  } else if (message.cmd === 'storeUp') {
    const up = await tokenStore?.read('fleet:probe').then(
      () => true,
      () => false,
    );
    process.send({ id: message.id, up });
  } else if (message.cmd === 'close') {
    await app.close();
    await appRedis?.close();
    process.disconnect();
  }
});
process.send({ ready: true });
