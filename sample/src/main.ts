import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { startTracing } from './tracing.js';

/** `PORT` (default 3000) and `HOST` (default localhost) to listen on. */
function listenAddress(): { port: number; host: string } {
  const port = Number(process.env['PORT'] || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (got '${process.env['PORT']}')`);
  }
  return { port, host: process.env['HOST'] || 'localhost' };
}

async function bootstrap(): Promise<void> {
  const { port, host } = listenAddress();
  await startTracing(); // OTEL_TRACES_EXPORTER=console prints the spans
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks(); // SIGINT/SIGTERM close the app, and with it the embedded emulator
  await app.listen(port, host);
  new Logger('Sample').log(`Listening on http://${host}:${port}`);
}

void bootstrap();
