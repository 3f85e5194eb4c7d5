import type { HttpService } from '@nestjs/axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { PlaylyfeTokenPlacement } from '../interfaces/playlyfe-module-options.interface.js';
import { ACCESS_TOKEN_PARAM, INVALID_ACCESS_TOKEN } from '../playlyfe.constants.js';
import { CALL_STATE_KEY, callStateOf, type PlaylyfeAxiosConfig } from './playlyfe-call-state.js';
import type { PlaylyfeTelemetry } from '../telemetry/playlyfe.telemetry.js';
import type { PlaylyfeTokenService } from './playlyfe-token.service.js';

/**
 * Attaches the access token to every call of this module's own axios instance and, when Playlyfe
 * rejects the token, invalidates it and retries the call once with the current token.
 */
export class PlaylyfeAuthInterceptor {
  private readonly requestId: number;
  private readonly responseId: number;

  constructor(
    private readonly axios: HttpService['axiosRef'],
    private readonly tokens: PlaylyfeTokenService,
    private readonly placement: PlaylyfeTokenPlacement,
    private readonly telemetry: PlaylyfeTelemetry,
  ) {
    this.requestId = axios.interceptors.request.use((config) => this.attachToken(config));
    this.responseId = axios.interceptors.response.use((response) =>
      this.retryOnRejectedToken(response),
    );
  }

  eject(): void {
    this.axios.interceptors.request.eject(this.requestId);
    this.axios.interceptors.response.eject(this.responseId);
  }

  private async attachToken(
    config: InternalAxiosRequestConfig,
  ): Promise<InternalAxiosRequestConfig> {
    const state = callStateOf(config);
    if (!state) return config;
    const token = await this.tokens.accessToken(state.abort);
    state.useToken(token);
    if (this.placement === 'query') {
      const separator = state.url.includes('?') ? '&' : '?';
      config.url = `${state.url}${separator}${ACCESS_TOKEN_PARAM}=${encodeURIComponent(token)}`;
    } else {
      config.url = state.url;
      config.headers.set('Authorization', `Bearer ${token}`);
    }
    return config;
  }

  /**
   * The retry-once on a rejected token (google-auth-library's `requestAsync(opts, reAuthRetried)`):
   * the token is dropped whatever happens next, and the call is sent once more with the current
   * token unless it was already retried or its body cannot be sent twice.
   */
  private retryOnRejectedToken(
    response: AxiosResponse<unknown>,
  ): AxiosResponse<unknown> | Promise<AxiosResponse<unknown>> {
    const state = callStateOf(response.config);
    if (!state || !isTokenRejection(response)) return response;
    if (state.token !== undefined) this.tokens.invalidate(state.token);
    if (state.reAuthRetried || !state.replayable) return response;
    // telemetry: counts the refresh-and-retry and the call's re-send.
    this.telemetry.tokenRejected();
    const retry: PlaylyfeAxiosConfig = { ...response.config, [CALL_STATE_KEY]: state.forRetry() };
    return this.axios.request(retry);
  }
}

/**
 * A genuine token rejection: a 401, or a 4xx whose Playlyfe code is `invalid_access_token`. A 5xx
 * never is (a gateway's 502 may carry any body), so a POST or PATCH is never re-sent after one.
 */
function isTokenRejection(response: AxiosResponse<unknown>): boolean {
  if (response.status === 401) return true;
  if (response.status < 400 || response.status >= 500) return false;
  const body = response.data;
  return (
    typeof body === 'string' &&
    body.includes(INVALID_ACCESS_TOKEN) &&
    parsedCode(body) === INVALID_ACCESS_TOKEN
  );
}

function parsedCode(text: string): unknown {
  try {
    return (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    return undefined;
  }
}
