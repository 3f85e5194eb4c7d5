import type { Context, Span } from '@opentelemetry/api';
import type { Otel } from './otel-api.js';
import { errorTypeOf, metricErrorType, tracing } from './call-telemetry.js';
import { instruments } from './telemetry-instruments.js';
import type { TokenRefreshTelemetry } from './telemetry.interfaces.js';
import {
  ATTR_CLIENT,
  ATTR_ERROR_TYPE,
  ATTR_SERVER_ADDRESS,
  ATTR_TOKEN_OUTCOME,
  TOKEN_SPAN_NAME,
} from './telemetry-names.js';

export class ActiveTokenRefresh implements TokenRefreshTelemetry {
  private readonly span: Span;
  private readonly context: Context;
  private sent = false;

  constructor(
    private readonly api: Otel,
    private readonly clientName: string,
    serverAddress: string,
  ) {
    const { tracer, suppress } = tracing(api);
    // A refresh is started from inside a call, where tracing is suppressed: its span is the call's child.
    const parent = api.context.active().deleteValue(suppress);
    this.span = tracer.startSpan(
      TOKEN_SPAN_NAME,
      {
        kind: api.SpanKind.CLIENT,
        attributes: { [ATTR_CLIENT]: clientName, [ATTR_SERVER_ADDRESS]: serverAddress },
      },
      parent,
    );
    this.context = api.trace.setSpan(parent, this.span).setValue(suppress, true);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const running = this.api.context.with(this.context, work);
    running.then(
      () => this.end(undefined),
      (error: unknown) => this.end(error),
    );
    return running;
  }

  joined(): void {
    const caller = this.api.trace.getSpan(this.api.context.active());
    if (caller === undefined || caller === this.span || !caller.isRecording()) return;
    caller.addLink({ context: this.span.spanContext() });
  }

  requested(): void {
    this.sent = true;
  }

  private end(error: unknown): void {
    const success = this.sent ? 'issued' : 'shared';
    const outcome = error === undefined ? success : errorTypeOf(error);
    instruments(this.api).tokenRequests.add(1, {
      [ATTR_TOKEN_OUTCOME]: error === undefined ? success : metricErrorType(error),
      [ATTR_CLIENT]: this.clientName,
    });
    const span = this.span;
    span.setAttribute(ATTR_TOKEN_OUTCOME, outcome);
    if (error !== undefined) {
      span.setAttribute(ATTR_ERROR_TYPE, outcome);
      span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: outcome });
    }
    span.end();
  }
}
