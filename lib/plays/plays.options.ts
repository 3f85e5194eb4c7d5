import { PlaylyfeError } from '../playlyfe.errors.js';
import { DEFAULT_PLAYLYFE_CLIENT } from '../playlyfe.injection-tokens.js';
import type { PlaylyfePlaysOptions } from './plays.interfaces.js';

/** Every option checked, with its default applied. */
export type ResolvedPlaysOptions = Required<Omit<PlaylyfePlaysOptions, 'ratePerSecond' | 'burst'>> &
  Pick<PlaylyfePlaysOptions, 'ratePerSecond' | 'burst'>;

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
