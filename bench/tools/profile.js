// Profiles one client of the per-call comparison at concurrency 64 (emulator in its own process).
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/tools/profile.js [client-index] [seconds]
//   node bench/tools/cpuprofile-top.js /tmp/prof/<file>.cpuprofile
// Client indexes as in clients.js: 0 PlaylyfeService.get, 1 undici, 2 node:http, 3 axios
// (maxRedirects: 0), 4 axios (defaults); with --http-adapter, 1 is PlaylyfeService.get over
// axios's http adapter and the others move up by one.
import { createClients } from '../src/clients.js';
import { runLoad } from '../src/load.js';
import { startServer } from '../src/servers.js';

const index = Number(process.argv[2] ?? 0);
const seconds = Number(process.argv[3] ?? 5);
const server = await startServer('emulator');
const clients = await createClients(server.url, {
  tryAdapter: process.argv.includes('--http-adapter'),
});
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
