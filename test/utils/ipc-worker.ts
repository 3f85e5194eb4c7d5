import { fork, type ChildProcess } from 'node:child_process';

/**
 * A Node process a test forks and talks to over IPC: the script sends `{ ready: true }` once set
 * up, `{ log }` lines, and answers each `{ cmd, id }` with a message carrying the same `id`.
 */
export class IpcWorker {
  readonly logs: string[] = [];
  private nextId = 0;
  private readonly pending = new Map<number, (result: never) => void>();

  protected constructor(protected readonly child: ChildProcess) {
    child.on('message', (message: { log?: string; id?: number }) => {
      if (message.log !== undefined) this.logs.push(message.log);
      if (message.id !== undefined) {
        this.pending.get(message.id)?.(message as never);
        this.pending.delete(message.id);
      }
    });
  }

  /**
   * Forks `script` with `config` (JSON, its one argument), wraps it with `make` (so no log line is
   * missed) and resolves once it says it is ready; rejects when it exits first.
   */
  protected static async forkReady<W extends IpcWorker>(
    script: string,
    config: unknown,
    make: (child: ChildProcess) => W,
  ): Promise<W> {
    const child = fork(script, [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker = make(child);
    await new Promise<void>((done, fail) => {
      const early = (code: number | null) =>
        fail(new Error(`worker exited early with code ${code}`));
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

  /** SIGKILL: no shutdown hook runs. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Asks the child to close (`{ cmd: 'close' }`); SIGKILL when it has not exited within `ms`. */
  async close(ms: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || !this.child.connected) {
      return;
    }
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.send({ cmd: 'close' });
    const killer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    await exited;
    clearTimeout(killer);
  }

  protected ask<T>(message: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((done) => {
      this.pending.set(id, done);
      this.child.send({ ...message, id });
    });
  }
}
