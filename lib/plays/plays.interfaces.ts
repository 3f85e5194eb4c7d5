import type { PlaylyfeEvent } from '../interfaces/playlyfe-api.interfaces.js';

/** A play to send: this player plays this action with these variables. */
export interface PlaylyfePlayRequest {
  playerId: string;
  actionId: string;
  /** The action's variables (`{ points: 5 }`); default none. */
  variables?: Record<string, unknown>;
}

/** What every play result tells. */
interface PlaylyfePlayResultBase {
  /** The id `enqueue` answered. */
  playId: string;
  playerId: string;
  actionId: string;
  /** Sends made, the one that succeeded included (0 when a reconciliation found it applied first). */
  attempts: number;
}

/** Playlyfe applied the play. */
export interface PlaylyfeAppliedPlay extends PlaylyfePlayResultBase {
  status: 'applied';
  /**
   * The play's events: the answer's `events.local` (the action event, then level and achievement
   * events), or, when the answer was lost, the action event found in the player's activity feed.
   */
  events: PlaylyfeEvent[];
  /** True when the answer was lost and the player's activity feed showed the play applied. */
  reconciled: boolean;
}

/** The play was not applied, or (`outcome_unknown`) cannot be known to be. */
export interface PlaylyfeFailedPlay extends PlaylyfePlayResultBase {
  status: 'failed';
  /**
   * Playlyfe's code when it refused the play (`player_not_found`, `action_not_found`,
   * `validation_exception`, `rate_limit_exceeded`...); `outcome_unknown` when the answer was lost
   * and the client may not read activity feeds; `not_delivered` when the queue closed first.
   */
  code: string;
  message: string;
}

/** How a play ended. */
export type PlaylyfePlayOutcome = PlaylyfeAppliedPlay | PlaylyfeFailedPlay;

/** How much the queue holds (`PlaylyfePlays.stats()`). */
export interface PlaylyfePlaysStats {
  /** Plays held: queued, waiting for a retry, or in flight. */
  depth: number;
  /** Age in ms of the oldest play held, 0 when none. */
  oldestAgeMs: number;
}

/** The in-process queue: no setup, held in memory (a crash loses what it holds). */
export interface PlaylyfePlaysEmbeddedBackend {
  kind: 'embedded';
}

/** A URL (`redis://host:6379/0`) or ioredis options (`{ host, port, password, db, tls }`). */
export type PlaylyfePlaysRedisConnection =
  | string
  | { host?: string; port?: number; password?: string; db?: number; [option: string]: unknown };

/** Plays held in Redis by BullMQ: durable, shared by every instance of the app (needs `bullmq` and `ioredis`). */
export interface PlaylyfePlaysBullMqBackend {
  kind: 'bullmq';
  /** Where Redis is; the back end opens (and closes) its own connections with these options. */
  connection: PlaylyfePlaysRedisConnection;
  /** The BullMQ queue's name. Default `'playlyfe-plays'`. */
  queueName?: string;
  /** The prefix of every Redis key. Default `'bull'` (BullMQ's). */
  prefix?: string;
  /** Whether this instance delivers plays; false for one that only enqueues and reads results. Default true. */
  worker?: boolean;
  /**
   * How long a worker's hold on a play lasts without renewal (BullMQ `lockDuration`): a play held by
   * a crashed worker is taken over by another within about `lockDurationMs + stalledIntervalMs`.
   * Default 30000.
   */
  lockDurationMs?: number;
  /** How often workers look for plays held by crashed workers (BullMQ `stalledInterval`). Default 30000. */
  stalledIntervalMs?: number;
  /** How long an ended play's outcome stays in Redis for `result()` from any instance. Default 3600000. */
  keepResultsMs?: number;
  /**
   * The rate limit counts `ratePerSecond` sends in any `1000 + rateGuardMs` ms, so that sends that
   * take a different time to reach Playlyfe still arrive at most `ratePerSecond` in any second. Default 100.
   */
  rateGuardMs?: number;
  /** Longest wait at bootstrap for Redis to answer; then bootstrap fails (`network_error`). Default 10000. */
  readyTimeoutMs?: number;
}

/** Options of PlaylyfePlaysModule. */
export interface PlaylyfePlaysOptions {
  /** The Playlyfe client (its `name`) that sends the plays. Default: the default client. */
  client?: string;
  /** Where plays wait: in this process (default) or in Redis with BullMQ. */
  backend?: PlaylyfePlaysEmbeddedBackend | PlaylyfePlaysBullMqBackend;
  /**
   * Most plays held (queued, waiting or in flight); `enqueue` throws `queue_full` past it. Embedded
   * back end only (Redis holds what its memory allows). Default 10000.
   */
  maxQueued?: number;
  /** Plays sent at once (by each instance, with BullMQ). Default 8. */
  concurrency?: number;
  /** At most this many plays start in any 1-second window (with BullMQ: in the whole fleet). Default: no limit. */
  ratePerSecond?: number;
  /**
   * At most this many of them in a row: `burst` sends in any `burst / ratePerSecond` seconds.
   * Default `ratePerSecond` (the whole second's share at once).
   */
  burst?: number;
  /** First wait after a failed send that surely did not apply; doubles up to `maxRetryDelayMs`. Default 250. */
  retryDelayMs?: number;
  /** Longest wait between retries. Default 30000. */
  maxRetryDelayMs?: number;
  /** Wait after an ambiguous failure before the activity feed is read. Default 2000. */
  settleDelayMs?: number;
  /** How far before a play's first send its reconciliation reads the feed (clock skew). Default 10000. */
  reconcileWindowMs?: number;
  /** Pause after plan_limit_exceeded when Playlyfe gives no `Retry-After`. Default 60000. */
  planLimitPauseMs?: number;
  /**
   * Longest wait for the queue to drain on app.close(); plays left are `not_delivered` (with BullMQ:
   * the steps in flight finish, and plays left stay in Redis for the fleet). Default 10000.
   */
  drainTimeoutMs?: number;
}

/** The extras of PlaylyfePlaysModule registration. */
export interface PlaylyfePlaysModuleExtras {
  /** Makes PlaylyfePlays injectable in every module. Default false. */
  isGlobal?: boolean;
}
