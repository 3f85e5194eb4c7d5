import { Observable } from 'rxjs';
import type { PlaylyfeActivityEvent } from '../interfaces/playlyfe-events.interfaces.js';
import type {
  PlaylyfeActivityOptions,
  PlaylyfeActivityWindow,
} from '../interfaces/playlyfe-game.interfaces.js';
import type { PlaylyfeQueryValue } from '../interfaces/playlyfe-request-options.interface.js';
import { MAX_TIMER_MS } from '../playlyfe.constants.js';
import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeCallOptions } from './playlyfe-requester.js';

/** Reads one window of a feed. */
export type PlaylyfeFeedReader = (
  window: { start: string; end: string },
  options: PlaylyfeCallOptions,
) => Promise<PlaylyfeActivityEvent[]>;

const DEFAULTS = { every: 10_000, overlapMs: 2_000, maxBackoffMs: 60_000, maxFailures: Infinity };

function invalid(message: string): PlaylyfeError {
  return new PlaylyfeError(`activity$: ${message}`, { code: 'invalid_argument' });
}

function toMs(value: string | Date | number, what: string): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalid(`\`${what}\` must be a date, an ISO 8601 string or ms`);
  return ms;
}

/** `start`/`end` of a feed request as ISO 8601 strings. */
export function feedQuery(window: PlaylyfeActivityWindow = {}): Record<string, PlaylyfeQueryValue> {
  const iso = (value: string | Date | number | undefined, what: string) =>
    value === undefined ? undefined : new Date(toMs(value, what)).toISOString();
  return { start: iso(window.start, 'start'), end: iso(window.end, 'end') };
}

function positive(value: number, what: string, allowZero = false): number {
  const ok =
    typeof value === 'number' && !Number.isNaN(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) throw invalid(`\`${what}\` must be a ${allowZero ? 'non-negative' : 'positive'} number`);
  return value;
}

/** A timer delay: Node turns one above 2^31-1 ms into 1 ms, so a larger one is refused. */
function delayMs(value: number, what: string): number {
  positive(value, what);
  if (!(value <= MAX_TIMER_MS)) throw invalid(`\`${what}\` must be at most ${MAX_TIMER_MS} ms`);
  return value;
}

function settings(options: PlaylyfeActivityOptions, now: number) {
  return {
    every: delayMs(options.every ?? DEFAULTS.every, 'every'),
    since: options.since === undefined ? now : toMs(options.since, 'since'),
    overlapMs: positive(options.overlapMs ?? DEFAULTS.overlapMs, 'overlapMs', true),
    maxBackoffMs: delayMs(options.maxBackoffMs ?? DEFAULTS.maxBackoffMs, 'maxBackoffMs'),
    maxFailures: positive(options.maxFailures ?? DEFAULTS.maxFailures, 'maxFailures'),
  };
}

/** A failure that another poll cannot fix: the caller's mistake or a refusal by Playlyfe. */
function isPermanent(error: unknown): boolean {
  if (!(error instanceof PlaylyfeError)) return true;
  if (error.code === 'invalid_argument' || error.code === 'invalid_options') return true;
  const status = error.status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function backoffMs(failures: number, every: number, max: number, error: unknown): number {
  const doubled = Math.min(max, every * 2 ** (failures - 1));
  const retryAfter = error instanceof PlaylyfeError ? error.retryAfterSeconds : undefined;
  return retryAfter === undefined ? doubled : Math.min(max, Math.max(doubled, retryAfter * 1000));
}

const timeOf = (event: PlaylyfeActivityEvent): number => Date.parse(event.timestamp);

/**
 * Polls a feed: each poll reads `[previous end - overlapMs, now]` (the first one `[since, now]`),
 * and emits the events not emitted before, oldest first. Events are remembered by id only while
 * they can come back (inside the overlap). A failed poll is retried with a doubling wait; a
 * permanent failure (bad options, a 4xx such as an unknown player) errors the Observable.
 * Unsubscribing clears the timer and aborts a poll in flight.
 */
export function pollActivity(
  read: PlaylyfeFeedReader,
  options: PlaylyfeActivityOptions = {},
): Observable<PlaylyfeActivityEvent> {
  return new Observable<PlaylyfeActivityEvent>((subscriber) => {
    const clock = options?.clock ?? Date.now;
    let s: ReturnType<typeof settings>;
    try {
      if (typeof clock !== 'function') throw invalid('`clock` must be a function');
      s = settings(options ?? {}, clock());
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    const abort = new AbortController();
    const seen = new Map<string, number>();
    let start = s.since;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const schedule = (ms: number) => {
      timer = setTimeout(() => void poll(), ms);
      timer.unref?.();
    };

    const emitNew = (events: PlaylyfeActivityEvent[], end: number) => {
      const fresh = events
        .map((event, index) => ({ event, index, at: timeOf(event) }))
        .filter(({ event, at }) => !seen.has(event.id) && !(at < s.since))
        .sort((a, b) => a.at - b.at || a.index - b.index);
      start = Math.max(s.since, end - s.overlapMs);
      for (const { event, at } of fresh) seen.set(event.id, Number.isNaN(at) ? end : at);
      for (const [id, at] of seen) if (at < start) seen.delete(id);
      for (const { event } of fresh) {
        if (subscriber.closed) return;
        subscriber.next(event);
      }
    };

    const poll = async () => {
      timer = undefined;
      let end = start;
      let events: PlaylyfeActivityEvent[];
      try {
        end = Math.max(clock(), start);
        const window = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
        events = await read(window, { signal: abort.signal });
        if (!Array.isArray(events)) {
          throw new PlaylyfeError('activity$: the feed did not answer an array of events', {
            code: 'invalid_response',
          });
        }
      } catch (error) {
        if (subscriber.closed) return;
        failures += 1;
        if (isPermanent(error) || failures >= s.maxFailures) subscriber.error(error);
        else schedule(backoffMs(failures, s.every, s.maxBackoffMs, error));
        return;
      }
      if (subscriber.closed) return;
      failures = 0;
      emitNew(events, end);
      if (!subscriber.closed) schedule(s.every);
    };

    void poll();
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      abort.abort();
    };
  });
}
