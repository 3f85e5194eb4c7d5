import { resolve } from 'node:path';
import type { PlaylyfeModuleOptions } from '../../../lib/index.js';
import type { PlaylyfePlayRequest, PlaylyfePlaysOptions } from '../../../lib/plays/index.js';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../../../lib/testing/index.js';
import { IpcWorker } from '../../utils/ipc-worker.js';

const WORKER = resolve(import.meta.dirname, 'plays-worker.mjs');

/** One app instance delivering plays in its own Node process (plays-worker.mjs, on the built package). */
export class PlaysWorker extends IpcWorker {
  static start(
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
    return IpcWorker.forkReady(WORKER, config, (child) => new PlaysWorker(child));
  }

  async enqueue(plays: PlaylyfePlayRequest[]): Promise<string[]> {
    const { ids } = await this.ask<{ ids: string[] }>({ cmd: 'enqueue', plays });
    return ids;
  }

  /** This process's event loop delay so far (ms). */
  lag(): Promise<{ p99: number; max: number }> {
    return this.ask({ cmd: 'lag' });
  }

  /** app.close() in the worker; SIGKILL when it has not exited within `ms`. */
  override close(ms = 15_000): Promise<void> {
    return super.close(ms);
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
