/** Why a call stopped before it settled. */
export type CallStop = 'timeout' | 'caller' | 'closing';

/**
 * When one call stops: its `timeoutMs` passes, the caller's signal aborts, or the module closes.
 * One real AbortController per call, whose `signal` axios, undici, the token wait and the backoff
 * listen to. A caller's signal gets one listener however many of its calls are in flight (64
 * calls on one signal would otherwise trip Node's MaxListenersExceededWarning); it is removed when
 * the last of them settles, so a long-lived caller signal keeps nothing of a finished call. (No
 * `AbortSignal.any()`: Node keeps such a combined signal, and all it references, alive while it
 * has listeners.)
 *
 * Cost, measured in a loop of 200k (Node 20, 2 shared cores under load ~12, so upper figures):
 * add + remove of the listener on a caller's signal 2.2–6.6 µs; a new AbortController with its
 * signal 15–26 µs. A leak is not the price of saving that.
 */
export class CallAbort {
  /** Why the call stopped, once it has. */
  stoppedBy: CallStop | undefined = undefined;
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #caller: AbortSignal | undefined;

  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.#timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    this.#timer.unref();
    if (callerSignal?.aborted) {
      this.stop('caller');
    } else if (callerSignal) {
      this.#caller = callerSignal;
      watchCallerSignal(callerSignal, this);
    }
  }

  /** A real AbortSignal that aborts when the call stops. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get aborted(): boolean {
    return this.stoppedBy !== undefined;
  }

  /** Stops the call (the first reason wins). */
  stop(reason: CallStop): void {
    if (this.stoppedBy !== undefined) return;
    this.stoppedBy = reason;
    this.dispose();
    this.#controller.abort(new Error(reason === 'timeout' ? 'timed out' : 'aborted'));
  }

  /** The call settled: clears the timer and lets go of the caller's signal. */
  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#caller !== undefined) unwatchCallerSignal(this.#caller, this);
  }
}

interface CallerSignalWatch {
  readonly calls: Set<CallAbort>;
  readonly onAbort: () => void;
}

/** The calls in flight on each caller signal, behind that signal's one listener. */
const watched = new WeakMap<AbortSignal, CallerSignalWatch>();

function watchCallerSignal(signal: AbortSignal, call: CallAbort): void {
  let watch = watched.get(signal);
  if (watch === undefined) {
    const calls = new Set<CallAbort>();
    const onAbort = (): void => {
      watched.delete(signal);
      for (const c of [...calls]) c.stop('caller');
    };
    watch = { calls, onAbort };
    watched.set(signal, watch);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  watch.calls.add(call);
}

function unwatchCallerSignal(signal: AbortSignal, call: CallAbort): void {
  const watch = watched.get(signal);
  if (watch === undefined || !watch.calls.delete(call) || watch.calls.size > 0) return;
  watched.delete(signal);
  signal.removeEventListener('abort', watch.onAbort);
}
