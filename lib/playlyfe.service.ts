import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import type { AxiosResponse } from 'axios';
import { Readable } from 'node:stream';
import { PlaylyfeAuthInterceptor } from './auth/playlyfe-auth.interceptor.js';
import {
  CALL_STATE_KEY,
  PlaylyfeCallState,
  callStateOf,
  type PlaylyfeAxiosConfig,
} from './auth/playlyfe-call-state.js';
import { createPlaylyfeJwt } from './api/playlyfe-jwt.js';
import { PlaylyfePlayerScope } from './api/playlyfe-player.scope.js';
import { PlaylyfePlayersApi } from './api/playlyfe-players.api.js';
import type { PlaylyfeJwtOptions } from './interfaces/playlyfe-api.interfaces.js';
import { PLAYLYFE_RESOLVED_OPTIONS } from './playlyfe.constants.js';
import { PlaylyfeHttpAgents } from './http/playlyfe-http-agents.js';
import { PlaylyfeApiError, PlaylyfeAuthError, PlaylyfeError } from './playlyfe.errors.js';
import type { ResolvedPlaylyfeOptions } from './playlyfe.options.js';
import type { PlaylyfeRequestOptions } from './interfaces/playlyfe-request-options.interface.js';
import { PlaylyfeUndiciTransport } from './transport/playlyfe-undici.transport.js';
import { CallSignal } from './utils/call-signal.js';
import { buildCallUrl, validateRoute } from './utils/call-url.js';
import { backoffDelayMs, retryAfterMs, sleep } from './utils/delay.js';
import { parseErrorBody } from './utils/error-body.js';
import { redactString, redactValue } from './utils/redact.js';
import { describeTransportFailure } from './utils/transport-error.js';
import { serializeBody } from './utils/request-body.js';
import { configureAxiosInstance } from './http/configure-axios-instance.js';
import type { CallTelemetry } from './telemetry/telemetry.interfaces.js';
import { PlaylyfeTelemetry } from './telemetry/playlyfe.telemetry.js';

