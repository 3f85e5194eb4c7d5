import { isIP } from 'node:net';
import {
  DEFAULT_API_BASE_URL,
  DEFAULT_API_RETRY,
  DEFAULT_AUTH_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_REFRESH_MARGIN_SECONDS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_PLACEMENT,
  DEFAULT_TOKEN_RETRY,
  DEFAULT_TOKEN_STORE_TIMEOUT_MS,
  DEFAULT_TOKEN_STORE_WAIT_MS,
  DEFAULT_VERSION,
  MAX_TIMER_MS,
  TOKEN_ROUTE,
} from '../playlyfe.constants.js';
import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeTokenStore } from '../interfaces/playlyfe-token-store.interface.js';
import type {
  PlaylyfeModuleOptions,
  PlaylyfeRetryOptions,
  PlaylyfeTokenPlacement,
} from '../interfaces/playlyfe-module-options.interface.js';
import type { RetryPolicy } from '../utils/delay.js';

/** Every option checked, with its default applied; still in the user's units. */
export interface ValidatedPlaylyfeOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiBaseUrl: URL;
  readonly authBaseUrl: URL;
  readonly version: string;
  readonly tokenPlacement: PlaylyfeTokenPlacement;
  readonly refreshMarginSeconds: number;
  readonly timeoutMs: number;
  readonly tokenTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly tokenRetry: RetryPolicy;
  readonly retry: RetryPolicy;
  readonly tokenStore: PlaylyfeTokenStore | undefined;
  readonly tokenStoreWaitMs: number;
  readonly tokenStoreTimeoutMs: number;
}

const KNOWN_OPTIONS = new Set<string>([
  'clientId',
  'clientSecret',
  'apiBaseUrl',
  'authBaseUrl',
  'version',
  'tokenPlacement',
  'refreshMarginSeconds',
  'timeoutMs',
  'tokenTimeoutMs',
  'allowInsecureHttp',
  'maxResponseBytes',
  'tokenRetry',
  'retry',
  'tokenStore',
  'tokenStoreWaitMs',
  'tokenStoreTimeoutMs',
]);

/** One option's problem; `validatePlaylyfeOptions` turns it into the PlaylyfeError users see. */
class OptionProblem extends Error {}

function invalid(message: string): OptionProblem {
  return new OptionProblem(message);
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`\`${name}\` is required and must be a non-empty string`);
  }
  return value;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function baseUrl(value: unknown, name: string, fallback: string, allowInsecure: boolean): URL {
  if (value === undefined) return new URL(fallback);
  const text = typeof value === 'string' ? value : '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`\`${name}\` must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`\`${name}\` must use https (got ${url.protocol})`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalid(`\`${name}\` must not carry credentials, a query string or a fragment`);
  }
  if (url.protocol === 'http:' && !allowInsecure && !isLoopback(url.hostname)) {
    throw invalid(
      `\`${name}\` uses http on a host that is not loopback; use https, or set \`allowInsecureHttp: true\` (for tests only)`,
    );
  }
  return url;
}

/**
 * Refuses a base URL that ends in a path the library appends itself (`/v2`, `/auth/token`): the
 * request would go to `/v2/v2/...` and fail far from here. The message carries the corrected value.
 */
function refuseAppendedPath(url: URL, name: string, suffix: RegExp, appended: string): URL {
  const path = url.pathname.replace(/\/+$/, '');
  const match = suffix.exec(path);
  if (match === null) return url;
  const fixed = `${url.origin}${path.slice(0, match.index)}`;
  throw invalid(
    `\`${name}\` ends in \`${match[0]}\`, which the library appends itself (${appended}); use \`${name}: '${fixed}'\``,
  );
}

function number(
  value: unknown,
  name: string,
  fallback: number,
  min: number,
  exclusive: boolean,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (exclusive && value === min)
  ) {
    throw invalid(
      `\`${name}\` must be a finite number ${exclusive ? 'greater than' : 'at least'} ${min}`,
    );
  }
  return value;
}

/** A duration in ms: Node turns a timer above 2^31-1 ms into 1 ms, so a larger one is refused. */
function ms(
  value: unknown,
  name: string,
  fallback: number,
  min: number,
  exclusive: boolean,
): number {
  const checked = number(value, name, fallback, min, exclusive);
  if (value !== undefined && checked > MAX_TIMER_MS) {
    throw invalid(`\`${name}\` must be at most ${MAX_TIMER_MS} ms (about 24.8 days)`);
  }
  return checked;
}

function retryOptions(value: unknown, name: string, fallback: RetryPolicy): RetryPolicy {
  if (value === undefined) return fallback;
  if (value === null || typeof value !== 'object') throw invalid(`\`${name}\` must be an object`);
  const retry = value as PlaylyfeRetryOptions;
  const attempts = number(retry.attempts, `${name}.attempts`, fallback.attempts, 1, false);
  if (!Number.isInteger(attempts)) throw invalid(`\`${name}.attempts\` must be a whole number`);
  return {
    attempts,
    baseDelayMs: ms(retry.baseDelayMs, `${name}.baseDelayMs`, fallback.baseDelayMs, 0, false),
    maxDelayMs: ms(retry.maxDelayMs, `${name}.maxDelayMs`, fallback.maxDelayMs, 0, false),
    maxElapsedMs: ms(retry.maxElapsedMs, `${name}.maxElapsedMs`, fallback.maxElapsedMs, 0, false),
  };
}

