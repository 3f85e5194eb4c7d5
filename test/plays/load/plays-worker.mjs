// One app instance delivering plays, in its own process: PlaylyfeModule and PlaylyfePlaysModule on
// the BullMQ back end, driven by its parent over IPC. Imports the built package (npm run build).
import 'reflect-metadata';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlaylyfeModule } from 'nestjs-playlyfe';
import { PlaylyfePlays, PlaylyfePlaysModule } from 'nestjs-playlyfe/plays';

const { url, clientId, clientSecret, client, plays } = JSON.parse(process.argv[2]);

const forward = (level) => (message) => process.send?.({ log: `${level} ${String(message)}` });
const logger = {
  log: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
  warn: forward('warn'),
  error: forward('error'),
};

class AppModule {}
Module({
  imports: [
    PlaylyfeModule.forRoot({
      clientId,
      clientSecret,
      apiBaseUrl: url,
      authBaseUrl: url,
      ...client,
    }),
    PlaylyfePlaysModule.forRoot(plays),
  ],
})(AppModule);

const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();
const app = await NestFactory.createApplicationContext(AppModule, { logger });
const service = app.get(PlaylyfePlays);

process.on('message', async (message) => {
  if (message.cmd === 'enqueue') {
    // 100 at a time, in order: as a busy app's requests would.
    const ids = [];
    for (let i = 0; i < message.plays.length; i += 100) {
      const batch = message.plays.slice(i, i + 100);
      ids.push(...(await Promise.all(batch.map((play) => service.enqueue(play)))));
    }
    process.send({ id: message.id, ids });
  } else if (message.cmd === 'lag') {
    process.send({ id: message.id, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 });
  } else if (message.cmd === 'close') {
    await app.close();
    process.disconnect();
  }
});
process.send({ ready: true });
