import type { CallAbort } from '../utils/call-abort.js';

/**
 * The calls of one registration that have not settled, so that closing the module stops every one
 * of them at once. The dispatcher alone cannot: undici's Agent drops an origin's pool from its map
 * when a connection closes (`Connection: close`), and `Agent.destroy()` never reaches requests
 * still on such a pool.
 */
export class CallsInFlight {
  #closed = false;
  readonly #calls = new Set<CallAbort>();

  /** True once the module is closing: no call may start. */
  get closed(): boolean {
    return this.#closed;
  }

  add(call: CallAbort): void {
    this.#calls.add(call);
  }

  delete(call: CallAbort): void {
    this.#calls.delete(call);
  }

  /** Refuses new calls and stops every call in flight. */
  close(): void {
    this.#closed = true;
    for (const call of this.#calls) call.stop('closing');
    this.#calls.clear();
  }
}