function tokenStore(value: unknown): PlaylyfeTokenStore {
  const store = value as Partial<PlaylyfeTokenStore> | null;
  const methods = ['read', 'write', 'deleteIfEquals'] as const;
  if (
    store === null ||
    typeof store !== 'object' ||
    methods.some((name) => typeof store[name] !== 'function')
  ) {
    throw invalid(
      '`tokenStore` must implement read, write and deleteIfEquals (PlaylyfeTokenStore)',
    );
  }
  if (store.lock !== undefined && typeof store.lock !== 'function')
    throw invalid('`tokenStore.lock` must be a function');
  return store as PlaylyfeTokenStore;
}

/**
 * Validates user options and applies defaults. Errors name the option (and `registration`, when
 * given) and echo no value but a corrected base URL.
 */
export function validatePlaylyfeOptions(
  raw: unknown,
  registration?: string,
): ValidatedPlaylyfeOptions {
  try {
    return validate(raw);
  } catch (error) {
    if (!(error instanceof OptionProblem)) throw error;
    const which = registration === undefined ? '' : ` (${registration})`;
    throw new PlaylyfeError(`Invalid Playlyfe options${which}: ${error.message}`, {
      code: 'invalid_options',
    });
  }
}

function validate(raw: unknown): ValidatedPlaylyfeOptions {
  if (raw === null || typeof raw !== 'object') {
    throw invalid('expected an options object with `clientId` and `clientSecret`');
  }
  const unknown = Object.keys(raw).filter((key) => !KNOWN_OPTIONS.has(key));
  if (unknown.length > 0) {
    throw invalid(`unknown option(s) ${unknown.map((key) => `\`${key}\``).join(', ')}`);
  }
  const options = raw as PlaylyfeModuleOptions;
  const clientId = requireText(options.clientId, 'clientId');
  const clientSecret = requireText(options.clientSecret, 'clientSecret');
  if (options.allowInsecureHttp !== undefined && typeof options.allowInsecureHttp !== 'boolean') {
    throw invalid('`allowInsecureHttp` must be a boolean');
  }
  const allowInsecure = options.allowInsecureHttp === true;
  const version = options.version ?? DEFAULT_VERSION;
  if (typeof version !== 'string' || !/^v\d+$/.test(version)) {
    throw invalid('`version` must look like `v2`');
  }
  const tokenPlacement = options.tokenPlacement ?? DEFAULT_TOKEN_PLACEMENT;
  if (tokenPlacement !== 'query' && tokenPlacement !== 'header') {
    throw invalid("`tokenPlacement` must be 'query' or 'header'");
  }
  return {
    clientId,
    clientSecret,
    apiBaseUrl: refuseAppendedPath(
      baseUrl(options.apiBaseUrl, 'apiBaseUrl', DEFAULT_API_BASE_URL, allowInsecure),
      'apiBaseUrl',
      /\/v\d+$/,
      'from `version`',
    ),
    authBaseUrl: refuseAppendedPath(
      baseUrl(options.authBaseUrl, 'authBaseUrl', DEFAULT_AUTH_BASE_URL, allowInsecure),
      'authBaseUrl',
      /\/auth(?:\/token)?$/,
      `the token route is \`${TOKEN_ROUTE}\``,
    ),
    version,
    tokenPlacement,
    refreshMarginSeconds: number(
      options.refreshMarginSeconds,
      'refreshMarginSeconds',
      DEFAULT_REFRESH_MARGIN_SECONDS,
      0,
      false,
    ),
    timeoutMs: ms(options.timeoutMs, 'timeoutMs', DEFAULT_TIMEOUT_MS, 0, true),
    tokenTimeoutMs: ms(options.tokenTimeoutMs, 'tokenTimeoutMs', DEFAULT_TIMEOUT_MS, 0, true),
    maxResponseBytes: number(
      options.maxResponseBytes,
      'maxResponseBytes',
      DEFAULT_MAX_RESPONSE_BYTES,
      0,
      true,
    ),
    tokenRetry: retryOptions(options.tokenRetry, 'tokenRetry', DEFAULT_TOKEN_RETRY),
    retry: retryOptions(options.retry, 'retry', DEFAULT_API_RETRY),
    tokenStore: options.tokenStore === undefined ? undefined : tokenStore(options.tokenStore),
    tokenStoreWaitMs: ms(
      options.tokenStoreWaitMs,
      'tokenStoreWaitMs',
      DEFAULT_TOKEN_STORE_WAIT_MS,
      0,
      false,
    ),
    tokenStoreTimeoutMs: ms(
      options.tokenStoreTimeoutMs,
      'tokenStoreTimeoutMs',
      DEFAULT_TOKEN_STORE_TIMEOUT_MS,
      0,
      true,
    ),
  };
}
