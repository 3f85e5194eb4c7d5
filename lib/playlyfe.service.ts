import { Inject, Injectable } from '@nestjs/common';
import type { HttpService } from '@nestjs/axios';
import type { AxiosResponse } from 'axios';
import { Readable } from 'node:stream';
import {
  CALL_STATE_KEY,
  PlaylyfeCallState,
  callStateOf,
  type PlaylyfeAxiosConfig,
} from './auth/playlyfe-call-state.js';
import { createPlaylyfeJwt } from './api/playlyfe-jwt.js';
import { PlaylyfePlayerScope } from './api/playlyfe-player.scope.js';
import { PlaylyfePlayersApi } from './api/playlyfe-players.api.js';
import { PlaylyfeGameApi } from './api/playlyfe-game.api.js';
import { PlaylyfeTeamsApi } from './api/playlyfe-teams.api.js';
import type { Observable } from 'rxjs';
import type { PlaylyfeActivityEvent } from './interfaces/playlyfe-events.interfaces.js';
import type { PlaylyfeActivityOptions } from './interfaces/playlyfe-game.interfaces.js';
import { PlaylyfeHttpClient } from './http/playlyfe-http-client.js';
import type { PlaylyfeTelemetry } from './telemetry/playlyfe.telemetry.js';
import { describeTransportFailure } from './http/transport-error.js';
import type { PlaylyfeJwtOptions } from './interfaces/playlyfe-api.interfaces.js';
import type { PlaylyfeRequestOptions } from './interfaces/playlyfe-request-options.interface.js';
import type { ResolvedPlaylyfeOptions } from './options/resolved-options.js';
import { PLAYLYFE_HTTP_CLIENT, PLAYLYFE_RESOLVED_OPTIONS } from './playlyfe.constants.js';
import { PlaylyfeApiError, PlaylyfeAuthError, PlaylyfeError } from './playlyfe.errors.js';
import { CallAbort } from './utils/call-abort.js';
import { buildCallUrl, validateRoute } from './utils/call-url.js';
import { nextRetryDelayMs, retryAfterMs, sleep } from './utils/delay.js';
import { parseErrorBody } from './utils/error-body.js';
import { serializeBody } from './utils/request-body.js';

