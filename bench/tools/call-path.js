// The path of one GET through lib: which files of dist/esm (and which functions in them) run for one
// `PlaylyfeService.get('/runtime/player')` with the token held, from V8's precise coverage (exact
// call counts, not samples). Also counts the calls made into axios, undici and @nestjs/axios.
//   npm run build && node bench/tools/call-path.js [--functions]
import { Session } from 'node:inspector/promises';
import { PLAYER, ROUTE } from '../src/clients.js';
import { createH2hClients, MODULE } from '../src/h2h-clients.js';
import { startServer } from '../src/servers.js';

const showFunctions = process.argv.includes('--functions');
const server = await startServer('fake');
const clients = await createH2hClients(server.url);
const session = new Session();
session.connect();
try {
  const client = clients.find((c) => c.name === MODULE);
  for (let i = 0; i < 200; i++) await client.call(); // warm: token held, connection open
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  await session.post('Profiler.takePreciseCoverage'); // resets the counts
  await client.call();
  const { result } = await session.post('Profiler.takePreciseCoverage');
  await session.post('Profiler.stopPreciseCoverage');

  const files = new Map();
  const packages = new Map();
  for (const script of result) {
    const called = script.functions.filter((f) => f.ranges[0].count > 0 && f.functionName !== '');
    if (called.length === 0) continue;
    const calls = called.reduce((sum, f) => sum + f.ranges[0].count, 0);
    const lib = script.url.indexOf('/dist/esm/');
    if (lib !== -1) {
      const file = script.url.slice(lib + '/dist/esm/'.length).replace(/\.js$/, '.ts');
      files.set(file, {
        calls,
        functions: called.map((f) => `${f.functionName} ×${f.ranges[0].count}`),
      });
      continue;
    }
    const nm = script.url.lastIndexOf('node_modules/');
    if (nm === -1) continue;
    const parts = script.url.slice(nm + 'node_modules/'.length).split('/');
    const pkg = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    packages.set(pkg, (packages.get(pkg) ?? 0) + calls);
  }
  process.stdout.write(`One GET ${ROUTE} as ${PLAYER}, token held: ${files.size} lib files\n`);
  for (const [file, { calls, functions }] of [...files].sort()) {
    process.stdout.write(`  lib/${file}  (${calls} function calls)\n`);
    if (showFunctions) process.stdout.write(`      ${functions.join(', ')}\n`);
  }
  process.stdout.write('Function calls in packages:\n');
  for (const [pkg, calls] of [...packages].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`  ${pkg}: ${calls}\n`);
  }
} finally {
  session.disconnect();
  for (const client of clients) await client.close();
  await server.stop();
}
