import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  BACKGROUND_REFRESH_COOLDOWN_MS,
  PLAYLYFE_CLIENT_NAME,
  PLAYLYFE_LOGGER_CONTEXT,
  PLAYLYFE_RESOLVED_OPTIONS,
} from '../playlyfe.constants.js';
import { PlaylyfeHttpAgents } from '../http/playlyfe-http-agents.js';
import type { ResolvedPlaylyfeOptions } from '../playlyfe.options.js';
import { untilAborted } from '../utils/delay.js';
import { PlaylyfeTokenClient, type IssuedToken } from './playlyfe-token.client.js';

interface CurrentToken {
  readonly token: string;
  readonly expiresAt: number;
  readonly refreshAt: number;
}

/**
 * Provides the access token of one Playlyfe client: refreshed ahead of expiry, one token request at a time.
 */
@Injectable()
export class PlaylyfeTokenService implements OnModuleDestroy {
  private readonly logger = new Logger(PLAYLYFE_LOGGER_CONTEXT);
  private readonly client: PlaylyfeTokenClient;
  private readonly closing = new AbortController();
  #current: CurrentToken | undefined;
  #refreshing: Promise<CurrentToken> | undefined;
  #backgroundPausedUntil = 0;

  constructor(
    @Inject(PLAYLYFE_RESOLVED_OPTIONS) private readonly options: ResolvedPlaylyfeOptions,
    @Inject(PLAYLYFE_CLIENT_NAME) private readonly clientName: string,
    agents: PlaylyfeHttpAgents,
  ) {
    this.client = new PlaylyfeTokenClient(options, agents);
  }

  /**
   * The current access token. Without I/O while it is valid and outside the refresh margin; inside the
   * margin it starts one background refresh; when there is none, it waits for the (shared) refresh.
   */
  getAccessToken(signal?: AbortSignal): Promise<string> {
    const now = performance.now();
    const current = this.#current;
    if (current && now < current.expiresAt) {
      if (now >= current.refreshAt) this.refreshInBackground(now);
      return Promise.resolve(current.token);
    }
    return untilAborted(this.refresh(), signal).then((fresh) => fresh.token);
  }

  /** Drops `token` if it is still the current one; a late rejection of an older token changes nothing. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  onModuleDestroy(): void {
    this.closing.abort();
    this.#current = undefined;
  }

  private refresh(): Promise<CurrentToken> {
    this.#refreshing ??= this.fetchToken().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  private async fetchToken(): Promise<CurrentToken> {
    const issued = await this.client.requestToken(this.closing.signal);
    const current = toCurrentToken(issued, this.options.refreshMarginMs);
    if (!this.closing.signal.aborted) this.#current = current;
    this.logger.debug(
      `Obtained an access token for client "${this.clientName}", valid ${Math.round(issued.lifetimeMs / 1000)} s`,
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

function toCurrentToken(issued: IssuedToken, refreshMarginMs: number): CurrentToken {
  const expiresAt = issued.sentAt + issued.lifetimeMs;
  const margin = Math.min(refreshMarginMs, issued.lifetimeMs / 2);
  return { token: issued.token, expiresAt, refreshAt: expiresAt - margin };
}
