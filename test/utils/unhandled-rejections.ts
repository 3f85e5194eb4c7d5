import { afterAll, beforeAll } from '@jest/globals';

interface UnhandledRejections {
  watch(): void;
  stop(): string[];
}

/**
 * Records unhandled rejections on the real process from beforeAll to `seen()`. The spec must run in
 * test/utils/unhandled-rejections.environment.js (docblock `@jest-environment`).
 */
export function watchUnhandledRejections(): { seen(): string[] } {
  const hooks = (globalThis as { unhandledRejections?: UnhandledRejections }).unhandledRejections;
  if (!hooks) throw new Error('run this spec in test/utils/unhandled-rejections.environment.js');
  let stopped: string[] | undefined;
  beforeAll(() => hooks.watch());
  afterAll(() => {
    stopped ??= hooks.stop();
  });
  return { seen: () => (stopped ??= hooks.stop()) };
}
