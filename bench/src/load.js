// Closed-loop load and the small statistics the report needs.

/**
 * Runs `concurrency` workers, each calling `call()` back to back, until `durationMs` has passed or
 * `count` calls have been started. Returns calls answered, failures, wall time and this process's
 * CPU time over the run.
 */
export async function runLoad(call, { concurrency, durationMs = Infinity, count = Infinity }) {
  let started = 0;
  let calls = 0;
  let failures = 0;
  let firstError;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + durationMs;
  const worker = async () => {
    while (started < count && performance.now() < deadline) {
      started++;
      try {
        await call();
        calls++;
      } catch (error) {
        failures++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { calls, failures, firstError, wallMs, cpuUs: cpu.user + cpu.system };
}

/** Starts `n` calls at once and waits for all; returns wall time and how many failed. */
export async function burst(call, n) {
  const t0 = performance.now();
  const results = await Promise.allSettled(Array.from({ length: n }, () => call()));
  const failed = results.filter((r) => r.status === 'rejected');
  return {
    wallMs: performance.now() - t0,
    failures: failed.length,
    firstError: failed[0]?.reason,
  };
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rotates `items` by `round`, so every item runs in every position across rounds. */
export function rotate(items, round) {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Forces a full GC when the process runs with --expose-gc. */
export async function collect() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(20);
  }
}

/** The `p` quantile (0 to 1) of `values`, nearest rank. */
export function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * Open-loop load: starts calls at `ratePerSecond` for `durationMs`, whether earlier ones have
 * answered or not (as users arrive), and waits for all. Each call's latency is measured from when it
 * was sent. Returns the latencies in ms, calls answered, failures.
 */
export async function runPaced(call, { ratePerSecond, durationMs }) {
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const latencies = [];
  const pending = [];
  let failures = 0;
  let firstError;
  const t0 = performance.now();
  const one = async () => {
    const sent = performance.now();
    try {
      await call();
      latencies.push(performance.now() - sent);
    } catch (error) {
      failures++;
      firstError ??= error;
    }
  };
  let started = 0;
  while (started < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * ratePerSecond) / 1000) + 1);
    while (started < due) {
      started++;
      pending.push(one());
    }
    await sleep(1);
  }
  await Promise.all(pending);
  return {
    latencies,
    calls: latencies.length,
    failures,
    firstError,
    wallMs: performance.now() - t0,
  };
}

/** The concurrencies the per-call parts compare clients at. */
const CONCURRENCIES = [1, 64];

/**
 * Runs every client at concurrency 1 and 64, `rounds` times, interleaved: a rotated client order
 * per round, the concurrencies reversed every other round, after a warm-up of each (JIT, sockets,
 * token). `measure(client, concurrency, durationMs)` makes one run and answers what is kept; the
 * answer is a map from client name to `{ 1: [kept...], 64: [kept...] }`.
 */
export async function interleavedRuns(clients, { rounds, ms1, ms64, warmupMs }, measure) {
  const runs = new Map(clients.map((c) => [c.name, { 1: [], 64: [] }]));
  for (const client of clients) {
    await runLoad(client.call, { concurrency: 64, durationMs: warmupMs });
  }
  for (let round = 0; round < rounds; round++) {
    for (const client of rotate(clients, round)) {
      for (const concurrency of round % 2 ? [...CONCURRENCIES].reverse() : CONCURRENCIES) {
        const durationMs = concurrency === 1 ? ms1 : ms64;
        runs.get(client.name)[concurrency].push(await measure(client, concurrency, durationMs));
      }
    }
  }
  return runs;
}

/** `runLoad` that throws when a call failed: a figure with failures in it measures nothing. */
export async function runLoadOrThrow(client, options) {
  const run = await runLoad(client.call, options);
  if (run.failures > 0) {
    throw new Error(`${client.name} failed ${run.failures} calls: ${String(run.firstError)}`);
  }
  return run;
}
