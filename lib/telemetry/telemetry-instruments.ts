import type { Counter, Histogram, Meter, MeterProvider } from '@opentelemetry/api';
import type { Otel } from './otel-api.js';
import {
  DURATION_BUCKETS,
  METRIC_QUOTA_EXCEEDED,
  METRIC_REQUEST_DURATION,
  METRIC_TOKEN_REJECTIONS,
  METRIC_TOKEN_REQUESTS,
  TRACER_NAME,
} from './telemetry-names.js';

/** The module's metric instruments, from the meter provider registered at the time. */
export interface TelemetryInstruments {
  readonly duration: Histogram;
  readonly tokenRequests: Counter;
  readonly tokenRejections: Counter;
  readonly quotaExceeded: Counter;
}

/**
 * Instruments made by `make` from the current global meter provider. The metrics API has no proxy
 * provider (a meter taken before the SDK registers stays a no-op), so they are made again when it
 * changes.
 */
export function perMeterProvider<T>(make: (meter: Meter) => T): (api: Otel) => T {
  let cached: { provider: MeterProvider; instruments: T } | undefined;
  return (api) => {
    const provider = api.metrics.getMeterProvider();
    if (cached?.provider !== provider) {
      cached = { provider, instruments: make(provider.getMeter(TRACER_NAME)) };
    }
    return cached.instruments;
  };
}

/** The module's call and token instruments. */
export const instruments = perMeterProvider((meter): TelemetryInstruments => ({
  duration: meter.createHistogram(METRIC_REQUEST_DURATION, {
    description: 'Duration of Playlyfe API calls, retries included',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  }),
  tokenRequests: meter.createCounter(METRIC_TOKEN_REQUESTS, {
    description: 'Access token refreshes, by outcome',
    unit: '{request}',
  }),
  tokenRejections: meter.createCounter(METRIC_TOKEN_REJECTIONS, {
    description: 'Calls whose token Playlyfe rejected, re-sent once with a fresh token',
    unit: '{call}',
  }),
  quotaExceeded: meter.createCounter(METRIC_QUOTA_EXCEEDED, {
    description: 'Calls answered rate_limit_exceeded or plan_limit_exceeded',
    unit: '{call}',
  }),
}));