/** HTTP methods the Playlyfe API uses. */
export type PlaylyfeMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const IDEMPOTENT = new Set<PlaylyfeMethod>(['GET', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

interface Call {
  readonly method: PlaylyfeMethod;
  readonly route: string;
  readonly url: string;
  readonly data: string | Readable | undefined;
}

/** Calls the Playlyfe API as this module's client; tokens are attached and renewed for you. */
@Injectable()
export class PlaylyfeService {
  /** Admin routes for players. */
  readonly players: PlaylyfePlayersApi;

  constructor(
    private readonly http: HttpService,
    @Inject(PLAYLYFE_RESOLVED_OPTIONS) private readonly options: ResolvedPlaylyfeOptions,
    agents: PlaylyfeHttpAgents,
    // Injected so the interceptor and the transport are installed before the first call is made.
    _interceptor: PlaylyfeAuthInterceptor,
    _transport: PlaylyfeUndiciTransport,
    // telemetry: one CLIENT span and duration per call.
    private readonly telemetry: PlaylyfeTelemetry,
  ) {
    configureAxiosInstance(http.axiosRef.defaults, options, agents);
    this.players = new PlaylyfePlayersApi(this);
  }

  /** Runtime routes acting as the player `playerId`. */
  forPlayer(playerId: string): PlaylyfePlayerScope {
    return new PlaylyfePlayerScope(this, playerId);
  }

  /** A `<client_id>:<jwt>` value that lets a front end call runtime routes as one player. */
  createJwt(options: PlaylyfeJwtOptions): string {
    return createPlaylyfeJwt(this.options.credentials, options);
  }

  /** GET `route` (the path after the version, e.g. `/runtime/player`); resolves to the parsed JSON body. */
  get<T = unknown>(route: string, options?: PlaylyfeRequestOptions): Promise<T> {
    return this.request<T>('GET', route, undefined, options);
  }

  /** POST `body` as JSON to `route`. */
  post<T = unknown>(route: string, body?: unknown, options?: PlaylyfeRequestOptions): Promise<T> {
    return this.request<T>('POST', route, body, options);
  }

  /** PUT `body` as JSON to `route`. */
  put<T = unknown>(route: string, body?: unknown, options?: PlaylyfeRequestOptions): Promise<T> {
    return this.request<T>('PUT', route, body, options);
  }

  /** PATCH `body` as JSON to `route`. */
  patch<T = unknown>(route: string, body?: unknown, options?: PlaylyfeRequestOptions): Promise<T> {
    return this.request<T>('PATCH', route, body, options);
  }

  /** DELETE `route`. */
  delete<T = unknown>(route: string, options?: PlaylyfeRequestOptions): Promise<T> {
    return this.request<T>('DELETE', route, undefined, options);
  }

  /** Any call: validated before anything is sent, bounded by `timeoutMs`, cancellable through `signal`. */
  async request<T = unknown>(
    method: PlaylyfeMethod,
    route: string,
    body?: unknown,
    options?: PlaylyfeRequestOptions,
  ): Promise<T> {
    const call = this.prepare(method, route, body, options);
    const deadline = new CallSignal(this.options.timeoutMs, options?.signal, call);
    // telemetry: the call's span is started here, the sends run in its context, and it ends with the call.
    const telemetry = this.telemetry.callStarted(method, call.route, call.url);
    let result: unknown;
    try {
      result = await telemetry.run(() => this.send(call, deadline, telemetry));
    } catch (error) {
      telemetry.end(error);
      throw error;
    } finally {
      deadline.dispose();
    }
    telemetry.end();
    return result as T;
  }

  private prepare(
    method: PlaylyfeMethod,
    route: string,
    body: unknown,
    options?: PlaylyfeRequestOptions,
  ): Call {
    const checkedRoute = validateRoute(route, method);
    const url = buildCallUrl(this.options.apiUrl, checkedRoute, method, options);
    return { method, route: checkedRoute, url, data: serializeBody(body, method, checkedRoute) };
  }

  private async send(call: Call, deadline: CallSignal, telemetry: CallTelemetry): Promise<unknown> {
    const retries =
      IDEMPOTENT.has(call.method) && !(call.data instanceof Readable)
        ? this.options.retry.attempts
        : 1;
    for (let attempt = 1; ; attempt++) {
      let response: AxiosResponse<string>;
      try {
        // telemetry: counts the send and notes the status it was answered with.
        response = await telemetry.send(() =>
          this.http.axiosRef.request<string>(this.axiosConfig(call, deadline)),
        );
      } catch (error) {
        const failure = this.transportError(error, call, deadline);
        // Token failures were retried by the token provider already.
        const retryable =
          failure.code === 'network_error' && !(failure instanceof PlaylyfeAuthError);
        if (!retryable || attempt >= retries) throw failure;
        await sleep(backoffDelayMs(attempt, this.options.retry), deadline.signal);
        continue;
      }
      if (RETRYABLE_STATUS.has(response.status) && attempt < retries) {
        await sleep(backoffDelayMs(attempt, this.options.retry), deadline.signal);
        continue;
      }
      return this.readResponse(response, call);
    }
  }

  /** Only what differs per call: everything else is set once on the instance (configureAxiosInstance). */
  private axiosConfig(call: Call, signal: CallSignal): PlaylyfeAxiosConfig {
    const state = new PlaylyfeCallState(call.url, false, !(call.data instanceof Readable));
    return call.data === undefined
      ? { method: call.method, url: call.url, signal, [CALL_STATE_KEY]: state }
      : {
          method: call.method,
          url: call.url,
          data: call.data,
          signal,
          headers: SEND_JSON,
          [CALL_STATE_KEY]: state,
        };
  }

  private readResponse(response: AxiosResponse<string>, call: Call): unknown {
    const text = response.data;
    if (response.status >= 200 && response.status < 300) {
      if (text === '' || text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new PlaylyfeError(
          `Playlyfe answered ${call.method} ${call.route} with a body that is not JSON`,
          {
            status: response.status,
            code: 'invalid_response',
            method: call.method,
            route: call.route,
          },
        );
      }
    }
    const parsed = parseErrorBody(response.status, text);
    const secrets = this.secrets(callStateOf(response.config)?.token);
    const retryAfter = retryAfterMs(response.headers['retry-after']);
    const redirect = response.status >= 300 && response.status < 400;
    const message = redirect
      ? `${response.status} redirect, which is not followed (the access token stays with the API origin)`
      : redactString(parsed.message, secrets);
    return throwApiError(
      response.status,
      parsed.code,
      message,
      redactValue(parsed.data, secrets),
      call,
      retryAfter,
    );
  }

  private transportError(error: unknown, call: Call, deadline: CallSignal): PlaylyfeError {
    if (deadline.reason) return deadline.reason;
    if (error instanceof PlaylyfeError) return error;
    const { code, reason } = describeTransportFailure(error, this.options.maxResponseBytes);
    return new PlaylyfeError(`Playlyfe call ${call.method} ${call.route} failed: ${reason}`, {
      code,
      method: call.method,
      route: call.route,
    });
  }

  private secrets(tokenUsed: string | undefined): string[] {
    const secret = this.options.credentials.revealSecret();
    return tokenUsed === undefined ? [secret] : [secret, tokenUsed];
  }
}

const SEND_JSON = { 'Content-Type': 'application/json' };

function throwApiError(
  status: number,
  code: string,
  message: string,
  data: unknown,
  call: Call,
  retryAfterMsValue: number | undefined,
): never {
  throw new PlaylyfeApiError(message, {
    status,
    code,
    data,
    method: call.method,
    route: call.route,
    retryAfterSeconds:
      status === 429 && retryAfterMsValue !== undefined ? retryAfterMsValue / 1000 : undefined,
  });
}
