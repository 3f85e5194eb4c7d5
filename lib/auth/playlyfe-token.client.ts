import axios, { type AxiosAdapter, type AxiosInstance, type AxiosResponse } from 'axios';
import { describeTransportFailure } from '../http/transport-error.js';
import type { ResolvedPlaylyfeOptions } from '../options/resolved-options.js';
import { MAX_RETRY_AFTER_MS, TOKEN_ROUTE } from '../playlyfe.constants.js';
import { PlaylyfeAuthError, PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeClock } from '../utils/clock.js';
import { nextRetryDelayMs, retryAfterMs, sleep } from '../utils/delay.js';
import { parseErrorBody } from '../utils/error-body.js';
import type { TokenGrant } from './token-sealer.js';

const METHOD = 'POST';

/**
 * Asks the token endpoint for a token, over a private axios instance with no interceptors that
 * sends through the registration's undici transport (`adapter`): one pool, one proxy rule, one
 * error mapping with API calls. Retries 5xx, 429 and dropped connections with bounded backoff;
 * never retries other 4xx.
 */
export class PlaylyfeTokenClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly options: ResolvedPlaylyfeOptions,
    adapter: AxiosAdapter,
    private readonly clock: PlaylyfeClock,
  ) {
    this.http = axios.create({
      adapter,
      maxRedirects: 0,
      timeout: options.tokenTimeoutMs,
      maxContentLength: options.maxResponseBytes,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    });
  }

  /**
   * One token request, its retries included: where a token request starts and ends. The token's
   * expiry is measured from when the successful attempt was sent.
   */
  async requestToken(signal: AbortSignal): Promise<TokenGrant> {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      const sentAt = this.clock.now();
      let waitMs: number | undefined;
      let failure: PlaylyfeAuthError;
      try {
        const response = await this.send(signal);
        if (response.status >= 200 && response.status < 300)
          return this.parseToken(response, sentAt);
        failure = this.httpFailure(response);
        if (response.status === 429) {
          waitMs = retryAfterMs(response.headers['retry-after']);
          if (waitMs !== undefined && waitMs > MAX_RETRY_AFTER_MS) throw failure;
        } else if (response.status < 500) {
          throw failure;
        }
      } catch (error) {
        if (error instanceof PlaylyfeError) throw error;
        if (signal.aborted) throw abortedError();
        const { code, reason } = describeTransportFailure(
          error,
          this.options.maxResponseBytes,
          this.options.tokenUrl,
        );
        failure = new PlaylyfeAuthError(`Playlyfe token request failed: ${reason}`, {
          code,
          method: METHOD,
          route: TOKEN_ROUTE,
        });
      }
      const elapsedMs = performance.now() - started;
      const delayMs = nextRetryDelayMs(attempt, elapsedMs, this.options.tokenRetry, waitMs);
      if (delayMs === undefined) throw failure;
      await sleep(delayMs, signal).catch(() => {
        throw abortedError();
      });
    }
  }

  private send(signal: AbortSignal): Promise<AxiosResponse<string>> {
    const { credentials } = this.options;
    const body = JSON.stringify({
      client_id: credentials.clientId,
      client_secret: credentials.revealSecret(),
      grant_type: 'client_credentials',
    });
    return this.http.post<string>(this.options.tokenUrl, body, { signal });
  }

  private parseToken(response: AxiosResponse<string>, sentAt: number): TokenGrant {
    let body: unknown;
    try {
      body = JSON.parse(response.data);
    } catch {
      body = undefined;
    }
    const fields = (body ?? {}) as { access_token?: unknown; expires_in?: unknown };
    const lifetimeSeconds = Number(fields.expires_in);
    if (
      typeof fields.access_token !== 'string' ||
      fields.access_token === '' ||
      !(typeof fields.expires_in === 'number' || typeof fields.expires_in === 'string') ||
      !Number.isFinite(lifetimeSeconds) ||
      lifetimeSeconds <= 0
    ) {
      throw new PlaylyfeAuthError(
        'Playlyfe token endpoint answered without a usable access_token and expires_in',
        {
          status: response.status,
          code: 'invalid_token_response',
          method: METHOD,
          route: TOKEN_ROUTE,
        },
      );
    }
    const lifetimeMs = lifetimeSeconds * 1000;
    return { token: fields.access_token, expiresAtEpochMs: sentAt + lifetimeMs, lifetimeMs };
  }

  private httpFailure(response: AxiosResponse<string>): PlaylyfeAuthError {
    const secrets = [this.options.credentials.revealSecret()];
    const parsed = parseErrorBody(response.status, response.data, secrets);
    const retryAfter = retryAfterMs(response.headers['retry-after']);
    return new PlaylyfeAuthError(
      `Playlyfe token request failed (${response.status} ${parsed.code}): ${parsed.message}`,
      {
        status: response.status,
        code: parsed.code,
        data: parsed.data,
        method: METHOD,
        route: TOKEN_ROUTE,
        retryAfterSeconds: retryAfter === undefined ? undefined : retryAfter / 1000,
      },
    );
  }
}

function abortedError(): PlaylyfeAuthError {
  return new PlaylyfeAuthError('Playlyfe token request was cancelled (module closing)', {
    code: 'aborted',
    method: METHOD,
    route: TOKEN_ROUTE,
  });
}
