import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { PlaylyfeModuleOptions } from '../../../lib/index.js';
import type { PlaylyfePlayRequest, PlaylyfePlaysOptions } from '../../../lib/plays/index.js';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../../../lib/testing/index.js';

const WORKER = resolve(import.meta.dirname, 'plays-worker.mjs');

/** One app instance delivering plays in its own Node process (plays-worker.mjs, on the built package). */
export class PlaysWorker {
  readonly logs: string[] = [];
  private nextId = 0;
  private readonly pending = new Map<number, (result: never) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { log?: string; id?: number }) => {
      if (message.log !== undefined) this.logs.push(message.log);
      if (message.id !== undefined) {
        this.pending.get(message.id)?.(message as never);
        this.pending.delete(message.id);
      }
    });
  }

  static async start(
    emulator: PlaylyfeEmulator,
    plays: PlaylyfePlaysOptions,
    client: Partial<PlaylyfeModuleOptions> = {},
  ): Promise<PlaysWorker> {
    const config = {
      url: emulator.url,
      clientId: DEMO_CLIENT.id,
      clientSecret: DEMO_CLIENT.secret,
      client,
      plays,
    };
    const child = fork(WORKER, [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker = new PlaysWorker(child);
    await new Promise<void>((done, fail) => {
      const early = (code: number | null) => fail(new Error(`plays worker exited with ${code}`));
      child.once('exit', early);
      child.on('message', (message: { ready?: boolean }) => {
        if (message.ready) {
          child.off('exit', early);
          done();
        }
      });
    });
    return worker;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async enqueue(plays: PlaylyfePlayRequest[]): Promise<string[]> {
    const { ids } = await this.ask<{ ids: string[] }>({ cmd: 'enqueue', plays });
    return ids;
  }

  /** This process's event loop delay so far (ms). */
  lag(): Promise<{ p99: number; max: number }> {
    return this.ask({ cmd: 'lag' });
  }

  /** SIGKILL: no shutdown hook runs; its plays in flight stay active in Redis until taken over. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** app.close() in the worker; SIGKILL when it has not exited within `ms`. */
  async close(ms = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || !this.child.connected) {
      return;
    }
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.send({ cmd: 'close' });
    const killer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    await exited;
    clearTimeout(killer);
  }

  private ask<T>(message: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((done) => {
      this.pending.set(id, done);
      this.child.send({ ...message, id });
    });
  }
}

/** Resolves once `check` holds, polling every 20 ms; rejects after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Most entries of sorted `times` (ms) in any window of `windowMs` (a window [t, t + windowMs)). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to] - sorted[from] >= windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}
