import type { Logger } from '@nestjs/common';
import type {
  PlaylyfeTokenStore,
  PlaylyfeTokenStoreLock,
} from '../interfaces/playlyfe-token-store.interface.js';
import { sleep } from '../utils/delay.js';
import { TokenSealer, type TokenGrant } from './token-sealer.js';

/** A grant with the exact stored value it came from, for compare-and-delete. */
export interface SharedGrant {
  readonly grant: TokenGrant;
  readonly sealed: string | undefined;
}

export interface SharedTokenSettings {
  readonly store: PlaylyfeTokenStore;
  readonly storeKey: string;
  readonly refreshMarginMs: number;
  /** How long to wait for another instance's refresh before fetching ourselves. */
  readonly waitMs: number;
  /** Bound on each store operation; a slower store counts as unavailable. */
  readonly operationTimeoutMs: number;
  /** Lock time to live: long enough for one token request with its retries. */
  readonly lockTtlMs: number;
}

const POLL_MS = 50;
const UNAVAILABLE = Symbol('store unavailable');

/**
 * Shares one token between the instances of an app through a PlaylyfeTokenStore: a stored token
 * is adopted; otherwise one instance takes the lock and fetches while the others wait for it.
 * A store that fails or is slow is bypassed (per-process tokens), never a reason a call fails.
 */
export class SharedTokenCoordinator {
  private readonly sealer: TokenSealer;
  private readonly lockKey: string;
  private degraded = false;

  constructor(
    private readonly settings: SharedTokenSettings,
    clientSecret: string,
    private readonly logger: Logger,
  ) {
    this.sealer = new TokenSealer(clientSecret, settings.storeKey);
    this.lockKey = `${settings.storeKey}:lock`;
  }

  /** A fresh shared token, or one fetched (by us or, when it holds the lock, another instance). */
  async obtain(
    fetch: () => Promise<TokenGrant>,
    rejected: ReadonlySet<string>,
  ): Promise<SharedGrant> {
    const usable = (candidate: SharedGrant | undefined): candidate is SharedGrant =>
      candidate !== undefined && this.isFresh(candidate.grant, rejected);

    const stored = await this.read();
    if (stored === UNAVAILABLE) return { grant: await fetch(), sealed: undefined };
    if (usable(stored)) return stored;

    const lock = this.settings.store.lock
      ? await this.attempt((store) => store.lock?.(this.lockKey, this.settings.lockTtlMs))
      : UNAVAILABLE;
    // No lock to take (a store without one, or out of reach): fetch, and share what we got.
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
    const deadline = Date.now() + this.settings.waitMs;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const shared = await this.read();
      if (shared === UNAVAILABLE) break;
      if (usable(shared)) return shared;
    }
    return this.fetchAndShare(fetch);
  }

  /** Removes the stored token if it is still the one that was rejected. */
  async discard(sealed: string): Promise<void> {
    await this.attempt((store) => store.deleteIfEquals(this.settings.storeKey, sealed));
  }

  async close(): Promise<void> {
    await this.attempt((store) => store.close?.());
  }

  private isFresh(grant: TokenGrant, rejected: ReadonlySet<string>): boolean {
    const margin = Math.min(this.settings.refreshMarginMs, grant.lifetimeMs / 2);
    return !rejected.has(grant.token) && Date.now() < grant.expiresAtEpochMs - margin;
  }

  private async fetchAndShare(fetch: () => Promise<TokenGrant>): Promise<SharedGrant> {
    const grant = await fetch();
    const sealed = this.sealer.seal(grant);
    const ttlMs = Math.floor(grant.expiresAtEpochMs - Date.now());
    if (ttlMs <= 0) return { grant, sealed: undefined };
    const written = await this.attempt((store) =>
      store.write(this.settings.storeKey, sealed, ttlMs),
    );
    return { grant, sealed: written === UNAVAILABLE ? undefined : sealed };
  }

  private async read(): Promise<SharedGrant | undefined | typeof UNAVAILABLE> {
    const sealed = await this.attempt((store) => store.read(this.settings.storeKey));
    if (sealed === UNAVAILABLE) return UNAVAILABLE;
    if (typeof sealed !== 'string') return undefined;
    const grant = this.sealer.open(sealed);
    return grant && { grant, sealed };
  }

  private async release(lock: PlaylyfeTokenStoreLock): Promise<void> {
    await this.attempt(() => lock.release());
  }

  /** Runs one store operation within the time bound; failures are logged once and answered UNAVAILABLE. */
  private async attempt<T>(
    operation: (store: PlaylyfeTokenStore) => Promise<T> | undefined,
  ): Promise<T | undefined | typeof UNAVAILABLE> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.settings.operationTimeoutMs} ms`)),
        this.settings.operationTimeoutMs,
      );
      timer.unref();
    });
    try {
      const pending = Promise.resolve().then(() => operation(this.settings.store));
      pending.catch(() => undefined); // it may settle after the timeout has answered
      const result = await Promise.race([pending, timeout]);
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('Token store is available again; sharing tokens between instances');
      }
      return result;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'unknown error';
        this.logger.warn(
          `Token store unavailable (${reason}); falling back to per-process token requests`,
        );
      }
      return UNAVAILABLE;
    } finally {
      clearTimeout(timer);
    }
  }
}
