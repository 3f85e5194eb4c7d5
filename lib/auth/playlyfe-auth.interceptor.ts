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

const installedOn = new WeakSet<object>();

/**
 * Attaches the access token to every call of this module's own axios instance and, when Playlyfe
 * rejects the token, invalidates it and retries the call once with the current token.
 */
@Injectable()
export class PlaylyfeAuthInterceptor implements OnModuleDestroy {
  private readonly requestId: number;
  private readonly responseId: number;

  constructor(
    private readonly http: HttpService,
    @Inject(PLAYLYFE_TOKEN_SERVICE) private readonly tokens: PlaylyfeTokenService,
    @Inject(PLAYLYFE_RESOLVED_OPTIONS) private readonly options: ResolvedPlaylyfeOptions,
  ) {
    const axios = http.axiosRef;
    if (installedOn.has(axios)) {
      throw new Error('PlaylyfeAuthInterceptor installed twice on one axios instance');
    }
    installedOn.add(axios);
    this.requestId = axios.interceptors.request.use((config) => this.attachToken(config));
    this.responseId = axios.interceptors.response.use((response) =>
      this.retryOnRejectedToken(response),
    );
  }

  onModuleDestroy(): void {
    const axios = this.http.axiosRef;
    axios.interceptors.request.eject(this.requestId);
    axios.interceptors.response.eject(this.responseId);
    installedOn.delete(axios);
  }

  private async attachToken(
    config: InternalAxiosRequestConfig,
  ): Promise<InternalAxiosRequestConfig> {
    const state = callStateOf(config);
    if (!state) return config;
    const token = await this.tokens.getAccessToken(config.signal as AbortSignal | undefined);
    state.useToken(token);
    if (this.options.tokenPlacement === 'query') {
      const separator = state.url.includes('?') ? '&' : '?';
      config.url = `${state.url}${separator}${ACCESS_TOKEN_PARAM}=${encodeURIComponent(token)}`;
    } else {
      config.url = state.url;
      config.headers.set('Authorization', `Bearer ${token}`);
    }
    return config;
  }

  private async retryOnRejectedToken(
    response: AxiosResponse<unknown>,
  ): Promise<AxiosResponse<unknown>> {
    const state = callStateOf(response.config);
    if (!state || state.retried || !state.replayable || !isTokenRejection(response))
      return response;
    if (state.token !== undefined) this.tokens.invalidate(state.token);
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
