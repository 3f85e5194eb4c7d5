import { PlaylyfeAuthError } from '../playlyfe.errors.js';

/** How long callers get the last refresh error at once, instead of a new token request. */
export const TOKEN_COOLDOWN = {
  /** A refusal (401 `client_auth_fail`, other 4xx, an unusable token answer): 1 s doubling up to 30 s. */
  refusedMs: { first: 1_000, max: 30_000 },
  /** A 5xx, a timeout or a dropped connection: 1 s doubling up to 5 s. */
  unavailableMs: { first: 1_000, max: 5_000 },
  /** A 429's `Retry-After` is honoured up to this (at least as long as after a 5xx). */
  maxRetryAfterMs: 60_000,
} as const;

/**
 * The failure cooldown of one client's token refresh, on the token path's clock: after a refresh
 * fails, every caller within the cooldown gets a copy of that error at once, so a refusing token
 * endpoint sees a handful of requests whatever the load. A success ends it; consecutive failures
 * back off further.
 */
export class TokenCooldown {
  #error: PlaylyfeAuthError | undefined;
  #until = 0;
  #failures = 0;

  /** Records a failed refresh at `now`; a cancelled one (module closing) starts no cooldown. */
  failed(error: unknown, now: number): void {
    if (!(error instanceof PlaylyfeAuthError) || error.code === 'aborted') return;
    this.#failures++;
    this.#error = error;
    this.#until = now + cooldownMs(error, this.#failures);
  }

  succeeded(): void {
    this.#error = undefined;
    this.#until = 0;
    this.#failures = 0;
  }

  /**
   * A fresh copy of the last error while the cooldown lasts. After a 429 its `retryAfterSeconds` is
   * what is left of the cooldown (the server's `Retry-After`, capped).
   */
  rejection(now: number): PlaylyfeAuthError | undefined {
    const error = this.#error;
    if (error === undefined || now >= this.#until) return undefined;
    const retryAfterSeconds =
      error.status === 429 ? Math.ceil((this.#until - now) / 1000) : error.retryAfterSeconds;
    return new PlaylyfeAuthError(error.message, {
      status: error.status,
      code: error.code,
      data: error.data,
      method: error.method,
      route: error.route,
      retryAfterSeconds,
    });
  }

  /** Whether a background refresh must wait (the current token is still used meanwhile). */
  active(now: number): boolean {
    return this.#error !== undefined && now < this.#until;
  }
}

/** The cooldown after the `failures`-th failure in a row. */
export function cooldownMs(error: PlaylyfeAuthError, failures: number): number {
  const refused = error.status !== undefined && error.status < 500 && error.status !== 429;
  const { first, max } = refused ? TOKEN_COOLDOWN.refusedMs : TOKEN_COOLDOWN.unavailableMs;
  const backoffMs = Math.min(max, first * 2 ** Math.min(failures - 1, 30));
  if (error.status !== 429 || error.retryAfterSeconds === undefined) return backoffMs;
  // A Retry-After of 0 still backs off as a 5xx does; a long one is capped.
  const retryAfterMs = Math.max(backoffMs, error.retryAfterSeconds * 1000);
  return Math.min(retryAfterMs, TOKEN_COOLDOWN.maxRetryAfterMs);
}
