// A server in its own process, controlled by the bench over the IPC channel of `child_process.fork`.
//   node bench/src/server-child.js emulator   the Playlyfe emulator from dist/ (demo game, demo client)
//   node bench/src/server-child.js trivial    a node:http server that answers every request with a small JSON
//   node bench/src/server-child.js fake       a fake Playlyfe: token endpoint and GET /v2/runtime/player
// Messages in: { id, op, args }; out: { id, result } or { id, error }. The first message out is
// { ready: url }. Every op is a method of the emulator, plus `cpu` (this process's CPU time, µs).
import { createServer } from 'node:http';
import { PlaylyfeEmulator } from '../../dist/esm/testing/index.js';
import { startFake } from './fake-playlyfe.js';

const mode = process.argv[2] ?? 'emulator';

async function startTrivial() {
  const body = JSON.stringify({ id: 'alice', alias: 'Alice', enabled: true, scores: [] });
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    target: {},
    stop: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())),
  };
}

async function startEmulator() {
  // logLimit 0: the bench makes hundreds of thousands of calls and reads only the counters.
  const emulator = new PlaylyfeEmulator({ logLimit: 0 });
  const url = await emulator.start({ port: 0 });
  return { url, target: emulator, stop: () => emulator.stop() };
}

const start = { trivial: startTrivial, fake: startFake, emulator: startEmulator }[mode];
if (!start) throw new Error(`unknown server mode ${mode}`);
const server = await start();

const ops = {
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
  stats: () => server.target.stats,
  stop: async () => {
    await server.stop();
    setImmediate(() => process.exit(0));
    return true;
  },
};

process.on('message', (message) => {
  const { id, op, args = [] } = message;
  Promise.resolve()
    .then(() => {
      if (ops[op]) return ops[op](...args);
      if (typeof server.target[op] !== 'function') throw new Error(`unknown op ${op}`);
      return server.target[op](...args);
    })
    .then(
      (result) => process.send({ id, result: result ?? null }),
      (error) => process.send({ id, error: String(error) }),
    );
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: server.url });
