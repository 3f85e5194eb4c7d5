// Part 7: what the OpenTelemetry integration costs per call. Processes make the same call
// (GET /runtime/player, token held) against the one emulator: without @opentelemetry/api (twice:
// the second one's ratio to the first is the noise floor of this comparison on this machine), with
// it but no SDK registered (must cost nothing measurable), and with the SDK registered. One process
// runs at a time; rounds are interleaved and rotated, ratios taken within a round, medians reported.
import { fork } from 'node:child_process';
import { median, rotate } from './load.js';
import { hookOverhead } from './otel-hooks.js';

const CHILD = new URL('./otel-child.js', import.meta.url);
const HIDE_API = new URL('../../test/utils/hide-otel-api.mjs', import.meta.url);
const MODES = ['absent', 'absent-again', 'api', 'sdk'];
const childMode = (mode) => (mode === 'absent-again' ? 'absent' : mode);

function startChild(url, mode) {
  const execArgv = childMode(mode) === 'absent' ? ['--import', HIDE_API.href] : [];
  const child = fork(CHILD, [url, childMode(mode)], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`otel child ${mode} exited (${code})`)));
    });
  return {
    mode,
    ready: next(),
    async run(load) {
      const answer = next();
      child.send({ run: load });
      const result = await answer;
      child.removeAllListeners('exit');
      return result;
    },
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ stop: true });
      await exited;
    },
  };
}

export async function otelCost(server, { rounds, ms1, ms64, hookRounds, hookIterations }) {
  const hooks = await hookOverhead({ rounds: hookRounds, iterations: hookIterations });
  const children = MODES.map((mode) => startChild(server.url, mode));
  const runs = new Map(MODES.map((mode) => [mode, { 1: [], 64: [] }]));
  const loaded = {};
  try {
    for (const child of children) {
      const { ready } = await child.ready;
      child.ready = undefined;
      loaded[child.mode] = ready.telemetryLoaded;
    }
    if (loaded.absent || loaded['absent-again'] || !loaded.api)
      throw new Error('@opentelemetry/api hidden in the wrong child');
    for (let round = 0; round < rounds; round++) {
      for (const child of rotate(children, round)) {
        for (const concurrency of round % 2 ? [64, 1] : [1, 64]) {
          const durationMs = concurrency === 1 ? ms1 : ms64;
          const run = await child.run({ concurrency, durationMs });
          if (run.failures > 0) throw new Error(`${child.mode}: ${run.failures} calls failed`);
          runs.get(child.mode)[concurrency].push({
            rps: (run.calls * 1000) / run.wallMs,
            cpuUsPerCall: run.cpuUs / run.calls,
          });
        }
      }
    }
  } finally {
    await Promise.all(children.map((child) => child.stop().catch(() => undefined)));
  }
  const summary = (list) => ({
    rps: median(list.map((r) => r.rps)),
    cpuUsPerCall: median(list.map((r) => r.cpuUsPerCall)),
  });
  const ratio = (a, b, concurrency, key) => {
    const x = runs.get(a)[concurrency];
    const y = runs.get(b)[concurrency];
    return median(x.map((r, i) => r[key] / y[i][key]));
  };
  const ratios = (mode) => ({
    rps: { 1: ratio(mode, 'absent', 1, 'rps'), 64: ratio(mode, 'absent', 64, 'rps') },
    cpu: {
      1: ratio(mode, 'absent', 1, 'cpuUsPerCall'),
      64: ratio(mode, 'absent', 64, 'cpuUsPerCall'),
    },
  });
  return {
    rounds,
    modes: MODES.map((mode) => ({
      mode,
      c1: summary(runs.get(mode)[1]),
      c64: summary(runs.get(mode)[64]),
    })),
    hooks,
    noiseFloor: ratios('absent-again'),
    apiVsAbsent: ratios('api'),
    sdkVsAbsent: ratios('sdk'),
  };
}
