import type { Attributes, Link, Span } from '@opentelemetry/api';
import { metricErrorType, tracing } from '../telemetry/call-telemetry.js';
import { nothingRegistered, otel, type Otel } from '../telemetry/otel-api.js';
import {
  ATTR_ACTION_ID,
  ATTR_CLIENT,
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  ATTR_PLAY_ATTEMPT,
  ATTR_PLAY_OUTCOME,
  PLAY_RECONCILE_SPAN_NAME,
  PLAY_SEND_SPAN_NAME,
  PLAYS_MESSAGING_SYSTEM,
} from '../telemetry/telemetry-names.js';
import { playErrorType, playsInstruments } from './plays-metrics.js';
import type { PlaylyfePlayOutcome } from './plays.interfaces.js';

/**
 * The span that was active where a play was queued, as plain data (a back end that stores the
 * play stores it too): each delivery step's span links to it.
 */
export interface PlayOrigin {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

/** What a step's span reads of the play (PlayDelivery's QueuedPlay). */
interface TracedPlay {
  readonly id: string;
  readonly request: { readonly actionId: string };
  readonly attempts: number;
  readonly next: 'send' | 'reconcile';
  readonly origin?: PlayOrigin;
}

/** What a step's span reads of its result (PlayDelivery's PlayStep). */
type TracedStep =
  | { readonly kind: 'done'; readonly result: PlaylyfePlayOutcome }
  | { readonly kind: 'retry' | 'pause-queue' };

/**
 * `playlyfe.play.outcome` of a step. A send: `applied`, `failed` (refused), `retry` (surely not
 * applied: sent again after a backoff), `ambiguous` (the answer was lost: the feed is read next) or
 * `pause` (plan_limit_exceeded). A reconciliation: `reconciled` (found applied in the feed),
 * `absent` (not in the feed: sent again), `failed` (`outcome_unknown`), `retry` (the feed could not
 * be read) or `pause`. `error` when the step threw.
 */
export type PlayStepOutcome =
  'applied' | 'reconciled' | 'failed' | 'retry' | 'ambiguous' | 'absent' | 'pause' | 'error';

/** The span active where a play is queued (undefined when there is none, or no tracing). */
export function playOrigin(): PlayOrigin | undefined {
  const api = otel();
  if (api === undefined || nothingRegistered()) return undefined;
  const context = api.trace.getSpan(api.context.active())?.spanContext();
  if (context === undefined || !api.trace.isSpanContextValid(context)) return undefined;
  return { traceId: context.traceId, spanId: context.spanId, traceFlags: context.traceFlags };
}

/** Counts a play queued by a plays queue of `client`. */
export function playQueued(client: string): void {
  const api = otel();
  if (api === undefined || nothingRegistered()) return;
  playsInstruments(api).queued.add(1, { [ATTR_CLIENT]: client });
}

/**
 * Runs one delivery step of `play` in its own span (the API call it makes is the span's child) and
 * counts it. Without `@opentelemetry/api`, or with no SDK registered, it only runs the step.
 */
export function tracePlayStep<S extends TracedStep>(
  play: TracedPlay,
  client: string | undefined,
  step: () => Promise<S>,
): Promise<S> {
  const api = otel();
  if (api === undefined || nothingRegistered()) return step();
  return new ActivePlayStep(api, play, client).run(step);
}

class ActivePlayStep {
  private readonly operation: 'send' | 'reconcile';
  private readonly span: Span;

  constructor(
    private readonly api: Otel,
    private readonly play: TracedPlay,
    private readonly client: string | undefined,
  ) {
    this.operation = play.next;
    const attributes: Attributes = {
      [ATTR_MESSAGING_SYSTEM]: PLAYS_MESSAGING_SYSTEM,
      [ATTR_MESSAGING_OPERATION_TYPE]: 'process',
      [ATTR_MESSAGING_OPERATION_NAME]: this.operation,
      [ATTR_MESSAGING_MESSAGE_ID]: play.id,
      [ATTR_ACTION_ID]: play.request.actionId,
      // A send is the play's next send; a reconciliation looks for the last one made.
      [ATTR_PLAY_ATTEMPT]: this.operation === 'send' ? play.attempts + 1 : play.attempts,
    };
    if (client !== undefined) attributes[ATTR_CLIENT] = client;
    const links: Link[] =
      play.origin === undefined ? [] : [{ context: { ...play.origin, isRemote: true } }];
    const name = this.operation === 'send' ? PLAY_SEND_SPAN_NAME : PLAY_RECONCILE_SPAN_NAME;
    // A root span linked to where the play was queued: a step runs long after that request ended,
    // and under whatever context the queue happens to run in.
    this.span = tracing(api).tracer.startSpan(name, {
      kind: api.SpanKind.CONSUMER,
      root: true,
      attributes,
      links,
    });
  }

  async run<S extends TracedStep>(step: () => Promise<S>): Promise<S> {
    const context = this.api.trace.setSpan(this.api.context.active(), this.span);
    let result: S;
    try {
      result = await this.api.context.with(context, step);
    } catch (error) {
      this.end('error', metricErrorType(error));
      throw error;
    }
    const ended: TracedStep = result;
    const failed = ended.kind === 'done' && ended.result.status === 'failed' ? ended.result : null;
    this.end(this.outcomeOf(ended), failed === null ? undefined : playErrorType(failed.code));
    return result;
  }

  private outcomeOf(step: TracedStep): PlayStepOutcome {
    if (step.kind === 'pause-queue') return 'pause';
    if (step.kind === 'done') {
      if (step.result.status === 'failed') return 'failed';
      return step.result.reconciled ? 'reconciled' : 'applied';
    }
    // A retry: the step set what comes next.
    if (this.operation === 'send') return this.play.next === 'reconcile' ? 'ambiguous' : 'retry';
    return this.play.next === 'send' ? 'absent' : 'retry';
  }

  private end(outcome: PlayStepOutcome, errorType: string | undefined): void {
    const counted: Attributes = {
      [ATTR_MESSAGING_OPERATION_NAME]: this.operation,
      [ATTR_PLAY_OUTCOME]: outcome,
    };
    if (this.client !== undefined) counted[ATTR_CLIENT] = this.client;
    playsInstruments(this.api).attempts.add(1, counted);
    const span = this.span;
    span.setAttribute(ATTR_PLAY_OUTCOME, outcome);
    if (errorType !== undefined) {
      span.setAttribute(ATTR_ERROR_TYPE, errorType);
      span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: errorType });
    }
    span.end();
  }
}
