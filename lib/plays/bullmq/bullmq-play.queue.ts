import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ConnectionOptions, Job, Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';
import type { PlayBackend } from '../play-backend.js';
import type { PlayClaims } from '../play-claims.js';
import type { PlayDelivery, QueuedPlay } from '../play-delivery.js';
import type {
  PlaylyfePlayOutcome,
  PlaylyfePlayRequest,
  PlaylyfePlaysRedisConnection,
  PlaylyfePlaysStats,
} from '../plays.interfaces.js';
import type { ResolvedBullMqBackend, ResolvedPlaysOptions } from '../plays.options.js';
import { PlaylyfeError } from '../../playlyfe.errors.js';
import { loadBullMq, type BullMq } from './bullmq-loader.js';
import { RedisPlayScripts } from './redis-play-scripts.js';

/** Claims outlive any reconciliation window by far (as MemoryPlayClaims). */
const CLAIM_TTL_MS = 60 * 60_000;
/** Wait of a play whose lane another play holds, plus up to as much jitter. */
const LANE_BUSY_MS = 100;
/** Spread of the workers waiting for a place in the rate window. */
const RATE_JITTER_MS = 20;
/** Spread of plays coming back together after a pause, so they do not all ask at once. */
const PAUSE_JITTER_MS = 250;
/**
 * BullMQ's own attempts are only a net for what the play's state cannot cover (Redis lost in the
 * middle of a step): the job runs again, and its data says whether to send or reconcile first.
 */
const NET_ATTEMPTS = 1000;
/** Longest wait for a connection to close politely before it is dropped (Redis may be down). */
const CLOSE_WAIT_MS = 2000;
const NET_BACKOFF_MS = 1000;

/** A play as its BullMQ job holds it between steps (the job id is the play id). */
interface PlayJobData {
  request: Required<PlaylyfePlayRequest>;
  enqueuedAt: number;
  firstSentAt?: number;
  attempts: number;
  failures: number;
  next: 'send' | 'reconcile';
  /** Written before each send: a worker that finds it set took over from one that died mid-send. */
  sending?: boolean;
}

type PlayJob = Job<PlayJobData, PlaylyfePlayOutcome>;

/** ioredis options from a URL or options; `extra` wins. */
function redisOptions(
  connection: PlaylyfePlaysRedisConnection,
  extra: Partial<RedisOptions>,
): RedisOptions {
  if (typeof connection !== 'string') return { ...(connection as RedisOptions), ...extra };
  const url = new URL(connection);
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
    ...(db !== '' ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    ...extra,
  };
}

/**
 * Plays of one player and action are never in flight at the same time anywhere in the fleet (as
 * the embedded queue's lanes): a lost answer is then never confused with another play in flight
 * that the feed could show, and every earlier play of the lane has claimed its event. Without it,
 * play B's reconciliation could take the event of play A whose answer is still on its way.
 */
const laneOf = (request: PlaylyfePlayRequest): string =>
  JSON.stringify([request.playerId, request.actionId]);

/** Opens the BullMQ back end: its queue, its worker (unless `worker: false`) and its events. */
export async function openBullMqPlayQueue(
  options: ResolvedPlaysOptions,
  backend: ResolvedBullMqBackend,
  makeDelivery: (claims: PlayClaims) => PlayDelivery,
  settle: (outcome: PlaylyfePlayOutcome, local: boolean) => void,
): Promise<BullMqPlayQueue> {
  const { bullmq, Redis } = await loadBullMq();
  const commands = new Redis(redisOptions(backend.connection, { maxRetriesPerRequest: null }));
  commands.on('error', () => undefined);
  // Redis answers first, before any BullMQ object exists: a QueueEvents that never connected
  // cannot be closed (its close() waits for the first connection).
  const ready = new Promise<void>((done) => commands.once('ready', done));
  if (!(await within(ready, backend.readyTimeoutMs))) {
    commands.disconnect();
    throw new PlaylyfeError(
      `PlaylyfePlaysModule: Redis did not answer within ${backend.readyTimeoutMs} ms (backend.readyTimeoutMs); check backend.connection`,
      { code: 'network_error' },
    );
  }
  const scripts = new RedisPlayScripts(
    commands,
    `${backend.prefix}:${backend.queueName}:playlyfe:`,
    CLAIM_TTL_MS,
    options.ratePerSecond === undefined
      ? undefined
      : {
          ratePerSecond: options.ratePerSecond,
          burst: options.burst ?? options.ratePerSecond,
          guardMs: backend.rateGuardMs,
        },
  );
  const queue = new BullMqPlayQueue(bullmq, options, backend, commands, scripts, settle);
  await queue.start(makeDelivery(scripts));
  return queue;
}

/** Plays held in Redis by BullMQ, delivered by every instance's worker with one PlayDelivery. */
export class BullMqPlayQueue implements PlayBackend {
  private readonly logger = new Logger('Playlyfe');
  private readonly queue: Queue<PlayJobData, PlaylyfePlayOutcome>;
  private readonly events: QueueEvents;
  private worker: Worker<PlayJobData, PlaylyfePlayOutcome> | undefined;
  private delivery: PlayDelivery | undefined;
  private readonly closing = new AbortController();
  /** Plays this instance's worker ended, until their completion event comes back. */
  private readonly ended = new Set<string>();

