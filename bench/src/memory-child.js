// Part 5, in its own process (node --expose-gc): heap, timers, sockets and abort listeners after
// `baseline` calls and after `total` calls of PlaylyfeService.get, each measured after a forced GC.
//   node --expose-gc bench/memory-child.js <emulator url> <baseline> <total> <concurrency>
import { getEventListeners } from 'node:events';
import { PLAYER, ROUTE, playlyfeApp } from './clients.js';
import { collect, runLoad } from './load.js';

const [url, baseline, total, concurrency, maxMs] = [
  process.argv[2],
  Number(process.argv[3]),
  Number(process.argv[4]),
  Number(process.argv[5]),
  Number(process.argv[6]),
];

const { app, service } = await playlyfeApp(url);
// One long-lived caller signal passed to every call: a listener left behind per call would pile up here.
const caller = new AbortController();
const call = () => service.get(ROUTE, { playerId: PLAYER, signal: caller.signal });

async function snapshot(calls) {
  await collect();
  const resources = {};
  for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
  return {
    calls,
    heapUsedBytes: process.memoryUsage().heapUsed,
    activeHandles: process._getActiveHandles().length,
    timers: resources.Timeout ?? 0,
    sockets: resources.TCPSocketWrap ?? 0,
    abortListeners: getEventListeners(caller.signal, 'abort').length,
  };
}

let failures = 0;
const first = await runLoad(call, { concurrency, count: baseline });
failures += first.failures;
const before = await snapshot(baseline);
const rest = await runLoad(call, { concurrency, count: total - baseline, durationMs: maxMs });
failures += rest.failures;
const after = await snapshot(baseline + rest.calls + rest.failures);
await app.close();
process.send({
  before,
  after,
  failures,
  callsPerSecond: (rest.calls * 1000) / rest.wallMs,
});
