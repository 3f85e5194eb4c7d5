import type { Attributes, Context, Span, Tracer, TracerProvider } from '@opentelemetry/api';
import { PlaylyfeError } from '../playlyfe.errors.js';
import { KNOWN_ERROR_CODES } from '../utils/error-code.js';
import type { Otel } from './otel-api.js';
import { instruments } from './telemetry-instruments.js';
import {
  ATTR_CLIENT,
  ATTR_ERROR_TYPE,
  ATTR_METHOD,
  ATTR_RESEND_COUNT,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_STATUS,
  ATTR_URL_FULL,
  ATTR_URL_TEMPLATE,
  QUOTA_CODES,
  SUPPRESS_TRACING_KEY_NAME,
  TRACER_NAME,
} from './telemetry-names.js';
import type { CallOutcome, CallTelemetry } from './telemetry.interfaces.js';
import { urlTemplate } from './url-template.js';

/** What every span and metric of one registration carries. */
export interface ClientInfo {
  readonly name: string;
  readonly serverAddress: string;
  readonly serverPort: number;
  readonly tokenInQuery: boolean;
}

/** The call whose context is active (for a resend decided deeper in the call path), if any. */
export function activeCall(api: Otel): ActiveCall | undefined {
  return api.context.active().getValue(tracing(api).callKey) as ActiveCall | undefined;
}

interface Tracing {
  readonly tracer: Tracer;
  readonly suppress: symbol;
  readonly callKey: symbol;
}

let cache: (Tracing & { provider: TracerProvider }) | undefined;

/** The tracer and the suppression key, made again only when another tracer provider is registered. */
export function tracing(api: Otel): Tracing {
  const provider = api.trace.getTracerProvider();
  if (cache?.provider !== provider) {
    const tracer = provider.getTracer(TRACER_NAME);
    const suppress = api.createContextKey(SUPPRESS_TRACING_KEY_NAME);
    cache = { provider, tracer, suppress, callKey: api.createContextKey('nestjs-playlyfe call') };
  }
  return cache;
}

export class ActiveCall implements CallTelemetry {
  private readonly startedAt = performance.now();
  private readonly template: string | undefined;
  private readonly span: Span;
  private readonly context: Context;
  private resends = 0;

  constructor(
    private readonly api: Otel,
    private readonly client: ClientInfo,
    private readonly method: string,
    route: string,
    url: string,
  ) {
    this.template = urlTemplate(route);
    const parent = api.context.active();
    const attributes: Attributes = {
      [ATTR_METHOD]: method,
      [ATTR_SERVER_ADDRESS]: client.serverAddress,
      [ATTR_SERVER_PORT]: client.serverPort,
      [ATTR_CLIENT]: client.name,
    };
    if (this.template !== undefined) attributes[ATTR_URL_TEMPLATE] = this.template;
    const name = this.template === undefined ? method : `${method} ${this.template}`;
    const { tracer, suppress, callKey } = tracing(api);
    this.span = tracer.startSpan(name, { kind: api.SpanKind.CLIENT, attributes }, parent);
    if (this.span.isRecording()) this.span.setAttribute(ATTR_URL_FULL, sentUrl(url, client));
    // Suppressed below our span: a nested HTTP instrumentation span would record the URL with the token.
    this.context = api.trace
      .setSpan(parent.setValue(suppress, true), this.span)
      .setValue(callKey, this);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.api.context.with(this.context, work);
  }

  /** The re-send after a rejected token, which the call path's attempts leave out. */
  resent(): void {
    this.resends++;
  }

  end(call: CallOutcome, error?: unknown): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const status = error === undefined ? call.status : (error as { status?: number }).status;
    const errorType = error === undefined ? undefined : errorTypeOf(error);
    const metricType = error === undefined ? undefined : metricErrorType(error);
    const attributes: Attributes = {
      [ATTR_METHOD]: this.method,
      [ATTR_SERVER_ADDRESS]: this.client.serverAddress,
      [ATTR_CLIENT]: this.client.name,
    };
    if (this.template !== undefined) attributes[ATTR_URL_TEMPLATE] = this.template;
    if (status !== undefined) attributes[ATTR_STATUS] = status;
    if (metricType !== undefined) attributes[ATTR_ERROR_TYPE] = metricType;
    const meters = instruments(this.api);
    meters.duration.record(seconds, attributes);
    if (metricType !== undefined && QUOTA_CODES.has(metricType)) {
      meters.quotaExceeded.add(1, {
        [ATTR_ERROR_TYPE]: metricType,
        [ATTR_CLIENT]: this.client.name,
      });
    }
    const span = this.span;
    if (!span.isRecording()) return span.end();
    if (status !== undefined) span.setAttribute(ATTR_STATUS, status);
    const resends = call.attempts - 1 + this.resends;
    if (resends > 0) span.setAttribute(ATTR_RESEND_COUNT, resends);
    if (errorType !== undefined) {
      span.setAttribute(ATTR_ERROR_TYPE, errorType);
      // PlaylyfeError messages hold no token or secret (lib/playlyfe.errors.ts); other errors keep theirs out.
      const message = error instanceof PlaylyfeError ? error.message : errorType;
      span.setStatus({ code: this.api.SpanStatusCode.ERROR, message });
    }
    span.end();
  }
}

/** The URL as sent, with the access token's value written `REDACTED` (as OpenTelemetry's conventions do). */
function sentUrl(url: string, client: ClientInfo): string {
  if (!client.tokenInQuery) return url;
  return `${url}${url.includes('?') ? '&' : '?'}access_token=REDACTED`;
}

/** `error.type` of a span: the PlaylyfeError code (a closed vocabulary), else the error's class name. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof PlaylyfeError) return error.code;
  if (error instanceof Error && error.name !== '') return error.name;
  return '_OTHER';
}

/** `error.type` of a metric, bounded: a known code, else `_OTHER` (OpenTelemetry's fallback value). */
export function metricErrorType(error: unknown): string {
  return error instanceof PlaylyfeError && KNOWN_ERROR_CODES.has(error.code)
    ? error.code
    : '_OTHER';
}
