// Part 8: the user's request while Playlyfe stalls. A Nest app in its own process (plays-child.js)
// answers the same handler four ways: alone, with a no-op interceptor (what any Nest interceptor
// costs), with @PlaylyfePlay (the play queued in the embedded queue), and awaiting the play itself. Every play POST to the emulator is applied, then its answer
// held `stallMs` (stall-after-apply at rate 1). Requests come from this process over an undici Pool
// at a fixed rate (open loop, as users arrive: a request does not wait for the one before), so a
// latency is what one user waits, not a share of a saturated CPU. The handler alone runs twice per
// round: the second run against the first is the noise floor. Rounds are short and rotated, so a
// change in the machine's load hits every line alike; the latencies of a line are pooled over the
// rounds, and its p50 and p99 taken from the pool. The app's CPU time per request is measured too.
import { fork } from 'node:child_process';
import os from 'node:os';
import { Pool } from 'undici';
import { percentile, rotate, runPaced } from './load.js';

const CHILD = new URL('./plays-child.js', import.meta.url);
const PLAY_ROUTE = '/runtime/actions/:id/play';
const LINES = ['plain', 'plain-again', 'noop', 'queued', 'sync'];
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
    async cpu() {
      const answer = next();
      child.send({ cpu: true });
      const { cpu } = await answer;
      child.removeAllListeners('exit');
      return cpu;
    },
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

/** Requests to one endpoint at `ratePerSecond` for `durationMs`; the app's CPU time over the run. */
async function measure(pool, app, line, { ratePerSecond, durationMs }) {
  const endpoint = line === 'plain-again' ? 'plain' : line;
  let n = 0;
  const call = async () => {
    const path = `/quests/bench-${n++ % PLAYERS}/${endpoint}`;
    const { statusCode, body } = await pool.request({ method: 'POST', path });
    await body.text();
    if (statusCode !== 200) throw new Error(`${line}: status ${statusCode}`);
  };
  const cpu0 = await app.cpu();
  const run = await runPaced(call, { ratePerSecond, durationMs });
  const cpuUs = (await app.cpu()) - cpu0;
  if (run.failures > 0) throw run.firstError;
  return { ...run, cpuUs };
}

export async function playsLatency(server, { rounds, ratePerSecond, ms, stallMs }) {
  const load = { start: os.loadavg()[0] };
  const emulatorBefore =
    (await server.stats()).byRoute['POST /runtime/actions/complete_quest/play'] ?? 0;
  await server.call('setRandomFaults', 'POST', PLAY_ROUTE, [
    { mode: 'stall-after-apply', rate: 1, stallMs },
  ]);
  const app = startApp(server.url);
  const pooled = new Map(LINES.map((line) => [line, { latencies: [], calls: 0, cpuUs: 0 }]));
  let pool;
  let queue;
  try {
    const url = await app.ready;
    pool = new Pool(url, { connections: 256 });
    const plan = (scale = 1) => ({ ratePerSecond, durationMs: ms * scale });
    // Warm-up: JIT, sockets, the token, and the queue already holding stalled plays.
    for (const line of ['plain', 'noop', 'queued', 'sync']) await measure(pool, app, line, plan(2));
    for (let round = 0; round < rounds; round++) {
      for (const line of rotate(LINES, round)) {
        const run = await measure(pool, app, line, plan());
        const into = pooled.get(line);
        into.latencies.push(...run.latencies);
        into.calls += run.calls;
        into.cpuUs += run.cpuUs;
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
    const { latencies, calls, cpuUs } = pooled.get(line);
    return {
      line,
      requests: calls,
      appCpuUsPerRequest: cpuUs / calls,
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
