/** Injection tokens and defaults, in one place. Internal: not exported from the package. */

export const PLAYLYFE_RESOLVED_OPTIONS = Symbol('PLAYLYFE_RESOLVED_OPTIONS');
export const PLAYLYFE_CLIENT_NAME = Symbol('PLAYLYFE_CLIENT_NAME');
/** The registration's configured client (PlaylyfeHttpClient). */
export const PLAYLYFE_HTTP_CLIENT = Symbol('PLAYLYFE_HTTP_CLIENT');
/** The clock of the token path (PlaylyfeClock); tests override it to set time. */
export const PLAYLYFE_CLOCK = Symbol('PLAYLYFE_CLOCK');

export const PLAYLYFE_LOGGER_CONTEXT = 'Playlyfe';

export const DEFAULT_API_BASE_URL = 'https://api.playlyfe.com';
export const DEFAULT_AUTH_BASE_URL = 'https://playlyfe.com';
export const DEFAULT_VERSION = 'v2';
export const DEFAULT_TOKEN_PLACEMENT = 'query';
export const DEFAULT_REFRESH_MARGIN_SECONDS = 60;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Longest delay a Node timer takes (2^31-1 ms); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Token endpoint retries on 5xx, 429 and dropped connections. */
export const DEFAULT_TOKEN_RETRY = {
  attempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  maxElapsedMs: 30_000,
} as const;
/** API retries of idempotent calls on 502/503/504 and dropped connections. */
export const DEFAULT_API_RETRY = {
  attempts: 2,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxElapsedMs: Infinity,
} as const;
/** Longest Retry-After the token provider honours before it gives up on an attempt. */
export const MAX_RETRY_AFTER_MS = 5_000;

export const TOKEN_ROUTE = '/auth/token';
export const ACCESS_TOKEN_PARAM = 'access_token';
export const PLAYER_ID_PARAM = 'player_id';
export const INVALID_ACCESS_TOKEN = 'invalid_access_token';
/** How long an instance waits for another instance's refresh through the token store. */
export const DEFAULT_TOKEN_STORE_WAIT_MS = 3_000;
/** Bound on one token store operation; a slower store is bypassed. */
export const DEFAULT_TOKEN_STORE_TIMEOUT_MS = 1_000;
