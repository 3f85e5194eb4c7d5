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

/** Aborts with a PlaylyfeError whose code says whether the deadline passed or the caller cancelled. */
export class CallSignal {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #unsubscribe: (() => void) | undefined;
  #kind: CallAbortKind | undefined;

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

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get kind(): CallAbortKind | undefined {
    return this.#kind;
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
    this.#controller.abort(new PlaylyfeError(message, { code: kind, method, route }));
  }
}
