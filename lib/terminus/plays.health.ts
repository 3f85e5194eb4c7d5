import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfePlaysStats } from '../plays/plays.interfaces.js';
import type { PlaylyfePlays } from '../plays/plays.service.js';
import { DEFAULT_HEALTH_TIMEOUT_MS } from './playlyfe-health.options.js';
import type { PlaylyfePlaysHealthCheckOptions } from './plays-health.options.js';

/**
 * Terminus health indicator of the plays queue (`PlaylyfePlaysModule`): `up` with its depth and
 * the age of its oldest play, `down` when one is over its threshold. Spends no API call.
 */
@Injectable()
export class PlaylyfePlaysHealthIndicator implements OnModuleInit {
  private plays: Pick<PlaylyfePlays, 'stats'> | undefined;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Finds the plays queue; without PlaylyfePlaysModule the app fails to start, saying so. */
  async onModuleInit(): Promise<void> {
    // Loaded here rather than imported: `nestjs-playlyfe/terminus` loads no plays code for apps
    // that only check the client.
    const { PlaylyfePlays } = await import('../plays/plays.service.js');
    try {
      this.plays = this.moduleRef.get(PlaylyfePlays, { strict: false });
    } catch {
      throw new PlaylyfeError(
        'PlaylyfePlaysHealthIndicator needs PlaylyfePlaysModule: import PlaylyfePlaysModule.forRoot() (from nestjs-playlyfe/plays) in the app',
        { code: 'invalid_options' },
      );
    }
  }

  /** Checks the queue's depth and oldest age against the thresholds given, reported under `key`. */
  async isHealthy<const Key extends string>(
    key: Key,
    options: PlaylyfePlaysHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const { maxDepth, maxOldestAgeMs, timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS } = checked(options);
    const session = this.health.check(key);
    const plays = this.plays;
    if (plays === undefined) {
      throw new PlaylyfeError(
        'PlaylyfePlaysHealthIndicator: checked before the app was initialized',
        {
          code: 'invalid_options',
        },
      );
    }
    let stats: PlaylyfePlaysStats;
    try {
      stats = await within(plays.stats(), timeoutMs);
    } catch (error) {
      return session.down({ reason: reasonOf(error) });
    }
    const { depth, oldestAgeMs } = stats;
    if (maxDepth !== undefined && depth > maxDepth) {
      return session.down({ reason: 'max_depth', depth, oldestAgeMs, maxDepth });
    }
    if (maxOldestAgeMs !== undefined && oldestAgeMs > maxOldestAgeMs) {
      return session.down({ reason: 'max_oldest_age', depth, oldestAgeMs, maxOldestAgeMs });
    }
    return session.up({ depth, oldestAgeMs });
  }
}

class StatsTimeout extends Error {}

/** `work`, or a StatsTimeout after `ms` (the timer cleared either way). */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StatsTimeout()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A code only (terminus reserves `status`): never a message, which could echo what a server answered. */
function reasonOf(error: unknown): string {
  if (error instanceof StatsTimeout) return 'timeout';
  return error instanceof PlaylyfeError ? error.code : 'unknown_error';
}

function checked(options: PlaylyfePlaysHealthCheckOptions): PlaylyfePlaysHealthCheckOptions {
  for (const name of ['maxDepth', 'maxOldestAgeMs', 'timeoutMs'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
      throw new PlaylyfeError(
        `PlaylyfePlaysHealthIndicator: ${name} must be a number of at least 0`,
        { code: 'invalid_argument' },
      );
    }
  }
  return options;
}
