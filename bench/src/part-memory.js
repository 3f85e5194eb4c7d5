// Part 5: runs memory-child.js in a fresh process with --expose-gc and reports the growth.
import { fork } from 'node:child_process';

const CHILD = new URL('./memory-child.js', import.meta.url);

export async function memory(server, { baseline, total, concurrency, maxMs }) {
  const child = fork(
    CHILD,
    [server.url, String(baseline), String(total), String(concurrency), String(maxMs)],
    {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const report = await new Promise((resolve, reject) => {
    let result;
    child.on('message', (message) => (result = message));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`memory child exited with ${code}`)),
    );
  });
  const { before, after } = report;
  return {
    ...report,
    heapGrowthBytes: after.heapUsedBytes - before.heapUsedBytes,
    growth: {
      activeHandles: after.activeHandles - before.activeHandles,
      timers: after.timers - before.timers,
      sockets: after.sockets - before.sockets,
      abortListeners: after.abortListeners - before.abortListeners,
    },
  };
}
