// The telemetry hooks of one call, timed on their own in this process (which has
// @opentelemetry/api installed and no SDK registered): the module's sequence per call
// (callStarted, run, end) with the real telemetry against the shared no-op it uses when the
// API is absent. Batches alternate, so machine noise hits both alike; medians are reported.
import { NO_CALL_TELEMETRY } from '../../dist/esm/telemetry/telemetry.interfaces.js';
import { otel, otelLoaded } from '../../dist/esm/telemetry/otel-api.js';
import { PlaylyfeTelemetry } from '../../dist/esm/telemetry/playlyfe.telemetry.js';
import { median } from './load.js';

const URL_ = 'http://127.0.0.1:1/v2/runtime/player?player_id=alice';
const ANSWER = Promise.resolve({ status: 200 });
const answer = () => ANSWER;
const OUTCOME = { attempts: 1, status: 200 };

async function batch(start, iterations) {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) {
    const telemetry = start();
    await telemetry.run(answer);
    telemetry.end(OUTCOME);
  }
  return ((performance.now() - t0) * 1e6) / iterations;
}

export async function hookOverhead({ rounds, iterations }) {
  await otelLoaded;
  if (!otel()) throw new Error('@opentelemetry/api is not installed: nothing to measure');
  const telemetry = new PlaylyfeTelemetry('default', {
    apiUrl: 'http://127.0.0.1:1/v2',
    tokenUrl: 'http://127.0.0.1:1/auth/token',
    tokenPlacement: 'query',
  });
  const real = () => telemetry.callStarted('GET', '/runtime/player', URL_);
  const none = () => NO_CALL_TELEMETRY;
  await batch(real, iterations); // warm-up
  await batch(none, iterations);
  const withApi = [];
  const without = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [none, real] : [real, none];
    for (const start of order)
      (start === real ? withApi : without).push(await batch(start, iterations));
  }
  const overheads = withApi.map((ns, i) => ns - without[i]);
  return {
    rounds,
    iterations,
    nsPerCallWithApi: median(withApi),
    nsPerCallNoop: median(without),
    overheadNsPerCall: median(overheads),
  };
}
