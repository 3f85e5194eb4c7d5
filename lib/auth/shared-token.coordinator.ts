import type { Logger } from '@nestjs/common';
import type {
  PlaylyfeTokenStore,
  PlaylyfeTokenStoreLock,
} from '../interfaces/playlyfe-token-store.interface.js';
import type { ResolvedPlaylyfeOptions, TokenStoreOptions } from '../options/resolved-options.js';
import type { PlaylyfeClock } from '../utils/clock.js';
import { sleep, withTimeout } from '../utils/delay.js';
import { shouldRefresh, toTokenRecord } from './token-record.js';
import { issuedAt, TokenSealer, type TokenGrant } from './token-sealer.js';

/** A grant with the exact stored value it came from, for compare-and-delete. */
export interface SharedGrant {
  readonly grant: TokenGrant;
  readonly sealed: string | undefined;
}

/** The rejection a refresh recovers from: the rejected token's fingerprint, and when it was dropped. */
export interface Recovery {
  readonly fingerprint: string;
  readonly at: number;
}

const POLL_MS = 50;
const UNAVAILABLE = Symbol('store unavailable');

/**
 * Shares one token between the instances of an app through a PlaylyfeTokenStore: a stored token
 * is adopted; otherwise one instance takes the lock and fetches while the others wait for it.
 * A store that fails or is slow is bypassed (per-process tokens), never a reason a call fails.
 */
export class SharedTokenCoordinator {
  private readonly settings: TokenStoreOptions;
  private readonly storeKey: string;
  private readonly lockKey: string;
  /** Lock time to live: long enough for one token request with its retries. */
  private readonly lockTtlMs: number;
  private readonly refreshMarginMs: number;
  private readonly sealer: TokenSealer;
  private degraded = false;

  constructor(
    options: ResolvedPlaylyfeOptions & { tokenStore: TokenStoreOptions },
    private readonly clock: PlaylyfeClock,
    private readonly logger: Logger,
  ) {
    const { tokenStore, tokenUrl, credentials, tokenRetry, tokenTimeoutMs } = options;
    this.settings = tokenStore;
    this.storeKey = `nestjs-playlyfe:token:${tokenUrl}:${credentials.clientId}`;
    this.lockKey = `${this.storeKey}:lock`;
    this.lockTtlMs = Math.min(
      tokenRetry.maxElapsedMs,
      tokenRetry.attempts * (tokenTimeoutMs + tokenRetry.maxDelayMs),
    );
    this.refreshMarginMs = options.refreshMarginMs;
    this.sealer = new TokenSealer(credentials.revealSecret(), this.storeKey);
  }

  /** A fresh shared token, or one fetched (by us or, when it holds the lock, another instance). */
  async obtain(
    fetchToken: () => Promise<TokenGrant>,
    rejected: ReadonlySet<string>,
    recovery?: Recovery,
  ): Promise<SharedGrant> {
    // After a rejection, only a token fetched to replace that token, or issued after it was
    // rejected: another instance's token from before may be revoked as well.
    const usable = (candidate: SharedGrant | undefined): candidate is SharedGrant =>
      candidate !== undefined &&
      this.isFresh(candidate.grant, rejected) &&
      (recovery === undefined ||
        candidate.grant.replaces === recovery.fingerprint ||
        issuedAt(candidate.grant) > recovery.at);
    const fetch = async (): Promise<TokenGrant> => ({
      ...(await fetchToken()),
      replaces: recovery?.fingerprint,
    });
    const remaining = elapsedBudget(this.clock, this.settings.waitMs);

    const stored = await this.read();
    if (stored === UNAVAILABLE) return { grant: await fetchToken(), sealed: undefined };
    if (usable(stored)) return stored;

    // No lock to take (a store without one): fetch, and share what we got.
    if (!this.settings.store.lock) return this.fetchAndShare(fetch);
    // Bounded by the time that passed, not by turns: each read of a slow store takes its own time.
    for (;;) {
      // Tried again at every poll: a holder that ended without a token this instance may adopt (it
      // replaced another token, issued before ours was rejected), or that died, frees the lock.
      const lock = await this.attempt((store) => store.lock?.(this.lockKey, this.lockTtlMs));
      if (lock === UNAVAILABLE) return this.fetchAndShare(fetch);
      if (lock !== undefined) {
        try {
          const again = await this.read();
          if (again !== UNAVAILABLE && usable(again)) return again;
          return await this.fetchAndShare(fetch);
        } finally {
          await this.release(lock);
        }
      }
      let left = remaining();
      if (left <= 0) break;
      await sleep(Math.min(POLL_MS, left));
      left = remaining();
      // Past the end, one last look of one poll's length: a token written while this process was busy.
      const shared = await this.read(
        left > 0 ? Math.min(left, this.settings.operationTimeoutMs) : POLL_MS,
      );
      if (shared === UNAVAILABLE) break;
      if (usable(shared)) return shared;
      if (left <= 0) break;
    }
    return this.fetchAndShare(fetch);
  }

