import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import {
  ACCESS_TOKEN_PARAM,
  INVALID_ACCESS_TOKEN,
  PLAYLYFE_RESOLVED_OPTIONS,
  PLAYLYFE_TOKEN_SERVICE,
} from '../playlyfe.constants.js';
import type { ResolvedPlaylyfeOptions } from '../playlyfe.options.js';
import { CALL_STATE_KEY, callStateOf, type PlaylyfeAxiosConfig } from './playlyfe-call-state.js';
import type { PlaylyfeTokenService } from './playlyfe-token.service.js';
import { CallSignal } from '../utils/call-signal.js';
import { PlaylyfeTelemetry } from '../telemetry/playlyfe.telemetry.js';

const installedOn = new WeakSet<object>();

/**
 * Attaches the access token to every call of this module's own axios instance and, when Playlyfe
 * rejects the token, invalidates it and retries the call once with the current token.
 */
@Injectable()
export class PlaylyfeAuthInterceptor implements OnModuleDestroy {
  private readonly heldTokenId: number;
  private readonly awaitedTokenId: number;
  private readonly responseId: number;

  constructor(
    private readonly http: HttpService,
    @Inject(PLAYLYFE_TOKEN_SERVICE) private readonly tokens: PlaylyfeTokenService,
    @Inject(PLAYLYFE_RESOLVED_OPTIONS) private readonly options: ResolvedPlaylyfeOptions,
    // telemetry: counts rejected-token retries.
    private readonly telemetry: PlaylyfeTelemetry,
  ) {
    const axios = http.axiosRef;
    if (installedOn.has(axios)) {
      throw new Error('PlaylyfeAuthInterceptor installed twice on one axios instance');
    }
    installedOn.add(axios);
    // Two request interceptors, exactly one of which runs for a Playlyfe call. axios evaluates
    // `runWhen` in registration order, so this one goes first: when a valid token is at hand it
    // records it on the call and is attached synchronously, and since every interceptor left in
    // the chain is then synchronous, axios dispatches the request without its promise chain.
    this.heldTokenId = axios.interceptors.request.use(
      (config) => this.attachToken(config),
      undefined,
      { synchronous: true, runWhen: (config) => this.holdValidToken(config) },
    );
    // Otherwise (no token yet, expired, or invalidated): wait for the (single-flight) refresh.
    this.awaitedTokenId = axios.interceptors.request.use(
      (config) => this.awaitToken(config),
      undefined,
      { runWhen: (config) => callStateOf(config)?.token === undefined },
    );
    this.responseId = axios.interceptors.response.use((response) =>
      this.retryOnRejectedToken(response),
    );
  }

  onModuleDestroy(): void {
    const axios = this.http.axiosRef;
    axios.interceptors.request.eject(this.heldTokenId);
    axios.interceptors.request.eject(this.awaitedTokenId);
    axios.interceptors.response.eject(this.responseId);
    installedOn.delete(axios);
  }

  /** `runWhen` of the synchronous interceptor: true (with the token recorded) when one is at hand. */
  private holdValidToken(config: InternalAxiosRequestConfig): boolean {
    const state = callStateOf(config);
    if (!state) return false;
    const token = this.tokens.peekValidToken();
    if (token === undefined) return false;
    state.useToken(token);
    return true;
  }

  private async awaitToken(
    config: InternalAxiosRequestConfig,
  ): Promise<InternalAxiosRequestConfig> {
    const state = callStateOf(config);
    if (!state) return config;
    const signal =
      config.signal instanceof CallSignal
        ? config.signal.signal
        : (config.signal as AbortSignal | undefined);
    state.useToken(await this.tokens.getAccessToken(signal));
    return this.attachToken(config);
  }

  private attachToken(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
    const state = callStateOf(config);
    const token = state?.token;
    if (state === undefined || token === undefined) return config;
    if (this.options.tokenPlacement === 'query') {
      const separator = state.url.includes('?') ? '&' : '?';
      config.url = `${state.url}${separator}${ACCESS_TOKEN_PARAM}=${encodeURIComponent(token)}`;
    } else {
      config.url = state.url;
      config.headers.set('Authorization', `Bearer ${token}`);
    }
    return config;
  }

  /** Not `async`: a response that needs no retry goes on without another promise. */
  private retryOnRejectedToken(
    response: AxiosResponse<unknown>,
  ): AxiosResponse<unknown> | Promise<AxiosResponse<unknown>> {
    const state = callStateOf(response.config);
    if (!state || state.retried || !state.replayable || !isTokenRejection(response))
      return response;
    if (state.token !== undefined) this.tokens.invalidate(state.token);
    // telemetry: counts the refresh-and-retry and the call's re-send.
    this.telemetry.tokenRejected();
    const retry: PlaylyfeAxiosConfig = { ...response.config, [CALL_STATE_KEY]: state.forRetry() };
    return this.http.axiosRef.request(retry);
  }
}

function isTokenRejection(response: AxiosResponse<unknown>): boolean {
  if (response.status === 401) return true;
  if (response.status < 400) return false;
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
