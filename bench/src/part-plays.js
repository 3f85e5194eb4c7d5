// Part 8: the user's request while Playlyfe stalls. A Nest app in its own process (plays-child.js)
// answers the same handler four ways: alone, with a no-op interceptor (what any Nest interceptor
// costs), with @PlaylyfePlay (the play queued in the embedded queue), and awaiting the play itself.
// Every play POST to the emulator is applied, then its answer held `stallMs` (stall-after-apply at
// rate 1). Requests come from this process over an undici Pool at a fixed rate (open loop, as users
// arrive: a request does not wait for the one before), so a latency is what one user waits, not a
// share of a saturated CPU. The handler alone, twice (the second against the first is the noise
// floor), the no-op interceptor and @PlaylyfePlay take turns request by request in one stream, so a
// hiccup of the shared machine hits them alike; the synchronous endpoint runs after the stream in
// each round (its requests wait for Playlyfe). Latencies are pooled over the rounds.
import { fork } from 'node:child_process';
import os from 'node:os';
import { Pool } from 'undici';
import { percentile, runPaced } from './load.js';

const CHILD = new URL('./plays-child.js', import.meta.url);
const PLAY_ROUTE = '/runtime/actions/:id/play';
/** The lines that take turns in one stream. */
const MIXED = ['plain', 'plain-again', 'noop', 'queued'];
const LINES = [...MIXED, 'sync'];
const PLAYERS = 32;

function startApp(emulatorUrl) {
  const child = fork(CHILD, [emulatorUrl, String(PLAYERS)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`plays app exited (${code})`)));
    });
  return {
    ready: next().then((m) => {
      child.removeAllListeners('exit');
      return m.ready;
    }),
    async stats() {
      const answer = next();
      child.send({ stats: true });
      const { stats } = await answer;
      child.removeAllListeners('exit');
      return stats;
    },
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ stop: true });
      await exited;
    },
  };
}

/**
 * Requests at `ratePerSecond` for `durationMs`, the i-th to `lines[i % lines.length]`; answers
 * each line's latencies in ms.
 */
async function measure(pool, lines, { ratePerSecond, durationMs }) {
  const latencies = new Map(lines.map((line) => [line, []]));
  let n = 0;
  const call = async () => {
    const i = n++;
    const line = lines[i % lines.length];
    const endpoint = line === 'plain-again' ? 'plain' : line;
    const path = `/quests/bench-${i % PLAYERS}/${endpoint}`;
    const sent = performance.now();
    const { statusCode, body } = await pool.request({ method: 'POST', path });
    await body.text();
    latencies.get(line).push(performance.now() - sent);
    if (statusCode !== 200) throw new Error(`${line}: status ${statusCode}`);
  };
  const run = await runPaced(call, { ratePerSecond, durationMs });
  if (run.failures > 0) throw run.firstError;
  return latencies;
}

export async function playsLatency(server, { rounds, ratePerSecond, ms, stallMs }) {
  const load = { start: os.loadavg()[0] };
  const emulatorBefore =
    (await server.stats()).byRoute['POST /runtime/actions/complete_quest/play'] ?? 0;
  await server.call('setRandomFaults', 'POST', PLAY_ROUTE, [
    { mode: 'stall-after-apply', rate: 1, stallMs },
  ]);
  const app = startApp(server.url);
  const pooled = new Map(LINES.map((line) => [line, []]));
  let pool;
  let queue;
  try {
    const url = await app.ready;
    pool = new Pool(url, { connections: 256 });
    const plan = { ratePerSecond, durationMs: ms };
    // Warm-up: JIT, sockets, the token, and the queue already holding stalled plays.
    await measure(pool, MIXED, plan);
    await measure(pool, ['sync'], { ratePerSecond, durationMs: ms / 4 });
    for (let round = 0; round < rounds; round++) {
      for (const lines of [MIXED, ['sync']]) {
        // The synchronous endpoint at the stream's per-line rate.
        const load =
          lines.length === 1 ? { ...plan, ratePerSecond: ratePerSecond / MIXED.length } : plan;
        for (const [line, latencies] of await measure(pool, lines, load)) {
          pooled.get(line).push(...latencies);
        }
      }
    }
    queue = await app.stats();
  } finally {
    await pool?.close();
    await app.stop().catch(() => undefined);
    await server.call('clearFaults');
  }
  load.end = os.loadavg()[0];
  const emulatorPlays =
    ((await server.stats()).byRoute['POST /runtime/actions/complete_quest/play'] ?? 0) -
    emulatorBefore;
  const summary = (line) => {
    const latencies = pooled.get(line);
    return {
      line,
      requests: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
    };
  };
  const lines = LINES.map(summary);
  const of = (line) => lines.find((l) => l.line === line);
  const ratio = (line) => ({
    p50: of(line).p50 / of('plain').p50,
    p99: of(line).p99 / of('plain').p99,
  });
  return {
    rounds,
    ratePerSecond,
    stallMs,
    load,
    lines,
    queuedVsPlain: ratio('queued'),
    noiseFloor: ratio('plain-again'),
    noopVsPlain: ratio('noop'),
    syncVsPlain: ratio('sync'),
    queue,
    emulatorPlays,
  };
}
