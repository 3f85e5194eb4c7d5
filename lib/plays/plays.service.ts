import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Subject, type Observable } from 'rxjs';
import { PlaylyfeError } from '../playlyfe.errors.js';
import { getPlaylyfeServiceToken } from '../playlyfe.injection-tokens.js';
import type { PlaylyfeService } from '../playlyfe.service.js';
import { EmbeddedPlayQueue } from './embedded-play.queue.js';
import { MemoryPlayClaims } from './play-claims.js';
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
}

/** Queues plays and delivers them in the background: never lost to an outage, never applied twice. */
@Injectable()
export class PlaylyfePlays implements OnModuleInit, OnModuleDestroy {
  private readonly options: ResolvedPlaysOptions;
  private readonly outcomes = new Subject<PlaylyfePlayOutcome>();
  private readonly waiters = new Map<string, Waiter>();
  /** Outcomes kept for `result()` after they settled, oldest first, at most `maxQueued`. */
  private readonly settled = new Map<string, PlaylyfePlayOutcome>();
  private queue: EmbeddedPlayQueue | undefined;
  private metrics: PlaysMetrics | undefined;

  /** Every play's outcome, as it ends: applied (with its events) or failed (with a code). */
  readonly results$: Observable<PlaylyfePlayOutcome> = this.outcomes.asObservable();

  constructor(
    @Inject(PLAYLYFE_PLAYS_OPTIONS) options: PlaylyfePlaysOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    this.options = resolvePlaysOptions(options);
  }

  onModuleInit(): void {
    const { options } = this;
    const delivery = new PlayDelivery(this.playlyfe(), new MemoryPlayClaims(CLAIM_TTL_MS), options);
    this.queue = new EmbeddedPlayQueue(
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
    this.metrics = watchPlays(this, options.client); // telemetry: outcomes, depth and age
  }

  /** Delivers what it can within `drainTimeoutMs`; plays left end `not_delivered`. */
  async onModuleDestroy(): Promise<void> {
    await this.queue?.drain(this.options.drainTimeoutMs);
    this.metrics?.stop();
    this.outcomes.complete();
  }

  /**
   * Queues a play and answers its id; the play is sent in the background. Throws `queue_full` when
   * `maxQueued` plays are held, `invalid_argument` for a malformed play.
   */
  // async: a malformed play or a full queue rejects the promise, never throws synchronously.
  // eslint-disable-next-line @typescript-eslint/require-await
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
    this.started().add(play);
    playQueued(this.options.client); // telemetry
    let resolve!: (outcome: PlaylyfePlayOutcome) => void;
    const promise = new Promise<PlaylyfePlayOutcome>((r) => (resolve = r));
    this.waiters.set(play.id, { promise, resolve });
    return play.id;
  }

  /** Resolves with a play's outcome once it ends (or at once when it ended recently). */
  result(playId: string): Promise<PlaylyfePlayOutcome> {
    const waiter = this.waiters.get(playId);
    if (waiter !== undefined) return waiter.promise;
    const outcome = this.settled.get(playId);
    if (outcome !== undefined) return Promise.resolve(outcome);
    return Promise.reject(
      new PlaylyfeError('No play with this id is held or ended recently', {
        code: 'invalid_argument',
      }),
    );
  }

  /**
   * How much is waiting: `depth` plays held (queued, waiting for a retry, or in flight) and the age
   * in ms of the oldest (0 when none). A promise: a queue in Redis is asked over the network.
   */
  // eslint-disable-next-line @typescript-eslint/require-await
  async stats(): Promise<PlaylyfePlaysStats> {
    return { depth: this.queue?.depth ?? 0, oldestAgeMs: this.queue?.oldestAgeMs() ?? 0 };
  }

  private settle(outcome: PlaylyfePlayOutcome): void {
    const waiter = this.waiters.get(outcome.playId);
    this.waiters.delete(outcome.playId);
    this.settled.set(outcome.playId, outcome);
    if (this.settled.size > this.options.maxQueued) {
      this.settled.delete(this.settled.keys().next().value!);
    }
    waiter?.resolve(outcome);
    this.outcomes.next(outcome);
  }

  private started(): EmbeddedPlayQueue {
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
