import { PlaylyfeError } from '../playlyfe.errors.js';
import { DEFAULT_PLAYLYFE_CLIENT } from '../playlyfe.injection-tokens.js';
import type {
  PlaylyfePlaysBullMqBackend,
  PlaylyfePlaysEmbeddedBackend,
  PlaylyfePlaysOptions,
} from './plays.interfaces.js';

/** The BullMQ back end's options, checked, with their defaults. */
export type ResolvedBullMqBackend = Required<PlaylyfePlaysBullMqBackend>;

/** Every option checked, with its default applied. */
export type ResolvedPlaysOptions = Required<
  Omit<PlaylyfePlaysOptions, 'ratePerSecond' | 'burst' | 'backend'>
> &
  Pick<PlaylyfePlaysOptions, 'ratePerSecond' | 'burst'> & {
    backend: PlaylyfePlaysEmbeddedBackend | ResolvedBullMqBackend;
  };

const BULLMQ_DEFAULTS = {
  queueName: 'playlyfe-plays',
  prefix: 'bull',
  worker: true,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  keepResultsMs: 60 * 60_000,
  rateGuardMs: 100,
  readyTimeoutMs: 10_000,
} as const;

const DEFAULTS = {
  maxQueued: 10_000,
  concurrency: 8,
  retryDelayMs: 250,
  maxRetryDelayMs: 30_000,
  settleDelayMs: 2_000,
  reconcileWindowMs: 10_000,
  planLimitPauseMs: 60_000,
  drainTimeoutMs: 10_000,
} as const;

function invalid(name: string, what: string): never {
  throw new PlaylyfeError(`PlaylyfePlaysModule: option '${name}' must be ${what}`, {
    code: 'invalid_options',
  });
}

function count(options: PlaylyfePlaysOptions, name: keyof typeof DEFAULTS, min: number): number {
  const value = options[name] ?? DEFAULTS[name];
  if (!Number.isInteger(value) || value < min) invalid(name, `an integer of at least ${min}`);
  return value;
}

function resolveBackend(
  backend: PlaylyfePlaysOptions['backend'],
): PlaylyfePlaysEmbeddedBackend | ResolvedBullMqBackend {
  if (backend === undefined) return { kind: 'embedded' };
  if (typeof backend !== 'object' || backend === null) {
    invalid('backend', "{ kind: 'embedded' } or { kind: 'bullmq', connection }");
  }
  if (backend.kind === 'embedded') return { kind: 'embedded' };
  if (backend.kind !== 'bullmq') invalid('backend.kind', "'embedded' or 'bullmq'");
  const { connection } = backend;
  if (
    !(typeof connection === 'string' && /^rediss?:\/\//.test(connection)) &&
    !(typeof connection === 'object' && connection !== null && !Array.isArray(connection))
  ) {
    invalid('backend.connection', 'a redis:// URL or Redis options ({ host, port })');
  }
  const merged = { ...BULLMQ_DEFAULTS, ...stripUndefined(backend) };
  const name = (key: 'queueName' | 'prefix'): string => {
    const value = merged[key];
    if (typeof value !== 'string' || !/^[\w.-]{1,100}$/.test(value)) {
      invalid(`backend.${key}`, 'a name of letters, digits, _ . or - (at most 100)');
    }
    return value;
  };
  const ms = (key: keyof typeof BULLMQ_DEFAULTS & `${string}Ms`, min: number): number => {
    const value = merged[key];
    if (!Number.isInteger(value) || value < min) {
      invalid(`backend.${key}`, `an integer number of ms of at least ${min}`);
    }
    return value;
  };
  if (typeof merged.worker !== 'boolean') invalid('backend.worker', 'true or false');
  return {
    kind: 'bullmq',
    connection,
    queueName: name('queueName'),
    prefix: name('prefix'),
    worker: merged.worker,
    lockDurationMs: ms('lockDurationMs', 1000),
    stalledIntervalMs: ms('stalledIntervalMs', 500),
    keepResultsMs: ms('keepResultsMs', 1000),
    rateGuardMs: ms('rateGuardMs', 0),
    readyTimeoutMs: ms('readyTimeoutMs', 1),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Checks the options of PlaylyfePlaysModule; a bad one fails bootstrap with its name. */
export function resolvePlaysOptions(raw: PlaylyfePlaysOptions | undefined): ResolvedPlaysOptions {
  const options = raw ?? {};
  if (typeof options !== 'object') invalid('options', 'an object');
  const client = options.client ?? DEFAULT_PLAYLYFE_CLIENT;
  if (typeof client !== 'string' || client === '') invalid('client', 'a client name');
  const { ratePerSecond, burst } = options;
  if (ratePerSecond !== undefined && (!Number.isInteger(ratePerSecond) || ratePerSecond < 1)) {
    invalid('ratePerSecond', 'a positive integer');
  }
  if (
    burst !== undefined &&
    (ratePerSecond === undefined || !Number.isInteger(burst) || burst < 1 || burst > ratePerSecond)
  ) {
    invalid('burst', 'a positive integer no larger than ratePerSecond');
  }
  return {
    client,
    backend: resolveBackend(options.backend),
    ratePerSecond,
    burst,
    maxQueued: count(options, 'maxQueued', 1),
    concurrency: count(options, 'concurrency', 1),
    retryDelayMs: count(options, 'retryDelayMs', 1),
    maxRetryDelayMs: count(options, 'maxRetryDelayMs', 1),
    settleDelayMs: count(options, 'settleDelayMs', 0),
    reconcileWindowMs: count(options, 'reconcileWindowMs', 0),
    planLimitPauseMs: count(options, 'planLimitPauseMs', 1),
    drainTimeoutMs: count(options, 'drainTimeoutMs', 0),
  };
}
