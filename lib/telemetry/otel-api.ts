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