  constructor(
    private readonly bullmq: BullMq,
    private readonly options: ResolvedPlaysOptions,
    private readonly backend: ResolvedBullMqBackend,
    private readonly commands: Redis,
    private readonly scripts: RedisPlayScripts,
    private readonly settle: (outcome: PlaylyfePlayOutcome, local: boolean) => void,
  ) {
    const { queueName, prefix, connection } = backend;
    this.queue = new bullmq.Queue(queueName, {
      prefix,
      connection: redisOptions(connection, {}) as ConnectionOptions,
      // Every instance reads outcomes from the events stream: room for one behind by many plays.
      streams: { events: { maxLen: 100_000 } },
    });
    this.queue.on('error', (error) => this.warn('queue', error));
    this.events = new bullmq.QueueEvents(queueName, {
      prefix,
      connection: redisOptions(connection, { maxRetriesPerRequest: null }) as ConnectionOptions,
    });
    this.events.on('error', (error) => this.warn('events', error));
    this.events.on('completed', ({ returnvalue }) => {
      const outcome = parseOutcome(returnvalue);
      if (outcome !== undefined) this.settle(outcome, this.ended.delete(outcome.playId));
    });
  }

  async start(delivery: PlayDelivery): Promise<void> {
    this.delivery = delivery;
    await Promise.all([this.queue.waitUntilReady(), this.events.waitUntilReady()]);
    if (!this.backend.worker) return;
    const { queueName, prefix, connection, lockDurationMs, stalledIntervalMs } = this.backend;
    this.worker = new this.bullmq.Worker<PlayJobData, PlaylyfePlayOutcome>(
      queueName,
      (job, token) => this.process(job, token),
      {
        prefix,
        connection: redisOptions(connection, { maxRetriesPerRequest: null }) as ConnectionOptions,
        concurrency: this.options.concurrency,
        lockDuration: lockDurationMs,
        stalledInterval: stalledIntervalMs,
        // A stalled play is always taken over, however often its workers die: never failed for it.
        maxStalledCount: NET_ATTEMPTS,
      },
    );
    this.worker.on('error', (error) => this.warn('worker', error));
    this.worker.on('failed', (job, error) =>
      this.logger.error(`Play ${job?.id ?? '?'} failed in BullMQ: ${error.message}`),
    );
    await this.worker.waitUntilReady();
  }

  async add(play: QueuedPlay): Promise<void> {
    const keep = { age: Math.ceil(this.backend.keepResultsMs / 1000) };
    const data: PlayJobData = {
      request: play.request,
      enqueuedAt: play.enqueuedAt,
      attempts: play.attempts,
      failures: play.failures,
      next: play.next,
    };
    await this.queue.add('play', data, {
      jobId: play.id,
      removeOnComplete: keep,
      removeOnFail: keep,
      attempts: NET_ATTEMPTS,
      backoff: { type: 'fixed', delay: NET_BACKOFF_MS },
    });
  }

  async stats(): Promise<PlaylyfePlaysStats> {
    const held = ['waiting', 'delayed', 'active', 'prioritized'] as const;
    const counts = await this.queue.getJobCounts(...held);
    const depth = held.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
    if (depth === 0) return { depth, oldestAgeMs: 0 };
    // The oldest waiting play, every play in flight, and the first delayed ones (a delayed play is
    // ordered by when it comes back, not by age: past the first 1000, ages are not looked at).
    const jobs = [
      ...(await this.queue.getJobs(['waiting', 'prioritized'], 0, 0, true)),
      ...(await this.queue.getJobs(['active'], 0, -1)),
      ...(await this.queue.getJobs(['delayed'], 0, 999)),
    ];
    const oldest = Math.min(...jobs.map((job) => job?.data?.enqueuedAt ?? Infinity));
    return { depth, oldestAgeMs: oldest === Infinity ? 0 : Math.max(0, Date.now() - oldest) };
  }

  async lookup(playId: string): Promise<PlaylyfePlayOutcome | 'held' | undefined> {
    const job = await this.bullmq.Job.fromId<PlayJobData, PlaylyfePlayOutcome>(this.queue, playId);
    if (job === undefined) return undefined;
    if (job.finishedOn !== undefined) return parseOutcome(job.returnvalue) ?? 'held';
    return 'held';
  }

  /**
   * The worker takes no new play; steps in flight finish up to `timeoutMs` (then the worker closes
   * anyway: its plays stay active in Redis until another worker takes them over as stalled).
   * Queued plays stay in Redis for the fleet. Every connection is closed.
   */
  async close(timeoutMs: number): Promise<void> {
    this.closing.abort();
    const worker = this.worker;
    if (worker !== undefined && !(await within(worker.close(), timeoutMs))) {
      await within(worker.close(true), CLOSE_WAIT_MS);
    }
    // Politely when Redis answers; dropped when it does not (its commands would wait for it).
    if (!(await within(Promise.all([this.events.close(), this.queue.close()]), CLOSE_WAIT_MS))) {
      await within(this.queue.disconnect(), CLOSE_WAIT_MS);
    }
    if (this.commands.status !== 'ready' || !(await within(this.commands.quit(), CLOSE_WAIT_MS))) {
      this.commands.disconnect();
    }
  }

