import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { resolve } from 'node:path';
import { IpcWorker } from '../utils/ipc-worker.js';

const WORKER = resolve(import.meta.dirname, 'worker.mjs');

export interface CallResult {
  ok: number;
  failed: number;
  failures: string[];
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A real redis-server on loopback, started and killed by the test. */
export class RedisProcess {
  private child: ChildProcess | undefined;

  /**
   * `persistence`: an append-only file fsynced on every write, in `dir` (a restart on the same dir
   * finds every acknowledged write); default none.
   */
  constructor(
    readonly port: number,
    private readonly persistence?: { dir: string },
  ) {}

  async start(): Promise<void> {
    const persist = this.persistence
      ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.persistence.dir]
      : ['--appendonly', 'no'];
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persist],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('redis-server did not start in 5 s')), 5000);
      child.once('error', (error) => {
        clearTimeout(timer);
        fail(new Error(`cannot run redis-server (apt-get install redis-server): ${error.message}`));
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) {
          clearTimeout(timer);
          done();
        }
      });
    });
  }

  /** Empties the database (FLUSHALL over a raw connection: no client library involved). */
  flush(): Promise<void> {
    return new Promise((done, fail) => {
      const socket = connect(this.port, '127.0.0.1', () =>
        socket.write('*1\r\n$8\r\nFLUSHALL\r\n'),
      );
      socket.once('error', fail);
      socket.once('data', (reply) => {
        socket.destroy();
        if (reply.toString().startsWith('+OK')) done();
        else fail(new Error(`FLUSHALL answered ${reply.toString().trim()}`));
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }
}

/** One app instance in its own Node process (test/fleet/worker.mjs). */
export class Worker extends IpcWorker {
  static start(config: Record<string, unknown>): Promise<Worker> {
    return IpcWorker.forkReady(WORKER, config, (child) => new Worker(child));
  }

  burst(count: number): Promise<CallResult> {
    return this.ask<CallResult>({ cmd: 'burst', count });
  }

  stream(rounds: number, count: number, gapMs: number): Promise<CallResult> {
    return this.ask<CallResult>({ cmd: 'stream', rounds, count, gapMs });
  }

  /** Whether this process's token store answers (its Redis client is connected). */
  async storeUp(): Promise<boolean> {
    const { up } = await this.ask<{ up: boolean }>({ cmd: 'storeUp' });
    return up;
  }

  override close(): Promise<void> {
    return super.close(5000);
  }
}
