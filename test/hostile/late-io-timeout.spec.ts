import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { withTimeout } from '../../lib/utils/delay.js';

/**
 * A loopback echo server in another process, as Redis is: its answer reaches the socket while this
 * process is blocked.
 */
let echo: ChildProcess;
let port: number;

beforeAll(async () => {
  echo = spawn(process.execPath, [
    '-e',
    `const server = require('node:net').createServer((s) => { s.on('error', () => {}); s.on('data', (c) => s.write(c)); });
     server.listen(0, '127.0.0.1', () => console.log(server.address().port));`,
  ]);
  port = await new Promise<number>((listening) =>
    echo.stdout?.once('data', (line: Buffer) => listening(Number(line.toString().trim()))),
  );
});

afterAll(async () => {
  const exited = new Promise((done) => echo.once('exit', done));
  echo.kill();
  await exited;
});

/** Keeps the event loop busy, as a loaded process does. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

it('an answer that arrived while the event loop was blocked past the timeout wins over the timeout', async () => {
  const socket = connect(port, '127.0.0.1');
  await new Promise((connected) => socket.once('connect', connected));
  try {
    const reply = new Promise<string>((answered) =>
      socket.once('data', (chunk) => answered(chunk.toString())),
    );
    socket.write('PING');
    const bounded = withTimeout(reply, 20, 'no answer within 20 ms');
    block(200); // the answer is in the socket long before the timer is looked at
    await expect(bounded).resolves.toBe('PING');
  } finally {
    socket.destroy();
  }
});

it('with no answer, it still times out', async () => {
  await expect(withTimeout(new Promise(() => undefined), 20, 'no answer')).rejects.toThrow(
    'no answer',
  );
});
