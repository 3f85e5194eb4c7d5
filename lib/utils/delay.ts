/** Bounded exponential backoff with jitter, after validation and defaults. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts once this many milliseconds have passed since the first attempt began. */
  readonly maxElapsedMs: number;
}

/** Full-jitter exponential backoff: a random delay in [0, min(max, base * 2^(retry-1))]. */
export function backoffDelayMs(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(Math.random() * ceiling);
}

/**
 * How long to wait before the next attempt after `attempt` failed, or `undefined` when no retry may
 * start: every attempt spent, or the retry would begin after `maxElapsedMs`. `waitMs` overrides the
 * backoff (a 429's Retry-After).
 */
export function nextRetryDelayMs(
  attempt: number,
  elapsedMs: number,
  policy: RetryPolicy,
  waitMs: number = backoffDelayMs(attempt, policy),
): number | undefined {
  if (attempt >= policy.attempts || elapsedMs + waitMs > policy.maxElapsedMs) return undefined;
  return waitMs;
}

/**
 * Settles like `promise`, or rejects with `new Error(message)` after `ms` (an unref'ed timer, cleared
 * once settled). `promise` runs on, and a rejection after the timeout answered is not left unhandled.
 * When the timer fires, the I/O callbacks already due run first (one `setImmediate`): after the event
 * loop was blocked past `ms`, an answer that arrived meanwhile wins over the timeout.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => setImmediate(() => reject(new Error(message))).unref(), ms);
    timer.unref();
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves after `ms` (an unref'ed timer), or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts; `promise` itself runs on. */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Nobody else may be waiting on `promise`: its failure must not become an unhandled rejection.
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Parses a `Retry-After` header (seconds or HTTP date) into milliseconds. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
