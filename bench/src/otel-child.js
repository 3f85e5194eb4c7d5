// One PlaylyfeService in its own process, for the telemetry-cost part. Modes:
//   absent  run with test/utils/hide-otel-api.mjs preloaded: @opentelemetry/api cannot be loaded
//   api     @opentelemetry/api installed, no SDK registered (the case that must cost nothing)
//   sdk     the SDK registered: spans recorded and handed to a processor that drops them, metrics
//           aggregated by a MeterProvider (for information: what turning tracing on costs)
// Then answers { run: { concurrency, durationMs } } messages with the load's figures.
//   node [--import test/utils/hide-otel-api.mjs] bench/src/otel-child.js <emulator url> <mode>
import { PLAYER, ROUTE, playlyfeApp } from './clients.js';
import { runLoad } from './load.js';

const [url, mode] = process.argv.slice(2);

async function registerSdk() {
  const { context, metrics, trace } = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { BasicTracerProvider, SimpleSpanProcessor } =
    await import('@opentelemetry/sdk-trace-base');
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const dropping = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(dropping)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider());
}

if (mode === 'sdk') await registerSdk();
const { app, service } = await playlyfeApp(url);
const call = () => service.get(ROUTE, { playerId: PLAYER });
let telemetryLoaded = true;
try {
  await import('@opentelemetry/api');
} catch {
  telemetryLoaded = false;
}
await runLoad(call, { concurrency: 64, durationMs: 250 }); // warm-up: JIT, sockets, token
process.send({ ready: { mode, telemetryLoaded } });

process.on('message', async (message) => {
  if (message.stop) {
    await app.close();
    process.disconnect();
    return;
  }
  const run = await runLoad(call, message.run);
  process.send({
    calls: run.calls,
    failures: run.failures,
    wallMs: run.wallMs,
    cpuUs: run.cpuUs,
  });
});
