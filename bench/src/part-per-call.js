// Part 1: per-call cost of PlaylyfeService.get against bare clients, at concurrency 1 and 64.
// Rounds are interleaved (every client, every concurrency, in a rotated order per round) and each
// figure is the median over rounds; ratios are taken within a round, then the median is reported.
import { createClients } from './clients.js';
import { interleavedRuns, median, runLoadOrThrow } from './load.js';

export async function perCall(server, { rounds, ms1, ms64, tryAdapter }) {
  const clients = await createClients(server.url, { tryAdapter });
  let runs;
  try {
    runs = await interleavedRuns(
      clients,
      { rounds, ms1, ms64, warmupMs: 250 },
      async (client, concurrency, durationMs) => {
        const serverCpu0 = await server.cpu();
        const run = await runLoadOrThrow(client, { concurrency, durationMs });
        const serverCpuUs = (await server.cpu()) - serverCpu0;
        return {
          rps: (run.calls * 1000) / run.wallMs,
          cpuUsPerCall: run.cpuUs / run.calls,
          serverCpuShare: serverCpuUs / 1000 / run.wallMs,
        };
      },
    );
  } finally {
    for (const client of clients) await client.close();
  }

  const summary = (list) => ({
    rps: median(list.map((r) => r.rps)),
    cpuUsPerCall: median(list.map((r) => r.cpuUsPerCall)),
    serverCpuShare: median(list.map((r) => r.serverCpuShare)),
  });
  const ratio = (a, b, concurrency) => {
    const x = runs.get(a)[concurrency];
    const y = runs.get(b)[concurrency];
    return median(x.map((r, i) => r.rps / y[i].rps));
  };
  const service = clients[0].name;
  return {
    rounds,
    durationsMs: { 1: ms1, 64: ms64 },
    clients: clients.map((c) => ({
      name: c.name,
      c1: summary(runs.get(c.name)[1]),
      c64: summary(runs.get(c.name)[64]),
    })),
    ratios: {
      vsUndici: {
        1: ratio(service, 'undici Pool.request', 1),
        64: ratio(service, 'undici Pool.request', 64),
      },
      vsAxiosDefault: {
        1: ratio(service, 'axios (defaults)', 1),
        64: ratio(service, 'axios (defaults)', 64),
      },
      vsNodeHttp: { 64: ratio(service, 'node:http keep-alive', 64) },
    },
    adapterRatios: tryAdapter
      ? {
          vsUndici: { 64: ratio(clients[1].name, 'undici Pool.request', 64) },
          vsAxiosDefault: { 64: ratio(clients[1].name, 'axios (defaults)', 64) },
          vsService: { 64: ratio(clients[1].name, service, 64) },
        }
      : undefined,
  };
}
