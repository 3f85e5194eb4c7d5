import type { TokenGrant } from './token-sealer.js';

/** The current token of a client, on the one clock of the token path (epoch ms, `PlaylyfeClock`). */
export interface TokenRecord {
  readonly token: string;
  readonly expiresAt: number;
  /** From here on the token is still used, while one background refresh replaces it. */
  readonly refreshAt: number;
  /** The value this token is stored as in the shared token store, if any. */
  readonly sealed: string | undefined;
}

/** The refresh margin is `refreshMarginMs`, at most half the token's lifetime. */
export function toTokenRecord(
  grant: TokenGrant,
  refreshMarginMs: number,
  sealed?: string,
): TokenRecord {
  const margin = Math.min(refreshMarginMs, grant.lifetimeMs / 2);
  const expiresAt = grant.expiresAtEpochMs;
  return { token: grant.token, expiresAt, refreshAt: expiresAt - margin, sealed };
}

/** Inside the refresh margin: still usable, but a refresh should start. */
export function shouldRefresh(record: TokenRecord, now: number): boolean {
  return now >= record.refreshAt;
}

/** Expired: no caller may use it. */
export function mustRefresh(record: TokenRecord, now: number): boolean {
  return now >= record.expiresAt;
}
