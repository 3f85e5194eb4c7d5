// Part 6: the emulator's own throughput. The fastest client (undici, concurrency 64) against the
// emulator and against a trivial node:http server, interleaved, each in its own process; plus the
// emulator's CPU time per request, so a reader can see how far it is from being the bottleneck.
import { Pool } from 'undici';
import { PLAYER, ROUTE, fetchToken } from './clients.js';
import { median, rotate, runLoad } from './load.js';

export async function emulatorThroughput(emulator, trivial, { rounds, ms }) {
  const token = await fetchToken(emulator.url);
  const path = `/v2${ROUTE}?player_id=${PLAYER}&access_token=${encodeURIComponent(token)}`;
  const targets = [
    { name: 'emulator', server: emulator, pool: new Pool(emulator.url, { connections: 64 }) },
    { name: 'trivial', server: trivial, pool: new Pool(trivial.url, { connections: 64 }) },
  ];
  const runs = { emulator: [], trivial: [] };
  try {
    for (const target of targets) {
      const call = async () => {
        const { statusCode, body } = await target.pool.request({ path, method: 'GET' });
        if (statusCode !== 200) throw new Error(`status ${statusCode}`);
        return body.json();
      };
      target.call = call;
      await runLoad(call, { concurrency: 64, durationMs: 200 });
    }
    for (let round = 0; round < rounds; round++) {
      for (const target of rotate(targets, round)) {
        const cpu0 = await target.server.cpu();
        const run = await runLoad(target.call, { concurrency: 64, durationMs: ms });
        const serverCpuUs = (await target.server.cpu()) - cpu0;
        runs[target.name].push({
          rps: (run.calls * 1000) / run.wallMs,
          serverCpuUsPerRequest: serverCpuUs / run.calls,
          serverCpuShare: serverCpuUs / 1000 / run.wallMs,
        });
      }
    }
  } finally {
    for (const target of targets) await target.pool.close();
  }
  const summary = (list) => ({
    rps: median(list.map((r) => r.rps)),
    serverCpuUsPerRequest: median(list.map((r) => r.serverCpuUsPerRequest)),
    serverCpuShare: median(list.map((r) => r.serverCpuShare)),
  });
  const emu = summary(runs.emulator);
  return {
    rounds,
    emulator: { ...emu, capacityRps: 1e6 / emu.serverCpuUsPerRequest },
    trivial: summary(runs.trivial),
  };
}
