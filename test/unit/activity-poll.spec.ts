import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Subscription } from 'rxjs';
import { pollActivity, type PlaylyfeFeedReader } from '../../lib/api/playlyfe-activity.js';
import type { PlaylyfeActivityEvent } from '../../lib/index.js';
import { PlaylyfeApiError } from '../../lib/index.js';

// The polling logic on a scripted feed, on fake time. The same guarantees are checked over HTTP
// against the emulator in test/api/activity-stream.spec.ts.
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

function event(id: string, atMs: number): PlaylyfeActivityEvent {
  return { id, event: 'score', changes: [], timestamp: new Date(atMs).toISOString() };
}

interface Call {
  start: string;
  end: string;
  signal: AbortSignal | undefined;
}

/** A feed answering what `answer` returns for each call, recording the calls. */
function scriptedFeed(
  answer: (
    call: number,
    window: Call,
  ) => PlaylyfeActivityEvent[] | Promise<PlaylyfeActivityEvent[]>,
) {
  const calls: Call[] = [];
  const read: PlaylyfeFeedReader = (window, options) => {
    const call = { ...window, signal: options.signal };
    calls.push(call);
    const n = calls.length;
    return Promise.resolve().then(() => answer(n, call));
  };
  return { calls, read };
}

let subscription: Subscription | undefined;
beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  subscription?.unsubscribe();
  jest.useRealTimers();
});

describe('pollActivity', () => {
  it('emits each event once across overlapping windows, oldest first', async () => {
    const a = event('a', T0 + 10);
    const b = event('b', T0 + 20);
    const c = event('c', T0 + 20); // shares b's timestamp, arrives one poll later
    const answers = [
      [b, a],
      [a, b],
      [a, b, c],
      [b, c],
    ];
    const feed = scriptedFeed((n) => answers[Math.min(n, answers.length) - 1]);
    const seen: string[] = [];
    subscription = pollActivity(feed.read, { every: 100, since: T0 }).subscribe((e) =>
      seen.push(e.id),
    );
    await jest.advanceTimersByTimeAsync(350);
    expect(feed.calls).toHaveLength(4);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('reads [since, now], then from the previous end minus the overlap', async () => {
    const feed = scriptedFeed(() => []);
    subscription = pollActivity(feed.read, {
      every: 1000,
      since: T0 - 5000,
      overlapMs: 300,
    }).subscribe();
    await jest.advanceTimersByTimeAsync(1000);
    expect(
      feed.calls.map(({ start, end }) => [Date.parse(start) - T0, Date.parse(end) - T0]),
    ).toEqual([
      [-5000, 0],
      [-300, 1000],
    ]);
  });

  it('skips events older than since', async () => {
    const feed = scriptedFeed(() => [event('old', T0 - 1), event('new', T0)]);
    const seen: string[] = [];
    subscription = pollActivity(feed.read, { every: 100, since: T0 }).subscribe((e) =>
      seen.push(e.id),
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['new']);
  });

  it('waits longer after each failed poll, up to maxBackoffMs, and keeps the window', async () => {
    const failure = new PlaylyfeApiError('down', { status: 503, code: 'service_unavailable' });
    const feed = scriptedFeed((n) => {
      if (n <= 4) throw failure;
      return [event('x', T0 + 1)];
    });
    const seen: string[] = [];
    subscription = pollActivity(feed.read, { every: 100, maxBackoffMs: 300, since: T0 }).subscribe(
      (e) => seen.push(e.id),
    );
    await jest.advanceTimersByTimeAsync(100 + 200 + 300 + 300);
    const at = feed.calls.map((c) => Date.parse(c.end) - T0);
    expect(at).toEqual([0, 100, 300, 600, 900]);
    expect(feed.calls.every((c) => Date.parse(c.start) === T0)).toBe(true);
    expect(seen).toEqual(['x']);
  });

  it('waits as long as a 429 asks', async () => {
    const limited = new PlaylyfeApiError('slow down', {
      status: 429,
      code: 'too_many_requests',
      retryAfterSeconds: 2,
    });
    const feed = scriptedFeed((n) => {
      if (n === 1) throw limited;
      return [];
    });
    subscription = pollActivity(feed.read, { every: 100 }).subscribe();
    await jest.advanceTimersByTimeAsync(1999);
    expect(feed.calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(feed.calls).toHaveLength(2);
  });

  it('a 4xx errors at once; maxFailures bounds transient failures', async () => {
    const notFound = new PlaylyfeApiError('no', { status: 404, code: 'player_not_found' });
    const errors: unknown[] = [];
    const refused = scriptedFeed(() => Promise.reject(notFound));
    subscription = pollActivity(refused.read, { every: 10 }).subscribe({
      error: (e) => errors.push(e),
    });
    await jest.advanceTimersByTimeAsync(100);
    expect(refused.calls).toHaveLength(1);
    expect(errors).toEqual([notFound]);

    const down = new PlaylyfeApiError('down', { status: 500, code: 'internal_error' });
    const failing = scriptedFeed(() => Promise.reject(down));
    subscription = pollActivity(failing.read, { every: 10, maxFailures: 3 }).subscribe({
      error: (e) => errors.push(e),
    });
    await jest.advanceTimersByTimeAsync(1000);
    expect(failing.calls).toHaveLength(3);
    expect(errors).toEqual([notFound, down]);
  });

  it('unsubscribing aborts the poll in flight and leaves no timer', async () => {
    let release: (events: PlaylyfeActivityEvent[]) => void = () => undefined;
    const feed = scriptedFeed((n) =>
      n === 1 ? Promise.resolve([]) : new Promise((resolve) => (release = resolve)),
    );
    const next = jest.fn();
    subscription = pollActivity(feed.read, { every: 50, since: T0 }).subscribe(next);
    await jest.advanceTimersByTimeAsync(50);
    expect(feed.calls).toHaveLength(2);
    subscription.unsubscribe();
    expect(feed.calls[1].signal?.aborted).toBe(true);
    release([event('late', T0 + 1)]);
    await jest.advanceTimersByTimeAsync(500);
    expect(jest.getTimerCount()).toBe(0);
    expect(feed.calls).toHaveLength(2);
    expect(next).not.toHaveBeenCalled();
  });

  it('unsubscribing between polls clears the timer: the reader is never called again', async () => {
    const feed = scriptedFeed(() => []);
    subscription = pollActivity(feed.read, { every: 50, since: T0 }).subscribe();
    await jest.advanceTimersByTimeAsync(10); // the first poll has answered; the next one is scheduled
    expect(feed.calls).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(1);
    subscription.unsubscribe();
    await jest.advanceTimersByTimeAsync(500);
    expect(feed.calls).toHaveLength(1);
  });

  it('refuses bad options through the error channel, before reading', async () => {
    const feed = scriptedFeed(() => []);
    for (const options of [
      { every: 0 },
      { every: Infinity },
      { every: 2 ** 31 },
      { maxBackoffMs: 3e9 },
      { since: 'yesterday' },
      { overlapMs: -1 },
    ]) {
      const error = jest.fn();
      pollActivity(feed.read, options).subscribe({ error });
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_argument' }));
    }
    await jest.advanceTimersByTimeAsync(100);
    expect(feed.calls).toHaveLength(0);
  });
});