  /** Removes the stored token if it is still the one that was rejected. */
  async discard(sealed: string): Promise<void> {
    await this.attempt((store) => store.deleteIfEquals(this.storeKey, sealed));
  }

  async close(): Promise<void> {
    await this.attempt((store) => store.close?.());
  }

  private isFresh(grant: TokenGrant, rejected: ReadonlySet<string>): boolean {
    const record = toTokenRecord(grant, this.refreshMarginMs);
    return !rejected.has(grant.token) && !shouldRefresh(record, this.clock.now());
  }

  private async fetchAndShare(fetch: () => Promise<TokenGrant>): Promise<SharedGrant> {
    const grant = await fetch();
    const sealed = this.sealer.seal(grant);
    const ttlMs = Math.floor(grant.expiresAtEpochMs - this.clock.now());
    if (ttlMs <= 0) return { grant, sealed: undefined };
    const written = await this.attempt((store) => store.write(this.storeKey, sealed, ttlMs));
    return { grant, sealed: written === UNAVAILABLE ? undefined : sealed };
  }

  private async read(
    timeoutMs = this.settings.operationTimeoutMs,
  ): Promise<SharedGrant | undefined | typeof UNAVAILABLE> {
    const sealed = await this.attempt((store) => store.read(this.storeKey), timeoutMs);
    if (sealed === UNAVAILABLE) return UNAVAILABLE;
    if (typeof sealed !== 'string') return undefined;
    const grant = this.sealer.open(sealed);
    return grant && { grant, sealed };
  }

  private async release(lock: PlaylyfeTokenStoreLock): Promise<void> {
    await this.attempt(() => lock.release());
  }

  /**
   * Runs one store operation within `timeoutMs`; failures are logged once and answered UNAVAILABLE.
   * A bound shorter than `tokenStoreTimeoutMs` is the end of a wait, not an unavailable store.
   */
  private async attempt<T>(
    operation: (store: PlaylyfeTokenStore) => Promise<T> | undefined,
    timeoutMs = this.settings.operationTimeoutMs,
  ): Promise<T | undefined | typeof UNAVAILABLE> {
    try {
      const pending = Promise.resolve().then(() => operation(this.settings.store));
      const result = await withTimeout(pending, timeoutMs, `no answer within ${timeoutMs} ms`);
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('Token store is available again; sharing tokens between instances');
      }
      return result;
    } catch (error) {
      if (timeoutMs < this.settings.operationTimeoutMs) return UNAVAILABLE;
      if (!this.degraded) {
        this.degraded = true;
        const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'unknown error';
        this.logger.warn(
          `Token store unavailable (${reason}); falling back to per-process token requests`,
        );
      }
      return UNAVAILABLE;
    }
  }
}

/**
 * Milliseconds left of `budgetMs` from now on: the time passed on the token path's clock, or on the
 * monotonic clock when that one passes slower (a test's clock that stands still never holds a wait).
 */
function elapsedBudget(clock: PlaylyfeClock, budgetMs: number): () => number {
  const startedAt = clock.now();
  const startedMono = performance.now();
  return () => budgetMs - Math.max(clock.now() - startedAt, performance.now() - startedMono);
}