/** HTTP methods the Playlyfe API uses. */
export type PlaylyfeMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const IDEMPOTENT = new Set<PlaylyfeMethod>(['GET', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

interface Call {
  readonly method: PlaylyfeMethod;
  readonly route: string;
  readonly url: string;
  readonly data: string | Readable | undefined;
  /** Sends so far, retries included (a resend after a token rejection is not counted). */
  attempts: number;
  /** Status of the last answer, if one came. */
  status?: number;
}

/** Calls the Playlyfe API as this module's client; tokens are attached and renewed for you. */
@Injectable()
export class PlaylyfeService {
  /** Admin routes for players. */
  readonly players: PlaylyfePlayersApi;
  /** Admin routes for teams. */
  readonly teams = new PlaylyfeTeamsApi(this);
  /** The game's info and activity. */
  readonly game = new PlaylyfeGameApi(this);

  private readonly axios: HttpService['axiosRef'];
  private readonly telemetry: PlaylyfeTelemetry;

  constructor(
    @Inject(PLAYLYFE_HTTP_CLIENT) client: PlaylyfeHttpClient,
    @Inject(PLAYLYFE_RESOLVED_OPTIONS) private readonly options: ResolvedPlaylyfeOptions,
  ) {
    this.axios = client.axios;
    this.telemetry = client.telemetry;
    this.players = new PlaylyfePlayersApi(this);
  }

  /** The game's new events as they happen, by polling its activity feed. */
  activity$(options?: PlaylyfeActivityOptions): Observable<PlaylyfeActivityEvent> {
    return this.game.activity$(options);
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

  /**
   * Any call: validated before anything is sent, bounded by `timeoutMs`, cancellable through `signal`
   * (both in `CallAbort`).
   * Where a call starts and ends: `call` holds method, route, attempts and the last status; the
   * outcome is the parsed body or the PlaylyfeError thrown here.
   */
  async request<T = unknown>(
    method: PlaylyfeMethod,
    route: string,
    body?: unknown,
    options?: PlaylyfeRequestOptions,
  ): Promise<T> {
    const call = this.prepare(method, route, body, options);
    const abort = new CallAbort(this.options.timeoutMs, options?.signal);
    // telemetry: the call's span starts here, its sends run in its context, and it ends with the call.
    const telemetry = this.telemetry.callStarted(method, call.route, call.url);
    try {
      const result = (await telemetry.run(() => this.send(call, abort))) as T;
      telemetry.end(call);
      return result;
    } catch (error) {
      const failure = abort.aborted ? this.abortError(call, abort.timedOut) : error;
      telemetry.end(call, failure);
      throw failure;
    } finally {
      abort.dispose();
    }
  }

  private prepare(
    method: PlaylyfeMethod,
    route: string,
    body: unknown,
    options?: PlaylyfeRequestOptions,
  ): Call {
    const checkedRoute = validateRoute(route, method);
    const url = buildCallUrl(this.options.apiUrl, checkedRoute, method, options);
    const data = serializeBody(body, method, checkedRoute);
    return { method, route: checkedRoute, url, data, attempts: 0 };
  }

  /** Sends, retrying idempotent calls on 502/503/504 and dropped connections within `retry`. */
  private async send(call: Call, abort: CallAbort): Promise<unknown> {
    const replayable = !(call.data instanceof Readable);
    const maxAttempts = IDEMPOTENT.has(call.method) && replayable ? this.options.retry.attempts : 1;
    const policy = { ...this.options.retry, attempts: maxAttempts };
    const started = performance.now();
    for (;;) {
      call.attempts++;
      let outcome: AxiosResponse<string> | PlaylyfeError;
      try {
        outcome = await this.axios.request<string>(this.axiosConfig(call, replayable, abort));
      } catch (error) {
        if (abort.aborted) throw error;
        outcome = this.transportError(error, call);
      }
      if (!(outcome instanceof PlaylyfeError)) call.status = outcome.status;
      // Token failures were retried by the token client already.
      const retryable =
        outcome instanceof PlaylyfeError
          ? outcome.code === 'network_error' && !(outcome instanceof PlaylyfeAuthError)
          : RETRYABLE_STATUS.has(outcome.status);
      const delayMs = retryable
        ? nextRetryDelayMs(call.attempts, performance.now() - started, policy)
        : undefined;
      if (delayMs === undefined) {
        if (outcome instanceof PlaylyfeError) throw outcome;
        return this.readResponse(outcome, call);
      }
      await sleep(delayMs, abort.signal);
    }
  }

  /** Only what differs per call: everything else is set once on the instance (configureAxiosInstance). */
  private axiosConfig(call: Call, replayable: boolean, abort: CallAbort): PlaylyfeAxiosConfig {
    const state = new PlaylyfeCallState(call.url, replayable, abort);
    const signal = abort.transportSignal;
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
    const parsed = parseErrorBody(
      response.status,
      text,
      this.secrets(callStateOf(response.config)?.tokensUsed ?? []),
    );
    const retryAfter = retryAfterMs(response.headers['retry-after']);
    const redirect = response.status >= 300 && response.status < 400;
    const message = redirect
      ? `${response.status} redirect, which is not followed (the access token stays with the API origin)`
      : parsed.message;
    return throwApiError(response.status, parsed.code, message, parsed.data, call, retryAfter);
  }

  private abortError(call: Call, timedOut: boolean): PlaylyfeError {
    const { method, route } = call;
    return timedOut
      ? new PlaylyfeError(
          `Playlyfe call ${method} ${route} timed out after ${this.options.timeoutMs} ms`,
          { code: 'timeout', method, route },
        )
      : new PlaylyfeError(`Playlyfe call ${method} ${route} was aborted`, {
          code: 'aborted',
          method,
          route,
        });
  }

  private transportError(error: unknown, call: Call): PlaylyfeError {
    if (error instanceof PlaylyfeError) return error;
    const { code, reason, notSent } = describeTransportFailure(
      error,
      this.options.maxResponseBytes,
      call.url,
    );
    return new PlaylyfeError(`Playlyfe call ${call.method} ${call.route} failed: ${reason}`, {
      code,
      method: call.method,
      route: call.route,
      notSent,
    });
  }

  private secrets(tokensUsed: readonly string[]): string[] {
    return [this.options.credentials.revealSecret(), ...tokensUsed];
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
      (status === 429 || status === 503) && retryAfterMsValue !== undefined
        ? retryAfterMsValue / 1000
        : undefined,
  });
}
