// npm run bench [-- --json] [-- --quick] [-- --only=h2h,per-call,cold,storm,churn,memory,emulator,otel,plays]
//   [-- --http-adapter]  also PlaylyfeService.get over axios's own http adapter (the old transport)
// Builds nothing itself: `npm run bench` runs `npm run build` first; this file imports dist/.
// The head-to-head part needs the bench's own dependencies (bench/package.json): installed here
// with `npm ci --prefix bench` when missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { coldStart, expiryChurn, revocationStorm } from './src/part-tokens.js';
import { emulatorThroughput } from './src/part-emulator.js';
import { headToHead } from './src/part-h2h.js';
import { memory } from './src/part-memory.js';
import { otelCost } from './src/part-otel.js';
import { perCall } from './src/part-per-call.js';
import { playsLatency } from './src/part-plays.js';
import { printReport } from './src/report.js';
import { startServer } from './src/servers.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const tryAdapter = args.includes('--http-adapter');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
const wanted = (part) => only === undefined || only.has(part);

const SETTINGS = quick
  ? {
      h2h: { rounds: 3, ms1: 300, ms64: 500 },
      perCall: { rounds: 3, ms1: 250, ms64: 400 },
      cold: { rounds: 2, n: 1000 },
      storm: { rounds: 2, n: 1000, latencyMs: 1500 },
      churn: { seconds: 6, lifetime: 2, concurrency: 8 },
      memory: { baseline: 1_000, total: 20_000, concurrency: 64, maxMs: 20_000 },
      emulator: { rounds: 3, ms: 400 },
      otel: { rounds: 6, ms1: 150, ms64: 250, hookRounds: 10, hookIterations: 20_000 },
      plays: { rounds: 5, ratePerSecond: 200, ms: 2000, stallMs: 1000 },
    }
  : {
      h2h: { rounds: 5, ms1: 500, ms64: 1000 },
      perCall: { rounds: 4, ms1: 300, ms64: 600 },
      cold: { rounds: 3, n: 1000 },
      storm: { rounds: 2, n: 1000, latencyMs: 1500 },
      // 12 s (six 2-second lifetimes) rather than the 20 s, to stay under 3 minutes.
      churn: { seconds: 12, lifetime: 2, concurrency: 8 },
      memory: { baseline: 1_000, total: 100_000, concurrency: 64, maxMs: 60_000 },
      emulator: { rounds: 4, ms: 500 },
      otel: { rounds: 12, ms1: 200, ms64: 300, hookRounds: 20, hookIterations: 50_000 },
      plays: { rounds: 10, ratePerSecond: 200, ms: 2000, stallMs: 1000 },
    };

const log = (message) => {
  if (!json) process.stderr.write(`${message}\n`);
};

if (
  wanted('h2h') &&
  !existsSync(new URL('./node_modules/playlyfe/package.json', import.meta.url))
) {
  log('bench: installing the bench dependencies (npm ci --prefix bench)...');
  execFileSync('npm', ['ci', '--prefix', 'bench', '--no-audit', '--no-fund'], {
    cwd: new URL('..', import.meta.url),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const t0 = performance.now();
const emulator = await startServer('emulator');
const trivial = await startServer('trivial');
const results = {
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  },
  settings: SETTINGS,
};

const parts = [
  ['h2h', 'head to head', () => headToHead(SETTINGS.h2h)],
  ['per-call', 'per-call cost', () => perCall(emulator, { ...SETTINGS.perCall, tryAdapter })],
  ['cold', 'cold-start burst', () => coldStart(emulator, SETTINGS.cold)],
  ['storm', 'revocation storm', () => revocationStorm(emulator, SETTINGS.storm)],
  ['churn', 'expiry churn', () => expiryChurn(emulator, SETTINGS.churn)],
  ['memory', 'memory', () => memory(emulator, SETTINGS.memory)],
  [
    'emulator',
    'emulator throughput',
    () => emulatorThroughput(emulator, trivial, SETTINGS.emulator),
  ],
  ['otel', 'OpenTelemetry cost', () => otelCost(emulator, SETTINGS.otel)],
  [
    'plays',
    "the user's request while Playlyfe stalls",
    () => playsLatency(emulator, SETTINGS.plays),
  ],
];

try {
  for (const [key, title, run] of parts) {
    if (!wanted(key)) continue;
    const started = performance.now();
    log(`bench: ${title}...`);
    results[key] = await run();
    log(`bench: ${title} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await emulator.stop();
  await trivial.stop();
}
results.totalSeconds = (performance.now() - t0) / 1000;

if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else printReport(results);
