import { PlaylyfeAuthError, PlaylyfeError } from '../playlyfe.errors.js';

/** What a failed send says about the play. */
export type SendVerdict =
  /** Surely not applied: send again after a backoff. */
  | { kind: 'not-applied' }
  /** Refused by Playlyfe: fail the play with this code, never send it again. */
  | { kind: 'refused'; code: string; message: string }
  /** Refused for the whole plan: pause every send for `waitMs`, then send it again. */
  | { kind: 'plan-limit'; waitMs: number }
  /** Maybe applied: read the activity feed before any resend. */
  | { kind: 'ambiguous' };

/**
 * Sorts a failed send of `POST /runtime/actions/:id/play`. Only failures that prove nothing reached
 * Playlyfe (no token, no connection) or that Playlyfe answered with a refusal are sure; a timeout,
 * a reset connection, a 5xx or an unreadable answer may follow an applied play.
 */
export function classifySendFailure(error: unknown, planLimitPauseMs: number): SendVerdict {
  if (!(error instanceof PlaylyfeError)) return { kind: 'ambiguous' };
  if (error instanceof PlaylyfeAuthError || error.notSent) return { kind: 'not-applied' };
  if (error.code === 'plan_limit_exceeded') {
    const seconds = error.retryAfterSeconds;
    return {
      kind: 'plan-limit',
      waitMs: seconds === undefined ? planLimitPauseMs : seconds * 1000,
    };
  }
  const status = error.status;
  if (status === undefined || status >= 500 || status < 400) return { kind: 'ambiguous' };
  // A token rejected twice (the interceptor retried once): Playlyfe refused the call before playing.
  if (status === 401) return { kind: 'not-applied' };
  return { kind: 'refused', code: error.code, message: error.message };
}

/** Whether a failed feed read means the client may not read activity feeds. */
export function lacksFeedAccess(error: unknown): boolean {
  return error instanceof PlaylyfeError && (error.status === 403 || error.code === 'access_denied');
}
