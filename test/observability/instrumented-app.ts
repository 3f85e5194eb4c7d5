/**
 * A Nest app with the OpenTelemetry SDK and the http and undici auto-instrumentations set up the
 * way apps do it (before the app's own modules load), written out for `node` to run as CommonJS or
 * as ESM. It makes the quick start's calls, delivers one play through PlaylyfePlaysModule, then
 * one control request per transport outside the module, and prints its finished spans as one JSON
 * line.
 */

const SETUP = `
const { context, trace } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici');
const exporter = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
);
registerInstrumentations({
  instrumentations: [new HttpInstrumentation(), new UndiciInstrumentation()],
});
globalThis.otelExporter = exporter;
`;

const APP = `
async function main(load) {
  await load('reflect-metadata');
  const { NestFactory } = await load('@nestjs/core');
  const { PlaylyfeModule, PlaylyfeService, PlaylyfeTokenService } = await load(process.env.LIB);
  const { PlaylyfePlays, PlaylyfePlaysModule } = await load(process.env.LIB.replace(/index\\.js$/, 'plays/index.js'));
  const http = await load('node:http');
  const { request } = await load('undici');
  const url = process.env.EMULATOR_URL;
  const app = await NestFactory.createApplicationContext(
    {
      module: class AppModule {},
      imports: [
        PlaylyfeModule.forRoot({
          clientId: process.env.CLIENT_ID,
          clientSecret: process.env.CLIENT_SECRET,
          apiBaseUrl: url,
          authBaseUrl: url,
        }),
        PlaylyfePlaysModule.forRoot(),
      ],
    },
    { logger: false },
  );
  const playlyfe = app.get(PlaylyfeService);
  await playlyfe.get('/runtime/player', { playerId: 'alice' });
  await playlyfe.forPlayer('alice').leaderboard('xp_leaderboard');
  const plays = app.get(PlaylyfePlays);
  await plays.result(await plays.enqueue({ playerId: 'alice', actionId: 'complete_quest', variables: { points: 1 } }));
  const token = await app.get(PlaylyfeTokenService).getAccessToken();
  const control = url + '/v2/runtime/player?player_id=control&access_token=' + token;
  await new Promise((resolve, reject) =>
    http.get(control, (res) => res.resume().on('end', resolve)).on('error', reject),
  );
  await (await request(control)).body.text();
  await app.close();
  const spans = globalThis.otelExporter.getFinishedSpans().map((span) => ({
    scope: span.instrumentationScope.name,
    name: span.name,
    text: JSON.stringify([span.name, span.attributes, span.events, span.links, span.status]),
  }));
  process.stdout.write(JSON.stringify({ token, spans }) + '\\n');
}
`;

export const CJS_APP = `${SETUP}${APP}
main(async (name) => require(name)).catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/** Run with `node --import ./otel-setup.mjs app.mjs`: the loader hook must be in place before any import. */
export const ESM_SETUP = `import { register, createRequire } from 'node:module';
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
const require = createRequire(import.meta.url);
${SETUP}`;

export const ESM_APP = `${APP}
await main((name) => import(name));
`;

/** An app with no OpenTelemetry at all (run with test/utils/hide-otel-api.mjs preloaded). */
const PLAIN_APP = `
async function main(load) {
  await load('reflect-metadata');
  const { NestFactory } = await load('@nestjs/core');
  const { PlaylyfeModule, PlaylyfeService } = await load(process.env.LIB);
  const { PlaylyfePlays, PlaylyfePlaysModule } = await load(process.env.LIB.replace(/index\\.js$/, 'plays/index.js'));
  const url = process.env.EMULATOR_URL;
  const app = await NestFactory.createApplicationContext(
    {
      module: class AppModule {},
      imports: [
        PlaylyfeModule.forRoot({
          clientId: process.env.CLIENT_ID,
          clientSecret: process.env.CLIENT_SECRET,
          apiBaseUrl: url,
          authBaseUrl: url,
        }),
        PlaylyfePlaysModule.forRoot(),
      ],
    },
    { logger: false },
  );
  const playlyfe = app.get(PlaylyfeService);
  const player = await playlyfe.get('/runtime/player', { playerId: 'alice' });
  await playlyfe.forPlayer('alice').leaderboard('xp_leaderboard');
  const plays = app.get(PlaylyfePlays);
  const play = await plays.result(await plays.enqueue({ playerId: 'alice', actionId: 'complete_quest', variables: { points: 1 } }));
  const hidden = await load('@opentelemetry/api').then(() => false, () => true);
  await app.close();
  process.stdout.write(JSON.stringify({ player: player.id, play: play.status, hidden }) + '\\n');
}
`;

export const PLAIN_CJS_APP = `${PLAIN_APP}
main(async (name) => require(name)).catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

export const PLAIN_ESM_APP = `${PLAIN_APP}
await main((name) => import(name));
`;
