// Parts 2-4: what the module does to the token endpoint. Counts come from the emulator's own
// counters (deltas of `stats`), read over IPC from its process.
import { DEMO_CLIENT } from '../../dist/esm/testing/index.js';
import { PLAYER, ROUTE, playlyfeApp } from './clients.js';
import { burst, median, runLoad, sleep } from './load.js';

const delta = (before, after) => ({
  tokenRequests: after.tokenRequests - before.tokenRequests,
  apiRequests: after.apiRequests - before.apiRequests,
  unauthorized: after.unauthorized - before.unauthorized,
});

const getter = (service) => () => service.get(ROUTE, { playerId: PLAYER });

/** Part 2: `n` concurrent first calls of a fresh module against the same burst with a token held. */
export async function coldStart(server, { rounds, n }) {
  const cold = [];
  const warm = [];
  const runCold = async () => {
    const { app, service } = await playlyfeApp(server.url);
    try {
      const s0 = await server.stats();
      const run = await burst(getter(service), n);
      cold.push({ ...run, ...delta(s0, await server.stats()) });
    } finally {
      await app.close();
    }
  };
  const runWarm = async () => {
    const { app, service } = await playlyfeApp(server.url);
    try {
      await service.get(ROUTE, { playerId: PLAYER }); // token now held (one connection warm)
      const s0 = await server.stats();
      const run = await burst(getter(service), n);
      warm.push({ ...run, ...delta(s0, await server.stats()) });
    } finally {
      await app.close();
    }
  };
  await runWarm(); // warm-up round, discarded
  warm.length = 0;
  for (let round = 0; round < rounds; round++) {
    for (const run of round % 2 ? [runWarm, runCold] : [runCold, runWarm]) await run();
  }
  return {
    rounds,
    calls: n,
    tokenRequests: {
      max: Math.max(...cold.map((r) => r.tokenRequests)),
      perRound: cold.map((r) => r.tokenRequests),
    },
    failures:
      cold.reduce((sum, r) => sum + r.failures, 0) + warm.reduce((sum, r) => sum + r.failures, 0),
    coldMs: median(cold.map((r) => r.wallMs)),
    warmMs: median(warm.map((r) => r.wallMs)),
    coldOverWarm: median(cold.map((r, i) => r.wallMs / warm[i].wallMs)),
  };
}

/** Part 3: every token revoked while `n` calls are held in flight by the emulator's API latency. */
export async function revocationStorm(server, { rounds, n, latencyMs }) {
  const { app, service } = await playlyfeApp(server.url);
  const storms = [];
  try {
    // Token held and n connections open, so the arrival of the storm's calls is quick.
    await burst(getter(service), n);
    for (let round = 0; round < rounds; round++) {
      await server.call('setApiLatency', latencyMs);
      const s0 = await server.stats();
      const t0 = performance.now();
      const calls = Promise.allSettled(Array.from({ length: n }, getter(service)));
      // Every call has its token attached (from the held token) before any answer can come back;
      // revoke as soon as the first one reaches the emulator, which holds each call `latencyMs`
      // before it checks the token. The latency must outlast the client's dispatch of all n calls
      // (about a second of CPU on a busy 2-core machine), or early calls pass before the revoke.
      const until = performance.now() + 10_000;
      while ((await server.stats()).apiRequests === s0.apiRequests) {
        if (performance.now() > until) throw new Error('the emulator never received the burst');
        await sleep(1);
      }
      await server.call('revokeAllTokens');
      const results = await calls;
      const wallMs = performance.now() - t0;
      await server.call('setApiLatency', 0);
      const d = delta(s0, await server.stats());
      const failed = results.filter((r) => r.status === 'rejected');
      storms.push({
        ...d,
        wallMs,
        failures: failed.length,
        firstError: failed[0] ? String(failed[0].reason) : undefined,
        extraRoundTripsPerCall: (d.apiRequests - n) / n,
      });
    }
  } finally {
    await server.call('setApiLatency', 0);
    await app.close();
  }
  return {
    rounds,
    calls: n,
    apiLatencyMs: latencyMs,
    tokenRequests: {
      max: Math.max(...storms.map((s) => s.tokenRequests)),
      perRound: storms.map((s) => s.tokenRequests),
    },
    // Every call must have met the revoked token for the round to count as a storm.
    unauthorized: Math.min(...storms.map((s) => s.unauthorized)),
    extraRoundTripsPerCall: Math.max(...storms.map((s) => s.extraRoundTripsPerCall)),
    failures: storms.reduce((sum, s) => sum + s.failures, 0),
    firstError: storms.find((s) => s.firstError)?.firstError,
    wallMs: median(storms.map((s) => s.wallMs)),
  };
}

/** Part 4: steady load for `seconds` while the emulator issues tokens that live `lifetime` seconds. */
export async function expiryChurn(server, { seconds, lifetime, concurrency }) {
  await server.call('setTokenLifetime', DEMO_CLIENT.id, lifetime);
  const { app, service } = await playlyfeApp(server.url);
  try {
    const s0 = await server.stats();
    const run = await runLoad(getter(service), { concurrency, durationMs: seconds * 1000 });
    const d = delta(s0, await server.stats());
    const lifetimes = run.wallMs / 1000 / lifetime;
    return {
      seconds: run.wallMs / 1000,
      tokenLifetimeSeconds: lifetime,
      concurrency,
      calls: run.calls,
      failures: run.failures,
      firstError: run.firstError ? String(run.firstError) : undefined,
      unauthorized: d.unauthorized,
      tokenRequests: d.tokenRequests,
      tokenRequestsPerLifetime: d.tokenRequests / lifetimes,
    };
  } finally {
    await app.close();
    await server.call('setTokenLifetime', DEMO_CLIENT.id, 3600);
  }
}
