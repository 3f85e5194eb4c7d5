import type * as OtelApi from '@opentelemetry/api';

/** The `@opentelemetry/api` module, when the app has it installed. */
export type Otel = typeof OtelApi;

let loaded: Otel | undefined;

/**
 * Loads the optional peer once, when this module is first imported. `import()` works in both
 * builds: the CommonJS build compiles it to `require()` (in a `then`), the ESM build keeps it, and
 * neither needs `import.meta` or a top-level `await`. An app without the package pays nothing more.
 */
export const otelLoaded: Promise<void> = import('@opentelemetry/api').then(
  (module: Otel | { default: Otel }) => {
    loaded = 'trace' in module ? module : module.default;
  },
  () => undefined,
);

/** The API once loaded; `undefined` when the app does not have it (or before it is loaded). */
export function otel(): Otel | undefined {
  return loaded;
}

/** Where `@opentelemetry/api` 1.x keeps what is registered (its `global-utils`: one object per major version). */
const REGISTERED = Symbol.for('opentelemetry.js.api.1');

interface Registered {
  trace?: unknown;
  context?: unknown;
  metrics?: unknown;
}

/**
 * True while no tracer provider, context manager or meter provider is registered: then no span or
 * metric of a call could be recorded (and, with no context manager, no context could suppress
 * one), so a call skips its telemetry. One property read instead of the API's own lookups, which
 * check versions on every access: with the API installed and no SDK, the hooks of a call cost
 * 2,190 ns measured in bench/src/otel-hooks.js without this check, against the no-op's 78 ns.
 */
export function nothingRegistered(): boolean {
  const registered = (globalThis as Record<symbol, Registered | undefined>)[REGISTERED];
  return (
    registered === undefined ||
    (registered.trace === undefined &&
      registered.context === undefined &&
      registered.metrics === undefined)
  );
}
