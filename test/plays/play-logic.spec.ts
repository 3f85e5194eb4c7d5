import { describe, expect, it } from '@jest/globals';
import { PlaylyfeApiError, PlaylyfeAuthError, PlaylyfeError } from '../../lib/index.js';
import { MemoryPlayClaims } from '../../lib/plays/play-claims.js';
import { classifySendFailure, lacksFeedAccess } from '../../lib/plays/play-failure.js';
import { matchingPlayEvents } from '../../lib/plays/play-matching.js';
import { PlayRateLimiter } from '../../lib/plays/play-rate-limiter.js';
import type { PlaylyfeActivityEvent } from '../../lib/index.js';

const api = (status: number, code: string, retryAfterSeconds?: number) =>
  new PlaylyfeApiError('x', { status, code, retryAfterSeconds });

describe('classifySendFailure', () => {
  const kind = (error: unknown) => classifySendFailure(error, 60_000).kind;

  it('retries what surely did not reach Playlyfe: no token, refused connection, a rejected token', () => {
    expect(kind(new PlaylyfeAuthError('x', { code: 'network_error' }))).toBe('not-applied');
    expect(kind(new PlaylyfeError('x', { code: 'network_error', notSent: true }))).toBe(
      'not-applied',
    );
    expect(kind(api(401, 'invalid_access_token'))).toBe('not-applied');
  });

  it('fails what Playlyfe refused, with its code', () => {
    expect(classifySendFailure(api(404, 'player_not_found'), 1)).toEqual({
      kind: 'refused',
      code: 'player_not_found',
      message: 'x',
    });
    expect(kind(api(400, 'validation_exception'))).toBe('refused');
    expect(kind(api(429, 'rate_limit_exceeded'))).toBe('refused');
  });

  it('pauses on plan_limit_exceeded for Retry-After, or the default', () => {
    expect(classifySendFailure(api(429, 'plan_limit_exceeded', 7), 60_000)).toEqual({
      kind: 'plan-limit',
      waitMs: 7000,
    });
    expect(classifySendFailure(api(429, 'plan_limit_exceeded'), 60_000)).toEqual({
      kind: 'plan-limit',
      waitMs: 60_000,
    });
  });

  it('calls ambiguous what may follow an applied play: timeout, reset, 5xx, unreadable answer, anything else', () => {
    expect(kind(new PlaylyfeError('x', { code: 'timeout' }))).toBe('ambiguous');
    expect(kind(new PlaylyfeError('x', { code: 'network_error' }))).toBe('ambiguous');
    expect(kind(api(503, 'service_unavailable'))).toBe('ambiguous');
    expect(kind(new PlaylyfeError('x', { status: 200, code: 'invalid_response' }))).toBe(
      'ambiguous',
    );
    expect(kind(new Error('boom'))).toBe('ambiguous');
  });

  it('knows a client without activity-feed access', () => {
    expect(lacksFeedAccess(api(403, 'access_denied'))).toBe(true);
    expect(lacksFeedAccess(api(503, 'service_unavailable'))).toBe(false);
  });
});

describe('matchingPlayEvents', () => {
  const event = (id: string, action: string, vars: Record<string, unknown>, at: number) =>
    ({
      id,
      event: 'action',
      action: { id: action, name: action, vars },
      count: 1,
      changes: [],
      scopes: [],
      timestamp: new Date(at).toISOString(),
    }) as PlaylyfeActivityEvent;

  it('finds the action events with the variables sent (defaults added by Playlyfe allowed), oldest first', () => {
    const feed = [
      event('c', 'quest', { points: 5, bonus: 0 }, 3),
      event('a', 'quest', { points: 5 }, 1),
      event('x', 'quest', { points: 6 }, 2),
      event('y', 'other', { points: 5 }, 2),
      { id: 'l', event: 'level', changes: [], rule: { id: 'r' }, timestamp: 'z' } as never,
    ];
    expect(matchingPlayEvents(feed, 'quest', { points: 5 }).map((e) => e.id)).toEqual(['a', 'c']);
    expect(matchingPlayEvents(feed, 'quest', { points: 5, bonus: 1 })).toEqual([]);
  });

  it('compares nested values whatever the key order', () => {
    const feed = [event('a', 'quest', { o: { b: 1, a: [1, 2] } }, 1)];
    expect(matchingPlayEvents(feed, 'quest', { o: { a: [1, 2], b: 1 } })).toHaveLength(1);
    expect(matchingPlayEvents(feed, 'quest', { o: { a: [2, 1], b: 1 } })).toHaveLength(0);
  });
});

describe('MemoryPlayClaims', () => {
  it('gives an event to one play only, until the claim expires', async () => {
    let now = 0;
    const claims = new MemoryPlayClaims(1000, () => now);
    expect(await claims.claim('e1', 'p1')).toBe(true);
    expect(await claims.claim('e1', 'p2')).toBe(false);
    expect(await claims.claim('e1', 'p1')).toBe(true);
    now = 1000;
    expect(await claims.claim('e1', 'p2')).toBe(true);
  });
});

describe('PlayRateLimiter', () => {
  /** Starts as many as allowed over `ms`, stepping 1 ms; answers the start times. */
  const run = (limiter: PlayRateLimiter, ms: number) => {
    const starts: number[] = [];
    for (let t = 0; t < ms; t++) while (limiter.take(t) === 0) starts.push(t);
    return starts;
  };
  const maxInWindow = (starts: number[], windowMs: number) =>
    Math.max(...starts.map((s) => starts.filter((t) => t >= s && t < s + windowMs).length));

  it('never lets more than ratePerSecond start in any 1-second window', () => {
    const starts = run(new PlayRateLimiter(50), 5000);
    expect(maxInWindow(starts, 1000)).toBe(50);
    expect(starts.length).toBe(250);
  });

  it('spreads the starts with a burst below the rate', () => {
    const starts = run(new PlayRateLimiter(50, 5), 5000);
    expect(maxInWindow(starts, 100)).toBe(5);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(50);
  });

  it('answers how long to wait', () => {
    const limiter = new PlayRateLimiter(2);
    expect(limiter.take(0)).toBe(0);
    expect(limiter.take(100)).toBe(0);
    expect(limiter.take(200)).toBe(800);
  });
});
