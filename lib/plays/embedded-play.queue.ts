import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlayBackend } from './play-backend.js';
import type { PlayDelivery, PlayStep, QueuedPlay } from './play-delivery.js';
import type { PlayRateLimiter } from './play-rate-limiter.js';
import type { PlaylyfePlayOutcome, PlaylyfePlaysStats } from './plays.interfaces.js';

/** The plays of one player and action, sent one after the other (see `laneKey`). */
interface Lane {
  readonly plays: QueuedPlay[];
}

/** What the embedded queue needs besides the delivery. */
export interface EmbeddedQueueSettings {
  readonly maxQueued: number;
  readonly concurrency: number;
  readonly limiter: PlayRateLimiter | undefined;
  readonly now: () => number;
}

/**
 * Plays of one player and action go one at a time: when an answer is lost, no other play that the
 * feed could mistake for it is in flight, and every earlier one has claimed its event.
 */
const laneKey = (play: QueuedPlay): string =>
  JSON.stringify([play.request.playerId, play.request.actionId]);

/**
 * The in-process queue: bounded, sends `concurrency` plays at once within the rate limit, waits out
 * outages with backoff, pauses everything on plan_limit_exceeded. Held in memory: a crash loses it.
 */
export class EmbeddedPlayQueue implements PlayBackend {
  private readonly lanes = new Map<string, Lane>();
  /** Lanes whose first play may be sent now, in the order they became ready. */
  private readonly ready: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private held = 0;
  private inFlight = 0;
  private pausedUntil = 0;
  private wakeTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private pumpScheduled = false;
  private idle: (() => void) | undefined;

  constructor(
    private readonly delivery: PlayDelivery,
    private readonly settings: EmbeddedQueueSettings,
    private readonly settle: (outcome: PlaylyfePlayOutcome) => void,
  ) {}

  /** Plays held: queued, waiting for a retry, or in flight. */
  get depth(): number {
    return this.held;
  }

  /** Age in ms of the oldest play held, 0 when none. */
  oldestAgeMs(): number {
    let oldest = Infinity;
    for (const lane of this.lanes.values()) oldest = Math.min(oldest, lane.plays[0].enqueuedAt);
    return oldest === Infinity ? 0 : this.settings.now() - oldest;
  }

  stats(): Promise<PlaylyfePlaysStats> {
    return Promise.resolve({ depth: this.depth, oldestAgeMs: this.oldestAgeMs() });
  }

  /** Plays this queue holds are known to PlaylyfePlays already: nothing else to find. */
  lookup(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  close(timeoutMs: number): Promise<void> {
    return this.drain(timeoutMs);
  }

  add(play: QueuedPlay): void {
    if (this.closed) {
      throw new PlaylyfeError('The plays queue is closed: the application is shutting down', {
        code: 'queue_closed',
      });
    }
    if (this.held >= this.settings.maxQueued) {
      throw new PlaylyfeError(
        `The plays queue is full (${this.settings.maxQueued} plays held): Playlyfe is not keeping up or is down; raise maxQueued or use the BullMQ back end`,
        { code: 'queue_full' },
      );
    }
    this.held += 1;
    const key = laneKey(play);
    const lane = this.lanes.get(key);
    if (lane !== undefined) lane.plays.push(play);
    else {
      this.lanes.set(key, { plays: [play] });
      this.ready.push(key);
      this.schedulePump();
    }
  }

  /** Sends start on the next turn of the event loop: `enqueue` answers without starting one. */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Stops taking plays and waits up to `timeoutMs` for those held; the rest end `not_delivered`. */
  async drain(timeoutMs: number): Promise<void> {
    this.closed = true;
    if (this.held > 0) {
      const drained = new Promise<void>((resolve) => (this.idle = resolve));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([drained, timeout]);
      clearTimeout(timer);
    }
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    clearTimeout(this.wakeTimer);
    for (const lane of this.lanes.values()) {
      for (const play of lane.plays) {
        this.settle({
          playId: play.id,
          playerId: play.request.playerId,
          actionId: play.request.actionId,
          attempts: play.attempts,
          status: 'failed',
          code: 'not_delivered',
          message: `The queue closed before the play was delivered (drainTimeoutMs ${timeoutMs})`,
        });
      }
    }
    this.lanes.clear();
    this.ready.length = 0;
    this.held = 0;
  }

  private pump(): void {
    while (this.ready.length > 0 && this.inFlight < this.settings.concurrency) {
      const now = this.settings.now();
      if (now < this.pausedUntil) return this.wakeAt(this.pausedUntil - now);
      const key = this.ready[0];
      const play = this.lanes.get(key)!.plays[0];
      if (play.next === 'send' && this.settings.limiter !== undefined) {
        const wait = this.settings.limiter.take(now);
        if (wait > 0) return this.wakeAt(wait);
      }
      this.ready.shift();
      this.inFlight += 1;
      void this.run(key, play);
    }
  }

  private async run(key: string, play: QueuedPlay): Promise<void> {
    let step: PlayStep;
    try {
      step = await this.delivery.step(play);
    } catch {
      // A bug or an unexpected throw: treat it as an outcome to check, never as a resend.
      play.next = 'reconcile';
      step = { kind: 'retry', delayMs: 1000 };
    }
    this.inFlight -= 1;
    if (this.lanes.get(key)?.plays[0] !== play) return; // drained meanwhile
    if (step.kind === 'done') this.finish(key, step.result);
    else if (step.kind === 'pause-queue') {
      this.pausedUntil = Math.max(this.pausedUntil, this.settings.now() + step.delayMs);
      this.ready.unshift(key);
    } else this.later(key, step.delayMs);
    this.pump();
  }

  private finish(key: string, outcome: PlaylyfePlayOutcome): void {
    const lane = this.lanes.get(key)!;
    lane.plays.shift();
    this.held -= 1;
    if (lane.plays.length > 0) this.ready.push(key);
    else this.lanes.delete(key);
    this.settle(outcome);
    if (this.held === 0) this.idle?.();
  }

  private later(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.ready.push(key);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(key);
      this.pump();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private wakeAt(delayMs: number): void {
    if (this.wakeTimer !== undefined) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.pump();
    }, delayMs);
    this.wakeTimer.unref();
  }
}