  /** One step of a play, then the job ends (its outcome) or waits in BullMQ's delayed set. */
  private async process(job: PlayJob, token: string | undefined): Promise<PlaylyfePlayOutcome> {
    const id = job.id!;
    const lane = laneOf(job.data.request);
    // The lane's owner is this run, not the play: when a worker that lost Redis for longer than
    // its job lock comes back, the play may be running again elsewhere (taken over as stalled);
    // the old run keeps the lane until its step ends, so the new run cannot reconcile while the
    // old run's send is still on its way. Held twice as long as a job lock for the same reason.
    const owner = `${id}:${randomUUID()}`;
    const ttl = 2 * this.backend.lockDurationMs;
    if (!(await this.scripts.takeLane(lane, owner, ttl))) {
      // Moved as it is: its data is left alone (it may be newer than what this run read).
      await job.moveToDelayed(
        Date.now() + LANE_BUSY_MS + Math.round(Math.random() * LANE_BUSY_MS),
        token,
      );
      throw new this.bullmq.DelayedError();
    }
    const renew = setInterval(() => {
      this.scripts.takeLane(lane, owner, ttl).catch(() => undefined);
    }, ttl / 4);
    renew.unref();
    try {
      // Read again under the lane: an older run of this play may have saved its state meanwhile.
      const saved = await this.commands.hget(
        `${this.backend.prefix}:${this.backend.queueName}:${id}`,
        'data',
      );
      const data = saved === null ? job.data : (JSON.parse(saved) as PlayJobData);
      const play: QueuedPlay = {
        id,
        request: data.request,
        enqueuedAt: data.enqueuedAt,
        firstSentAt: data.firstSentAt,
        attempts: data.attempts,
        failures: data.failures,
        // Its last run died (or lost Redis) after saying a send was starting: look before any resend.
        next: data.sending === true ? 'reconcile' : data.next,
      };
      if (play.next === 'send') {
        play.firstSentAt ??= Date.now();
        // Saved before the send: whoever runs this job next knows the play may have been applied.
        await job.updateData({ ...this.dataOf(play), attempts: play.attempts + 1, sending: true });
      }
      // The gate last, right before the step: the less time between taking a place in the rate
      // window and the request reaching Playlyfe, the less arrivals can bunch.
      for (;;) {
        const gate = await this.scripts.gate(play.next === 'send');
        if (gate.waitMs === 0) break;
        if (gate.paused || this.closing.signal.aborted) {
          return await this.later(job, token, play, gate.waitMs + Math.random() * PAUSE_JITTER_MS);
        }
        // A few ms of jitter: the workers waiting for the same place do not all ask at once.
        await sleep(gate.waitMs + Math.random() * RATE_JITTER_MS, this.closing.signal);
      }
      const step = await this.delivery!.step(play);
      if (step.kind === 'done') {
        this.ended.add(id);
        return step.result;
      }
      if (step.kind === 'pause-queue') await this.scripts.pause(step.delayMs);
      const jitter = step.kind === 'pause-queue' ? Math.random() * PAUSE_JITTER_MS : 0;
      return await this.later(job, token, play, step.delayMs + jitter);
    } finally {
      clearInterval(renew);
      await this.scripts.releaseLane(lane, owner).catch(() => undefined);
    }
  }

  /** Saves the play's state and moves its job to the delayed set for `delayMs`. */
  private async later(
    job: PlayJob,
    token: string | undefined,
    play: QueuedPlay,
    delayMs: number,
  ): Promise<never> {
    await job.updateData(this.dataOf(play));
    await job.moveToDelayed(Date.now() + Math.max(0, Math.round(delayMs)), token);
    throw new this.bullmq.DelayedError();
  }

  private dataOf(play: QueuedPlay): PlayJobData {
    const { request, enqueuedAt, firstSentAt, attempts, failures, next } = play;
    return { request, enqueuedAt, firstSentAt, attempts, failures, next, sending: false };
  }

  private warn(part: string, error: Error): void {
    this.logger.warn(`BullMQ ${part}: ${error.message}`);
  }
}

function parseOutcome(value: unknown): PlaylyfePlayOutcome | undefined {
  let outcome = value;
  if (typeof value === 'string') {
    try {
      outcome = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof outcome !== 'object' || outcome === null) return undefined;
  const o = outcome as Partial<PlaylyfePlayOutcome>;
  return typeof o.playId === 'string' && (o.status === 'applied' || o.status === 'failed')
    ? (o as PlaylyfePlayOutcome)
    : undefined;
}

/** Whether `work` settled within `ms` (a rejection counts as settled). */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((done) => (timer = setTimeout(done, ms, false)));
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}
