import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Subject, type Observable } from 'rxjs';
import { PlaylyfeError } from '../playlyfe.errors.js';
import { getPlaylyfeServiceToken } from '../playlyfe.injection-tokens.js';
import type { PlaylyfeService } from '../playlyfe.service.js';
import { EmbeddedPlayQueue } from './embedded-play.queue.js';
import { MemoryPlayClaims } from './play-claims.js';
import type { PlayBackend } from './play-backend.js';
import { PlayDelivery, type QueuedPlay } from './play-delivery.js';
import { PlayRateLimiter } from './play-rate-limiter.js';
import { playOrigin, playQueued } from './play-telemetry.js';
import { watchPlays, type PlaysMetrics } from './plays-metrics.js';
import { PLAYLYFE_PLAYS_OPTIONS } from './plays.module-definition.js';
import { resolvePlaysOptions, type ResolvedPlaysOptions } from './plays.options.js';
import type {
  PlaylyfePlayOutcome,
  PlaylyfePlayRequest,
  PlaylyfePlaysOptions,
  PlaylyfePlaysStats,
} from './plays.interfaces.js';

/** Claims outlive any reconciliation window by far. */
const CLAIM_TTL_MS = 60 * 60_000;

interface Waiter {
  readonly promise: Promise<PlaylyfePlayOutcome>;
  resolve(outcome: PlaylyfePlayOutcome): void;
  reject(error: Error): void;
}

/** Queues plays and delivers them in the background: never lost to an outage, never applied twice. */
@Injectable()
export class PlaylyfePlays implements OnModuleInit, OnModuleDestroy {
  private readonly options: ResolvedPlaysOptions;
  private readonly outcomes = new Subject<PlaylyfePlayOutcome>();
  /** The outcomes of the plays this instance delivered (with BullMQ, results$ has the fleet's). */
  private readonly delivered = new Subject<PlaylyfePlayOutcome>();
  private readonly waiters = new Map<string, Waiter>();
  /** Outcomes kept for `result()` after they settled, oldest first, at most `maxQueued`. */
  private readonly settled = new Map<string, PlaylyfePlayOutcome>();
  private queue: PlayBackend | undefined;
  private metrics: PlaysMetrics | undefined;

  /** Every play's outcome, as it ends: applied (with its events) or failed (with a code). */
  readonly results$: Observable<PlaylyfePlayOutcome> = this.outcomes.asObservable();

  constructor(
    @Inject(PLAYLYFE_PLAYS_OPTIONS) options: PlaylyfePlaysOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    this.options = resolvePlaysOptions(options);
  }

  async onModuleInit(): Promise<void> {
    const { options } = this;
    if (options.backend.kind === 'bullmq') {
      // Loaded only for this back end: an app on the embedded queue never loads bullmq.
      const { openBullMqPlayQueue } = await import('./bullmq/bullmq-play.queue.js');
      const playlyfe = this.playlyfe();
      this.queue = await openBullMqPlayQueue(
        options,
        options.backend,
        (claims) => new PlayDelivery(playlyfe, claims, options),
        (outcome, local) => this.settle(outcome, local),
      );
    } else {
      this.queue = this.embedded(options);
    }
    // telemetry: outcomes (counted once in a fleet: by the instance that delivered), depth and age
    this.metrics = watchPlays(
      { results$: this.delivered.asObservable(), stats: () => this.stats() },
      options.client,
    );
  }

  private embedded(options: ResolvedPlaysOptions): EmbeddedPlayQueue {
    const delivery = new PlayDelivery(this.playlyfe(), new MemoryPlayClaims(CLAIM_TTL_MS), options);
    return new EmbeddedPlayQueue(
      delivery,
      {
        maxQueued: options.maxQueued,
        concurrency: options.concurrency,
        limiter:
          options.ratePerSecond === undefined
            ? undefined
            : new PlayRateLimiter(options.ratePerSecond, options.burst),
        now: Date.now,
      },
      (outcome) => this.settle(outcome),
    );
  }

  /** Delivers what it can within `drainTimeoutMs`; plays left end `not_delivered`. */
  async onModuleDestroy(): Promise<void> {
    await this.queue?.close(this.options.drainTimeoutMs);
    // With BullMQ, plays left stay in Redis for the fleet: their waiters here cannot be answered.
    for (const waiter of this.waiters.values()) {
      waiter.reject(
        new PlaylyfeError(
          'The plays queue closed before the play ended; it stays queued in Redis',
          {
            code: 'queue_closed',
          },
        ),
      );
    }
    this.waiters.clear();
    this.metrics?.stop();
    this.outcomes.complete();
    this.delivered.complete();
  }

