import { TOKEN_ROUTE } from '../playlyfe.constants.js';
import type { PlaylyfeTokenPlacement } from '../interfaces/playlyfe-module-options.interface.js';
import type { PlaylyfeTokenStore } from '../interfaces/playlyfe-token-store.interface.js';
import type { RetryPolicy } from '../utils/delay.js';
import { PlaylyfeCredentials } from './credentials.js';
import { validatePlaylyfeOptions } from './validate-options.js';

/** Options after validation, defaults and the values derived from them; what the client reads. */
export interface ResolvedPlaylyfeOptions {
  readonly credentials: PlaylyfeCredentials;
  /** `{apiBaseUrl}/{version}`, without trailing slash. */
  readonly apiUrl: string;
  readonly tokenUrl: string;
  readonly tokenPlacement: PlaylyfeTokenPlacement;
  readonly refreshMarginMs: number;
  readonly timeoutMs: number;
  readonly tokenTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly tokenRetry: RetryPolicy;
  readonly retry: RetryPolicy;
  /** Set when a `tokenStore` shares tokens between instances. */
  readonly tokenStore: TokenStoreOptions | undefined;
}

export interface TokenStoreOptions {
  readonly store: PlaylyfeTokenStore;
  /** How long to wait for another instance's refresh before fetching ourselves. */
  readonly waitMs: number;
  /** Bound on each store operation; a slower store counts as unavailable. */
  readonly operationTimeoutMs: number;
}

function joinPath(base: URL, path: string): string {
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`;
}

/** Validates user options (bootstrap fails on a bad one, naming `registration`) and derives what the client reads. */
export function resolvePlaylyfeOptions(
  raw: unknown,
  registration?: string,
): ResolvedPlaylyfeOptions {
  const options = validatePlaylyfeOptions(raw, registration);
  return {
    credentials: new PlaylyfeCredentials(options.clientId, options.clientSecret),
    apiUrl: joinPath(options.apiBaseUrl, `/${options.version}`),
    tokenUrl: joinPath(options.authBaseUrl, TOKEN_ROUTE),
    tokenPlacement: options.tokenPlacement,
    refreshMarginMs: options.refreshMarginSeconds * 1000,
    timeoutMs: options.timeoutMs,
    tokenTimeoutMs: options.tokenTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    tokenRetry: options.tokenRetry,
    retry: options.retry,
    tokenStore: options.tokenStore && {
      store: options.tokenStore,
      waitMs: options.tokenStoreWaitMs,
      operationTimeoutMs: options.tokenStoreTimeoutMs,
    },
  };
}
