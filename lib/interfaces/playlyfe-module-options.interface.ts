import type { ConfigurableModuleAsyncOptions } from '@nestjs/common';
import type { PlaylyfeTokenStore } from './playlyfe-token-store.interface.js';

/** Where the access token travels on API calls. */
export type PlaylyfeTokenPlacement = 'query' | 'header';

/** Bounded exponential backoff with jitter. */
export interface PlaylyfeRetryOptions {
  /** Attempts in all, the first one included (1 means no retry). */
  attempts?: number;
  /** Delay before the first retry; doubles on each further one, with full jitter. */
  baseDelayMs?: number;
  /** Cap on any single delay. */
  maxDelayMs?: number;
  /** No retry starts once this many milliseconds have passed since the first attempt. */
  maxElapsedMs?: number;
}

/** Options of one Playlyfe client registration (`PlaylyfeModule.forRoot`). */
export interface PlaylyfeModuleOptions {
  /** OAuth client id of the Playlyfe client (Client Credentials flow). */
  clientId: string;
  /** OAuth client secret; never logged, never part of an error. */
  clientSecret: string;
  /** API host, default `https://api.playlyfe.com`. */
  apiBaseUrl?: string;
  /** Auth host that serves `POST /auth/token`, default `https://playlyfe.com`. */
  authBaseUrl?: string;
  /** API version path segment, default `v2`. */
  version?: string;
  /** `query` (`?access_token=`, Playlyfe's documented way, default) or `header` (`Authorization: Bearer`). */
  tokenPlacement?: PlaylyfeTokenPlacement;
  /** Renew the token this many seconds before it expires (default 60; at most half its lifetime). */
  refreshMarginSeconds?: number;
  /** Upper bound of one call in milliseconds, the wait for a token included (default 10000). */
  timeoutMs?: number;
  /** Upper bound of one token request attempt in milliseconds (default 10000), apart from `timeoutMs`:
   * a caller that stops waiting does not abandon the token request other callers share. */
  tokenTimeoutMs?: number;
  /** Allow `http:` base URLs on hosts other than loopback. For tests only. */
  allowInsecureHttp?: boolean;
  /** Largest response body accepted, in bytes (default 10 MiB). */
  maxResponseBytes?: number;
  /** Retries of the token request on 5xx, 429, timeouts and dropped connections (default 3 attempts within 30 s). */
  tokenRetry?: PlaylyfeRetryOptions;
  /** Shares one token between the instances of an app (e.g. `RedisTokenStore`); default: per process, in memory. */
  tokenStore?: PlaylyfeTokenStore;
  /** With `tokenStore`: how long to wait for another instance's refresh before fetching (default 3000 ms). */
  tokenStoreWaitMs?: number;
  /** With `tokenStore`: bound on each store operation; a slower store is bypassed (default 1000 ms). */
  tokenStoreTimeoutMs?: number;
  /** Retries of GET, PUT and DELETE calls on 502/503/504 and dropped connections (default 2 attempts, within `timeoutMs`). */
  retry?: PlaylyfeRetryOptions;
}

/** Extra options of a registration, read when the module is built (not from an async factory). */
export interface PlaylyfeModuleExtras {
  /** Name of a non-default client, injected with `@InjectPlaylyfe(name)`. */
  name?: string;
  /** Register the module globally. */
  isGlobal?: boolean;
}

/** A class that supplies options to `PlaylyfeModule.forRootAsync({ useClass | useExisting })`. */
export interface PlaylyfeOptionsFactory {
  createPlaylyfeOptions(): PlaylyfeModuleOptions | Promise<PlaylyfeModuleOptions>;
}

/** Options of `PlaylyfeModule.forRootAsync`: `useFactory` (with `inject`), `useClass` or `useExisting`, plus the extras. */
export type PlaylyfeModuleAsyncOptions = ConfigurableModuleAsyncOptions<
  PlaylyfeModuleOptions,
  'createPlaylyfeOptions'
> &
  PlaylyfeModuleExtras;
