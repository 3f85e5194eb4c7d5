// Profiles one client at concurrency 64, its server in its own process.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/tools/profile.js [client-index] [seconds] [--h2h]
//   node bench/tools/cpuprofile-top.js /tmp/prof/<file>.cpuprofile
// With --h2h, the clients of the head-to-head part on the fake Playlyfe: 0 undici floor,
// 1 nestjs-playlyfe, 2 official SDK. Without it, the per-call part's clients on the emulator:
// 0 PlaylyfeService.get, 1 undici, 2 node:http, 3 axios (maxRedirects: 0), 4 axios (defaults); with
// --http-adapter, 1 is PlaylyfeService.get over axios's http adapter and the others move up by one.
import { createClients } from '../src/clients.js';
import { createH2hClients } from '../src/h2h-clients.js';
import { runLoad } from '../src/load.js';
import { startServer } from '../src/servers.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const index = Number(args[0] ?? 0);
const seconds = Number(args[1] ?? 5);
const h2h = process.argv.includes('--h2h');
const server = await startServer(h2h ? 'fake' : 'emulator');
const clients = h2h
  ? await createH2hClients(server.url)
  : await createClients(server.url, { tryAdapter: process.argv.includes('--http-adapter') });
try {
  const client = clients[index];
  await runLoad(client.call, { concurrency: 64, durationMs: 500 });
  const run = await runLoad(client.call, { concurrency: 64, durationMs: seconds * 1000 });
  process.stderr.write(
    `${client.name}: ${Math.round((run.calls * 1000) / run.wallMs)} req/s, ` +
      `${Math.round(run.cpuUs / run.calls)} µs CPU per call, ${run.failures} failures\n`,
  );
} finally {
  for (const client of clients) await client.close();
  await server.stop();
}
