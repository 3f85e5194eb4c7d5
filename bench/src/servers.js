// Starts a server (the emulator, or a trivial node:http server) in a child process and returns a
// handle whose methods are forwarded over IPC. Why IPC and not an in-process emulator: the per-call
// figures need the server off the client's event loop and CPU core, and the token-count parts
// need fault control (revoke, token lifetime, latency, counters) of that same server; one child
// serves both, so every figure in the report comes from one emulator process.
import { fork } from 'node:child_process';

const CHILD = new URL('./server-child.js', import.meta.url);

export async function startServer(mode = 'emulator') {
  // execArgv: [] so that a profiled bench (node --cpu-prof) does not profile its server too.
  const child = fork(CHILD, [mode], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let nextId = 0;
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${mode} child exited early (${code})`)));
    child.on('message', (message) => {
      if (message.ready) {
        resolve(message.ready);
        return;
      }
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  });
  child.removeAllListeners('exit');
  const call = (op, ...args) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, op, args });
    });
  return {
    url,
    call,
    /** This server's CPU time in µs (user + system). */
    cpu: () => call('cpu'),
    stats: () => call('stats'),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('stop').catch(() => undefined);
      await exited;
    },
  };
}
