import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** Everything an exporter sends of a span that could hold a secret: name, attributes, events, links, status. */
export function spanText(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    status: span.status,
  });
}

/** Spans of one instrumentation scope (`nestjs-playlyfe`, `@opentelemetry/instrumentation-undici`, ...). */
export function scoped(spans: ReadableSpan[], scope: string): ReadableSpan[] {
  return spans.filter((span) => span.instrumentationScope.name === scope);
}
