// Head to head: this module against the official Node SDK and the undici floor, in one process,
// against one fake Playlyfe in its own process (so the client's CPU is measured alone). Rounds are
// interleaved (every client at c1 and c64, in a rotated order per round); each figure is a median
// over rounds, and each ratio is taken within a round, then the median reported.
import { FLOOR, MODULE, SDK, createH2hClients } from './h2h-clients.js';
import { interleavedRuns, median, runLoadOrThrow } from './load.js';
import { startServer } from './servers.js';

export async function headToHead({ rounds, ms1, ms64 }) {
  const server = await startServer('fake');
  const clients = await createH2hClients(server.url);
  let runs;
  try {
    runs = await interleavedRuns(
      clients,
      { rounds, ms1, ms64, warmupMs: 300 },
      async (client, concurrency, durationMs) => {
        const run = await runLoadOrThrow(client, { concurrency, durationMs });
        return {
          calls: run.calls,
          rps: (run.calls * 1000) / run.wallMs,
          cpuUsPerCall: run.cpuUs / run.calls,
        };
      },
    );
  } finally {
    for (const client of clients) await client.close();
    await server.stop();
  }

  const summary = (list) => ({
    calls: list.reduce((sum, r) => sum + r.calls, 0),
    rps: median(list.map((r) => r.rps)),
    cpuUsPerCall: median(list.map((r) => r.cpuUsPerCall)),
  });
  const ratio = (a, b, concurrency, field) => {
    const x = runs.get(a)[concurrency];
    const y = runs.get(b)[concurrency];
    return median(x.map((r, i) => r[field] / y[i][field]));
  };
  const versus = (other) => ({
    rps: { 1: ratio(MODULE, other, 1, 'rps'), 64: ratio(MODULE, other, 64, 'rps') },
    cpu: {
      1: ratio(MODULE, other, 1, 'cpuUsPerCall'),
      64: ratio(MODULE, other, 64, 'cpuUsPerCall'),
    },
  });
  return {
    rounds,
    durationsMs: { 1: ms1, 64: ms64 },
    clients: clients.map((c) => ({
      name: c.name,
      c1: summary(runs.get(c.name)[1]),
      c64: summary(runs.get(c.name)[64]),
    })),
    vsSdk: versus(SDK),
    vsFloor: versus(FLOOR),
    sdkVsFloor: { rps: { 64: ratio(SDK, FLOOR, 64, 'rps') } },
  };
}
