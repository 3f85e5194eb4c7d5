import { PlaylyfeError } from '../playlyfe.errors.js';

/** Why a call's signal fired. */
export type CallAbortKind = 'timeout' | 'aborted';

/** Aborts with a PlaylyfeError whose code says whether the deadline passed or the caller cancelled. */
export class CallSignal {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #userSignal: AbortSignal | undefined;
  readonly #onUserAbort = (): void => this.#abort('aborted');
  #kind: CallAbortKind | undefined;

  constructor(
    readonly timeoutMs: number,
    userSignal: AbortSignal | undefined,
    private readonly describe: { method: string; route: string },
  ) {
    this.#userSignal = userSignal;
    this.#timer = setTimeout(() => this.#abort('timeout'), timeoutMs);
    this.#timer.unref();
    if (userSignal?.aborted) this.#abort('aborted');
    else userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get kind(): CallAbortKind | undefined {
    return this.#kind;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
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
