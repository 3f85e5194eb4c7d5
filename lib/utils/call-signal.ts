import { PlaylyfeError } from '../playlyfe.errors.js';

/**
 * One 'abort' listener per caller signal, fanned out to every call that uses it: a signal shared by
 * hundreds of concurrent calls would otherwise trip Node's MaxListeners warning.
 */
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

function subscribe(signal: AbortSignal, listener: () => void): () => void {
  let set = subscribers.get(signal);
  if (!set) {
    const fresh = new Set<() => void>();
    subscribers.set(signal, (set = fresh));
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal);
        for (const notify of fresh) notify();
      },
      { once: true },
    );
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Why a call's signal fired. */
export type CallAbortKind = 'timeout' | 'aborted';

type AbortListener = (event: { readonly type: 'abort' }) => void;

/**
 * Aborts with a PlaylyfeError whose code says whether the deadline passed or the caller cancelled.
 *
 * The object itself is the signal given to axios (and its adapter): the part of `AbortSignal` they
 * use (`aborted`, `reason`, `addEventListener`/`removeEventListener` of 'abort'), because creating
 * a real `AbortSignal` and its listeners costs more per call than the rest of this class. A real
 * `AbortSignal` (`signal`) is made only when something needs one: a wait for a token, a backoff.
 */
export class CallSignal {
  #controller: AbortController | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #unsubscribe: (() => void) | undefined;
  #listeners: AbortListener[] | undefined;
  #kind: CallAbortKind | undefined;
  #reason: PlaylyfeError | undefined;

  constructor(
    readonly timeoutMs: number,
    userSignal: AbortSignal | undefined,
    private readonly describe: { method: string; route: string },
  ) {
    this.#timer = setTimeout(() => this.#abort('timeout'), timeoutMs);
    this.#timer.unref();
    if (userSignal?.aborted) this.#abort('aborted');
    else if (userSignal) this.#unsubscribe = subscribe(userSignal, () => this.#abort('aborted'));
  }

  /** A real AbortSignal that aborts (with the same reason) when this call does. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  get aborted(): boolean {
    return this.#reason !== undefined;
  }

  get reason(): PlaylyfeError | undefined {
    return this.#reason;
  }

  get kind(): CallAbortKind | undefined {
    return this.#kind;
  }

  addEventListener(type: string, listener: AbortListener): void {
    if (type !== 'abort' || this.#reason) return;
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(type: string, listener: AbortListener): void {
    const listeners = this.#listeners;
    if (type !== 'abort' || !listeners) return;
    const index = listeners.indexOf(listener);
    if (index !== -1) listeners.splice(index, 1);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
  }

  #abort(kind: CallAbortKind): void {
    if (this.#kind) return;
    this.#kind = kind;
    this.dispose();
    const { method, route } = this.describe;
    const message =
      kind === 'timeout'
        ? `Playlyfe call ${method} ${route} timed out after ${this.timeoutMs} ms`
        : `Playlyfe call ${method} ${route} was aborted`;
    this.#reason = new PlaylyfeError(message, { code: kind, method, route });
    this.#controller?.abort(this.#reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    for (const listener of listeners ?? []) listener(ABORT_EVENT);
  }
}

const ABORT_EVENT = Object.freeze({ type: 'abort' as const });
