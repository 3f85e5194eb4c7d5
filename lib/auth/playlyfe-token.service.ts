import { Logger } from '@nestjs/common';
import { PLAYLYFE_LOGGER_CONTEXT } from '../playlyfe.constants.js';
import type { ResolvedPlaylyfeOptions } from '../options/resolved-options.js';
import type { PlaylyfeClock } from '../utils/clock.js';
import { untilAborted } from '../utils/delay.js';
import type { PlaylyfeTokenClient } from './playlyfe-token.client.js';
import type { PlaylyfeTelemetry } from '../telemetry/playlyfe.telemetry.js';
import type { TokenRefreshTelemetry } from '../telemetry/telemetry.interfaces.js';
import { SharedTokenCoordinator } from './shared-token.coordinator.js';
import { TokenCooldown } from './token-cooldown.js';
import { mustRefresh, shouldRefresh, toTokenRecord, type TokenRecord } from './token-record.js';
import type { TokenGrant } from './token-sealer.js';

/** Tokens rejected lately, never adopted again from a shared store. */
const REJECTED_MEMORY = 16;

/**
 * Provides the access token of one Playlyfe client: refreshed ahead of expiry, one token request at a
 * time, and with a `tokenStore`, one token request at a time across every instance of the app.
 */
export class PlaylyfeTokenService {
  private readonly logger = new Logger(PLAYLYFE_LOGGER_CONTEXT);
  private readonly shared: SharedTokenCoordinator | undefined;
  private readonly closing = new AbortController();
  #current: TokenRecord | undefined;
  #refreshing: Promise<TokenRecord> | undefined;
  #refreshTelemetry: TokenRefreshTelemetry | undefined;
  readonly #cooldown = new TokenCooldown();
  readonly #rejected = new Set<string>();

  /** @internal Built by the module's client factory, with the registration's token client and clock. */
  constructor(
    private readonly options: ResolvedPlaylyfeOptions,
    private readonly clientName: string,
    private readonly client: PlaylyfeTokenClient,
    private readonly clock: PlaylyfeClock,
    private readonly telemetry: PlaylyfeTelemetry,
  ) {
    const { tokenStore } = options;
    this.shared =
      tokenStore && new SharedTokenCoordinator({ ...options, tokenStore }, clock, this.logger);
  }

  /**
   * The current access token. Without I/O while it is valid and outside the refresh margin; inside the
   * margin it starts one background refresh; when there is none, it waits for the (shared) refresh,
   * or until `signal` aborts.
   */
  getAccessToken(signal?: AbortSignal): Promise<string> {
    return this.accessToken(signal && { signal });
  }

  /** @internal `getAccessToken` for the interceptor: `until.signal` is read only if the caller waits. */
  accessToken(until?: { readonly signal: AbortSignal }): Promise<string> {
    const current = this.#current;
    const now = this.clock.now();
    if (current && !mustRefresh(current, now)) {
      if (shouldRefresh(current, now)) this.refreshInBackground(now);
      return Promise.resolve(current.token);
    }
    return untilAborted(this.refresh(), until?.signal).then((fresh) => fresh.token);
  }

  /** Drops `token` if it is still the current one; a late rejection of an older token changes nothing. */
  invalidate(token: string): void {
    const current = this.#current;
    if (current?.token !== token) return;
    this.#current = undefined;
    if (this.#rejected.size >= REJECTED_MEMORY) this.#rejected.clear();
    this.#rejected.add(token);
    if (this.shared && current.sealed !== undefined) void this.shared.discard(current.sealed);
  }

  /** @internal Cancels a token request in flight and closes the token store; called on module destroy. */
  async close(): Promise<void> {
    this.closing.abort();
    this.#current = undefined;
    await this.shared?.close();
  }

  /** The shared refresh; while the failure cooldown lasts, a copy of its error at once, per caller. */
  private refresh(): Promise<TokenRecord> {
    const coolingDown = !this.#refreshing && this.#cooldown.rejection(this.clock.now());
    if (coolingDown) return Promise.reject(coolingDown);
    return this.sharedRefresh().catch((error: unknown) => {
      throw this.#cooldown.rejection(this.clock.now()) ?? error;
    });
  }

  private sharedRefresh(): Promise<TokenRecord> {
    if (this.#refreshing) {
      // telemetry: a caller waiting on the refresh in flight is linked to its span.
      this.#refreshTelemetry?.joined();
      return this.#refreshing;
    }
    // telemetry: one `playlyfe.token` span per refresh, its HTTP request run inside it.
    const telemetry = (this.#refreshTelemetry = this.telemetry.tokenRefreshStarted());
    this.#refreshing = telemetry
      .run(() => this.fetchToken(telemetry))
      .then(
        (record) => {
          this.#cooldown.succeeded();
          return record;
        },
        (error: unknown) => {
          this.#cooldown.failed(error, this.clock.now());
          throw error;
        },
      )
      .finally(() => {
        this.#refreshing = undefined;
        this.#refreshTelemetry = undefined;
      });
    return this.#refreshing;
  }

  private async fetchToken(telemetry: TokenRefreshTelemetry): Promise<TokenRecord> {
    let fetched = false;
    const request = (): Promise<TokenGrant> => {
      fetched = true;
      // telemetry: the outcome is `issued`, not `shared` (adopted from the token store).
      telemetry.requested();
      return this.client.requestToken(this.closing.signal);
    };
    const { grant, sealed } = this.shared
      ? await this.shared.obtain(request, this.#rejected)
      : { grant: await request(), sealed: undefined };
    const record = toTokenRecord(grant, this.options.refreshMarginMs, sealed);
    if (!this.closing.signal.aborted) this.#current = record;
    this.logger.debug(
      `${fetched ? 'Obtained' : 'Adopted the shared'} access token for client "${this.clientName}", valid ${Math.round(grant.lifetimeMs / 1000)} s`,
    );
    return record;
  }

  /** At most one at a time, and none during the failure cooldown. */
  private refreshInBackground(now: number): void {
    if (this.#refreshing || this.#cooldown.active(now)) return;
    this.refresh().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : 'unknown error';
      this.logger.warn(
        `Background token refresh for client "${this.clientName}" failed; still using the current token: ${reason}`,
      );
    });
  }
}
