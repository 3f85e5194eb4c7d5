import type { BatchObservableCallback, Counter, Meter, ObservableGauge } from '@opentelemetry/api';
import type { Observable, Subscription } from 'rxjs';
import { nothingRegistered, otel, otelLoaded } from '../telemetry/otel-api.js';
import { perMeterProvider } from '../telemetry/telemetry-instruments.js';
import {
  ATTR_CLIENT,
  ATTR_ERROR_TYPE,
  ATTR_PLAY_RECONCILED,
  METRIC_PLAYS_APPLIED,
  METRIC_PLAYS_ATTEMPTS,
  METRIC_PLAYS_DEPTH,
  METRIC_PLAYS_FAILED,
  METRIC_PLAYS_OLDEST_AGE,
  METRIC_PLAYS_QUEUED,
} from '../telemetry/telemetry-names.js';
import { KNOWN_ERROR_CODES } from '../utils/error-code.js';
import type { PlaylyfePlayOutcome, PlaylyfePlaysStats } from './plays.interfaces.js';

/** The plays' metric instruments, from the meter provider registered at the time. */
export interface PlaysInstruments {
  readonly meter: Meter;
  readonly queued: Counter;
  readonly applied: Counter;
  readonly failed: Counter;
  readonly attempts: Counter;
  readonly depth: ObservableGauge;
  readonly oldestAge: ObservableGauge;
}

/** The plays' instruments, made again when the global meter provider changes. */
export const playsInstruments = perMeterProvider((meter): PlaysInstruments => ({
  meter,
  queued: meter.createCounter(METRIC_PLAYS_QUEUED, {
    description: 'Plays queued for delivery',
    unit: '{play}',
  }),
  applied: meter.createCounter(METRIC_PLAYS_APPLIED, {
    description: 'Plays Playlyfe applied; reconciled when the activity feed showed it',
    unit: '{play}',
  }),
  failed: meter.createCounter(METRIC_PLAYS_FAILED, {
    description: 'Plays that ended without being applied (or not known to be), by code',
    unit: '{play}',
  }),
  attempts: meter.createCounter(METRIC_PLAYS_ATTEMPTS, {
    description: 'Delivery steps (sends and reconciliations), by outcome',
    unit: '{attempt}',
  }),
  depth: meter.createObservableGauge(METRIC_PLAYS_DEPTH, {
    description: 'Plays held: queued, waiting for a retry, or in flight',
    unit: '{play}',
  }),
  oldestAge: meter.createObservableGauge(METRIC_PLAYS_OLDEST_AGE, {
    description: 'Age of the oldest play held, 0 when none',
    unit: 's',
  }),
}));

/** The plays' own codes, besides the codes of errors (KNOWN_ERROR_CODES). */
const PLAY_CODES: ReadonlySet<string> = new Set(['outcome_unknown', 'not_delivered']);

/** `error.type` of a failed play, bounded: a known code, else `_OTHER`. */
export function playErrorType(code: string): string {
  return KNOWN_ERROR_CODES.has(code) || PLAY_CODES.has(code) ? code : '_OTHER';
}

/** What the metrics read of a plays queue: its outcomes and its figures, whatever the back end. */
export interface WatchedPlays {
  readonly results$: Observable<PlaylyfePlayOutcome>;
  stats(): Promise<PlaylyfePlaysStats>;
}

/** The metrics of one plays queue, until `stop()`. */
export interface PlaysMetrics {
  stop(): void;
}

/**
 * Counts `plays`' outcomes (`applied`, `failed`) from `results$`, and observes its depth and oldest
 * age from `stats()` at each collection. Costs one check per outcome without `@opentelemetry/api`
 * or a registered SDK; the gauges are registered only when a meter provider is.
 */
export function watchPlays(plays: WatchedPlays, client: string): PlaysMetrics {
  let stopped = false;
  let observing:
    { meter: Meter; callback: BatchObservableCallback; gauges: ObservableGauge[] } | undefined;
  const outcomes: Subscription = plays.results$.subscribe((outcome) =>
    countOutcome(outcome, client),
  );
  void otelLoaded.then(() => {
    const api = otel();
    if (stopped || api === undefined || nothingRegistered()) return;
    const { meter, depth, oldestAge } = playsInstruments(api);
    const attributes = { [ATTR_CLIENT]: client };
    const callback: BatchObservableCallback = async (result) => {
      let stats: PlaylyfePlaysStats;
      try {
        stats = await plays.stats();
      } catch {
        return; // no figure this time (a queue in Redis that cannot be reached)
      }
      result.observe(depth, stats.depth, attributes);
      result.observe(oldestAge, stats.oldestAgeMs / 1000, attributes);
    };
    meter.addBatchObservableCallback(callback, [depth, oldestAge]);
    observing = { meter, callback, gauges: [depth, oldestAge] };
  });
  return {
    stop() {
      stopped = true;
      outcomes.unsubscribe();
      observing?.meter.removeBatchObservableCallback(observing.callback, observing.gauges);
    },
  };
}

function countOutcome(outcome: PlaylyfePlayOutcome, client: string): void {
  const api = otel();
  if (api === undefined || nothingRegistered()) return;
  const meters = playsInstruments(api);
  if (outcome.status === 'applied') {
    meters.applied.add(1, { [ATTR_CLIENT]: client, [ATTR_PLAY_RECONCILED]: outcome.reconciled });
  } else {
    meters.failed.add(1, { [ATTR_CLIENT]: client, [ATTR_ERROR_TYPE]: playErrorType(outcome.code) });
  }
}
