// A/B of two builds of this module in one process, for measuring one change: PlaylyfeService.get
// from build A and from build B (each its own Nest application context) on one fake Playlyfe,
// alternating short runs at concurrency 64 (and 1), so that both see the same machine load.
// Prints the median client CPU µs per call of each and the median of the per-pair differences.
//   node bench/tools/ab.js <dist/esm of A> <dist/esm of B> [pairs=20] [calls per run=2000]
// Build A from another checkout, e.g. git archive <commit> | tar -x -C /tmp/a && (cd /tmp/a &&
// ln -s $PWD/node_modules && npm run build).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLAYER, ROUTE } from '../src/clients.js';
import { FAKE_CLIENT } from '../src/fake-playlyfe.js';
import { median, runLoad } from '../src/load.js';
import { startServer } from '../src/servers.js';

const [distA, distB] = process.argv.slice(2, 4);
const pairs = Number(process.argv[4] ?? 20);
const count = Number(process.argv[5] ?? 2000);

async function client(dist, url) {
  const { PlaylyfeModule, PlaylyfeService } = await import(
    pathToFileURL(resolve(dist, 'index.js')).href
  );
  const app = await NestFactory.createApplicationContext(
    PlaylyfeModule.forRoot({
      clientId: FAKE_CLIENT.id,
      clientSecret: FAKE_CLIENT.secret,
      apiBaseUrl: url,
      authBaseUrl: url,
    }),
    { logger: false },
  );
  const service = app.get(PlaylyfeService);
  return { call: () => service.get(ROUTE, { playerId: PLAYER }), close: () => app.close() };
}

const server = await startServer('fake');
const a = await client(distA, server.url);
const b = await client(distB, server.url);
try {
  for (const concurrency of [64, 1]) {
    const n = concurrency === 1 ? count / 4 : count;
    for (const c of [a, b]) await runLoad(c.call, { concurrency, count: n }); // warm-up
    const cpu = { a: [], b: [], diff: [] };
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 ? [b, a] : [a, b];
      const runs = new Map();
      for (const c of order) {
        const run = await runLoad(c.call, { concurrency, count: n });
        if (run.failures > 0) throw run.firstError;
        runs.set(c, run.cpuUs / run.calls);
      }
      cpu.a.push(runs.get(a));
      cpu.b.push(runs.get(b));
      cpu.diff.push(runs.get(b) - runs.get(a));
    }
    process.stdout.write(
      `c${concurrency}: A ${median(cpu.a).toFixed(1)} µs/call, B ${median(cpu.b).toFixed(1)} µs/call, ` +
        `B - A median of ${pairs} pairs: ${median(cpu.diff).toFixed(1)} µs ` +
        `(B/A ${(median(cpu.b) / median(cpu.a)).toFixed(2)})\n`,
    );
  }
} finally {
  await a.close();
  await b.close();
  await server.stop();
}
