import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PlaylyfeHttpAgents } from '../http/playlyfe-http-agents.js';
import {
  BACKGROUND_REFRESH_COOLDOWN_MS,
  PLAYLYFE_CLIENT_NAME,
  PLAYLYFE_LOGGER_CONTEXT,
  PLAYLYFE_RESOLVED_OPTIONS,
} from '../playlyfe.constants.js';
import type { ResolvedPlaylyfeOptions } from '../playlyfe.options.js';
import { untilAborted } from '../utils/delay.js';
import { PlaylyfeTokenClient, type IssuedToken } from './playlyfe-token.client.js';
import { SharedTokenCoordinator } from './shared-token.coordinator.js';
import type { TokenGrant } from './token-sealer.js';
import { PlaylyfeTelemetry } from '../telemetry/playlyfe.telemetry.js';
import type { TokenRefreshTelemetry } from '../telemetry/telemetry.interfaces.js';

interface CurrentToken {
  readonly token: string;
  /** `performance.now()` times: immune to wall-clock jumps. */
  readonly expiresAt: number;
  readonly refreshAt: number;
  /** The value this token is stored as in the shared token store, if any. */
  readonly sealed: string | undefined;
}

/** Tokens rejected lately, never adopted again from a shared store. */
const REJECTED_MEMORY = 16;

/**
 * Provides the access token of one Playlyfe client: refreshed ahead of expiry, one token request at a
 * time, and with a `tokenStore`, one token request at a time across every instance of the app.
 */
@Injectable()
export class PlaylyfeTokenService implements OnModuleDestroy {
  private readonly logger = new Logger(PLAYLYFE_LOGGER_CONTEXT);
  private readonly client: PlaylyfeTokenClient;
  private readonly shared: SharedTokenCoordinator | undefined;
  private readonly closing = new AbortController();
  #current: CurrentToken | undefined;
  #refreshing: Promise<CurrentToken> | undefined;
  #refreshTelemetry: TokenRefreshTelemetry | undefined;
  #backgroundPausedUntil = 0;
  readonly #rejected = new Set<string>();

  constructor(
    @Inject(PLAYLYFE_RESOLVED_OPTIONS) private readonly options: ResolvedPlaylyfeOptions,
    @Inject(PLAYLYFE_CLIENT_NAME) private readonly clientName: string,
    agents: PlaylyfeHttpAgents,
    // telemetry: one span per refresh.
    private readonly telemetry: PlaylyfeTelemetry,
  ) {
    this.client = new PlaylyfeTokenClient(options, agents);
    this.shared =
      options.tokenStore &&
      new SharedTokenCoordinator(
        options.tokenStore,
        options.credentials.revealSecret(),
        this.logger,
      );
  }

  /**
   * The current access token. Without I/O while it is valid and outside the refresh margin; inside the
   * margin it starts one background refresh; when there is none, it waits for the (shared) refresh.
   */
  getAccessToken(signal?: AbortSignal): Promise<string> {
    const valid = this.peekValidToken();
    if (valid !== undefined) return Promise.resolve(valid);
    return untilAborted(this.refresh(), signal).then((fresh) => fresh.token);
  }

  /**
   * The current token when it is valid, without a Promise (the per-call fast path); `undefined` when a
   * caller has to wait for a refresh through `getAccessToken()`. Inside the refresh margin it starts
   * the same background refresh as `getAccessToken()`.
   */
  peekValidToken(): string | undefined {
    const now = performance.now();
    const current = this.#current;
    if (!current || now >= current.expiresAt) return undefined;
    if (now >= current.refreshAt) this.refreshInBackground(now);
    return current.token;
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

  async onModuleDestroy(): Promise<void> {
    this.closing.abort();
    this.#current = undefined;
    await this.shared?.close();
  }

  private refresh(): Promise<CurrentToken> {
    if (this.#refreshing) {
      // telemetry: a caller waiting on the refresh in flight is linked to its span.
      this.#refreshTelemetry?.joined();
      return this.#refreshing;
    }
    // telemetry: one `playlyfe.token` span per refresh, its HTTP request run inside it.
    const telemetry = (this.#refreshTelemetry = this.telemetry.tokenRefreshStarted());
    this.#refreshing = telemetry
      .run(() => this.fetchToken(telemetry))
      .finally(() => {
        this.#refreshing = undefined;
        this.#refreshTelemetry = undefined;
      });
    return this.#refreshing;
  }

  private async fetchToken(telemetry: TokenRefreshTelemetry): Promise<CurrentToken> {
    let fetched = false;
    const request = async (): Promise<TokenGrant> => {
      fetched = true;
      // telemetry: the outcome is `issued`, not `shared` (adopted from the token store).
      telemetry.requested();
      return toGrant(await this.client.requestToken(this.closing.signal));
    };
    const { grant, sealed } = this.shared
      ? await this.shared.obtain(request, this.#rejected)
      : { grant: await request(), sealed: undefined };
    const current = toCurrentToken(grant, sealed, this.options.refreshMarginMs);
    if (!this.closing.signal.aborted) this.#current = current;
    this.logger.debug(
      `${fetched ? 'Obtained' : 'Adopted the shared'} access token for client "${this.clientName}", valid ${Math.round(grant.lifetimeMs / 1000)} s`,
    );
    return current;
  }

  private refreshInBackground(now: number): void {
    if (this.#refreshing || now < this.#backgroundPausedUntil) return;
    this.refresh().catch((error: unknown) => {
      this.#backgroundPausedUntil = performance.now() + BACKGROUND_REFRESH_COOLDOWN_MS;
      const reason = error instanceof Error ? error.message : 'unknown error';
      this.logger.warn(
        `Background token refresh for client "${this.clientName}" failed; still using the current token: ${reason}`,
      );
    });
  }
}

function toGrant(issued: IssuedToken): TokenGrant {
  const expiresAtEpochMs = Date.now() - (performance.now() - issued.sentAt) + issued.lifetimeMs;
  return { token: issued.token, expiresAtEpochMs, lifetimeMs: issued.lifetimeMs };
}

function toCurrentToken(
  grant: TokenGrant,
  sealed: string | undefined,
  refreshMarginMs: number,
): CurrentToken {
  const expiresAt = performance.now() + (grant.expiresAtEpochMs - Date.now());
  const margin = Math.min(refreshMarginMs, grant.lifetimeMs / 2);
  return { token: grant.token, expiresAt, refreshAt: expiresAt - margin, sealed };
}