  /**
   * Queues a play and answers its id; the play is sent in the background. Throws `queue_full` when
   * `maxQueued` plays are held, `invalid_argument` for a malformed play.
   */
  // async: a malformed play or a full queue rejects the promise, never throws synchronously.
  async enqueue(request: PlaylyfePlayRequest): Promise<string> {
    const play: QueuedPlay = {
      id: randomUUID(),
      request: checkRequest(request),
      enqueuedAt: Date.now(),
      attempts: 0,
      failures: 0,
      next: 'send',
      origin: playOrigin(), // telemetry: each step's span links to the enqueuing span
    };
    const queue = this.started();
    // Waiting before the play is held: with BullMQ its outcome may come before add() resolves.
    this.wait(play.id);
    try {
      await queue.add(play);
    } catch (error) {
      this.waiters.delete(play.id);
      throw error;
    }
    playQueued(this.options.client); // telemetry
    return play.id;
  }

  /**
   * Resolves with a play's outcome once it ends (or at once when it ended recently); rejects with
   * `play_not_found` for an id no play held or recently ended has (PlaylyfeExceptionFilter: 404).
   */
  async result(playId: string): Promise<PlaylyfePlayOutcome> {
    const waiter = this.waiters.get(playId);
    if (waiter !== undefined) return waiter.promise;
    const outcome = this.settled.get(playId);
    if (outcome !== undefined) return outcome;
    if (this.queue !== undefined && typeof playId === 'string') {
      // A play of another instance (BullMQ): wait first, so an outcome that comes meanwhile is seen.
      const pending = this.wait(playId);
      const found = await this.queue.lookup(playId).catch(() => undefined);
      if (found === 'held') return pending.promise;
      if (this.waiters.get(playId) === pending) this.waiters.delete(playId);
      if (found !== undefined) return found;
      const late = this.settled.get(playId);
      if (late !== undefined) return late;
    }
    throw new PlaylyfeError('No play with this id is held or ended recently', {
      code: 'play_not_found',
    });
  }

  /**
   * How much is waiting: `depth` plays held (queued, waiting for a retry, or in flight) and the age
   * in ms of the oldest (0 when none). A promise: a queue in Redis is asked over the network.
   */
  stats(): Promise<PlaylyfePlaysStats> {
    return this.queue?.stats() ?? Promise.resolve({ depth: 0, oldestAgeMs: 0 });
  }

  private wait(playId: string): Waiter {
    const held = this.waiters.get(playId);
    if (held !== undefined) return held;
    let resolve!: (outcome: PlaylyfePlayOutcome) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<PlaylyfePlayOutcome>((r, j) => ((resolve = r), (reject = j)));
    // A waiter nobody awaits (enqueue without result()) must not report an unhandled rejection.
    promise.catch(() => undefined);
    const waiter = { promise, resolve, reject };
    this.waiters.set(playId, waiter);
    return waiter;
  }

  private settle(outcome: PlaylyfePlayOutcome, local = true): void {
    const waiter = this.waiters.get(outcome.playId);
    this.waiters.delete(outcome.playId);
    this.settled.set(outcome.playId, outcome);
    if (this.settled.size > this.options.maxQueued) {
      this.settled.delete(this.settled.keys().next().value!);
    }
    waiter?.resolve(outcome);
    this.outcomes.next(outcome);
    if (local) this.delivered.next(outcome);
  }

  private started(): PlayBackend {
    if (this.queue === undefined) {
      throw new PlaylyfeError('PlaylyfePlays is not initialized yet: enqueue after app.init()', {
        code: 'queue_closed',
      });
    }
    return this.queue;
  }

  private playlyfe(): PlaylyfeService {
    const client = this.options.client;
    try {
      return this.moduleRef.get<unknown, PlaylyfeService>(getPlaylyfeServiceToken(client), {
        strict: false,
      });
    } catch {
      throw new PlaylyfeError(
        `PlaylyfePlaysModule: no Playlyfe client '${client}' is registered; import PlaylyfeModule.forRoot(...)${client === 'default' ? '' : ` with name '${client}'`}`,
        { code: 'invalid_options' },
      );
    }
  }
}

const ID = /^[^\s/?#]{1,200}$/;

function checkRequest(request: PlaylyfePlayRequest): Required<PlaylyfePlayRequest> {
  const bad = (what: string): never => {
    throw new PlaylyfeError(`PlaylyfePlays.enqueue: ${what}`, { code: 'invalid_argument' });
  };
  if (typeof request !== 'object' || request === null) bad('the play must be an object');
  const { playerId, actionId, variables = {} } = request;
  if (typeof playerId !== 'string' || !ID.test(playerId)) bad('playerId must be a player id');
  if (typeof actionId !== 'string' || !ID.test(actionId)) bad('actionId must be an action id');
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    bad('variables must be an object');
  }
  return { playerId, actionId, variables: structuredClone(variables) };
}
