import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { MAX_RETRY_AFTER_MS } from '../playlyfe.constants.js';
import { PlaylyfeAuthError, PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeHttpAgents } from '../http/playlyfe-http-agents.js';
import type { ResolvedPlaylyfeOptions } from '../playlyfe.options.js';
import { backoffDelayMs, retryAfterMs, sleep } from '../utils/delay.js';
import { redactString, redactValue } from '../utils/redact.js';
import { parseErrorBody } from '../utils/error-body.js';
import { describeTransportFailure } from '../utils/transport-error.js';

/** A token as received, with its lifetime measured from when the request was sent. */
export interface IssuedToken {
  readonly token: string;
  readonly sentAt: number;
  readonly lifetimeMs: number;
}

const ROUTE = '/auth/token';
const METHOD = 'POST';

/**
 * Asks the token endpoint for a token, over a private axios instance with no interceptors.
 * Retries 5xx, 429 and dropped connections with bounded backoff; never retries other 4xx.
 */
export class PlaylyfeTokenClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly options: ResolvedPlaylyfeOptions,
    agents: PlaylyfeHttpAgents,
  ) {
    this.http = axios.create({
      maxRedirects: 0,
      httpAgent: agents.http,
      httpsAgent: agents.https,
      timeout: options.tokenTimeoutMs,
      maxContentLength: options.maxResponseBytes,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    });
  }

  async requestToken(signal: AbortSignal): Promise<IssuedToken> {
    const { attempts, maxElapsedMs } = this.options.tokenRetry;
    const firstSentAt = performance.now();
    for (let attempt = 1; ; attempt++) {
      const sentAt = performance.now();
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
        const { code, reason } = describeTransportFailure(error, this.options.maxResponseBytes);
        failure = new PlaylyfeAuthError(`Playlyfe token request failed: ${reason}`, {
          code,
          method: METHOD,
          route: ROUTE,
        });
      }
      const delayMs = waitMs ?? backoffDelayMs(attempt, this.options.tokenRetry);
      if (attempt >= attempts || performance.now() - firstSentAt + delayMs > maxElapsedMs)
        throw failure;
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

  private parseToken(response: AxiosResponse<string>, sentAt: number): IssuedToken {
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
        { status: response.status, code: 'invalid_token_response', method: METHOD, route: ROUTE },
      );
    }
    return { token: fields.access_token, sentAt, lifetimeMs: lifetimeSeconds * 1000 };
  }

  private httpFailure(response: AxiosResponse<string>): PlaylyfeAuthError {
    const secrets = [this.options.credentials.revealSecret()];
    const parsed = parseErrorBody(response.status, response.data);
    const retryAfter = retryAfterMs(response.headers['retry-after']);
    return new PlaylyfeAuthError(
      `Playlyfe token request failed (${response.status} ${parsed.code}): ${redactString(parsed.message, secrets)}`,
      {
        status: response.status,
        code: parsed.code,
        data: redactValue(parsed.data, secrets),
        method: METHOD,
        route: ROUTE,
        retryAfterSeconds: retryAfter === undefined ? undefined : retryAfter / 1000,
      },
    );
  }
}

function abortedError(): PlaylyfeAuthError {
  return new PlaylyfeAuthError('Playlyfe token request was cancelled (module closing)', {
    code: 'aborted',
    method: METHOD,
    route: ROUTE,
  });
}
