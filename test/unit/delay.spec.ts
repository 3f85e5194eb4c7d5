import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { backoffDelayMs, retryAfterMs, sleep, untilAborted } from '../../lib/utils/delay.js';

describe('backoffDelayMs', () => {
  it('stays within [0, min(max, base * 2^(retry-1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.nat(10_000),
        fc.nat(60_000),
        (retry, base, max) => {
          const delay = backoffDelayMs(retry, {
            attempts: 5,
            baseDelayMs: base,
            maxDelayMs: max,
            maxElapsedMs: Infinity,
          });
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(max, base * 2 ** (retry - 1)));
        },
      ),
    );
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates; ignores junk', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('-5')).toBe(0);
  });
});

describe('sleep and untilAborted', () => {
  it('sleep rejects with the signal reason when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const pending = sleep(10_000, controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('untilAborted lets the shared promise run on', async () => {
    const controller = new AbortController();
    let settle: (value: string) => void = () => undefined;
    const shared = new Promise<string>((resolve) => (settle = resolve));
    const waiting = untilAborted(shared, controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    settle('token');
    await expect(shared).resolves.toBe('token');
  });
});
