import type { EmulatorClock } from './emulator-clock.js';
import { planLimitExceeded } from './emulator-errors.js';

/**
 * The plan's API call quota: unlimited, or `limit` calls (per window of `windowMs` when set),
 * after which calls answer plan_limit_exceeded until the window resets.
 */
export class EmulatorQuota {
  private used = 0;
  private windowStart = 0;

  constructor(
    private readonly clock: EmulatorClock,
    private limit: number | undefined,
    private windowMs: number | undefined,
  ) {
    EmulatorQuota.check(limit, windowMs);
    this.windowStart = clock.now();
  }

  private static check(limit: number | undefined, windowMs: number | undefined): void {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
      throw new RangeError('PlaylyfeEmulator: apiCallLimit must be a non-negative integer');
    }
    if (windowMs !== undefined && (!Number.isFinite(windowMs) || windowMs <= 0)) {
      throw new RangeError('PlaylyfeEmulator: apiCallWindowMs must be a positive number of ms');
    }
  }

  /** Sets a new limit (undefined: unlimited) and window, and restarts the count. */
  reset(limit: number | undefined, windowMs?: number): void {
    EmulatorQuota.check(limit, windowMs);
    this.limit = limit;
    this.windowMs = windowMs;
    this.used = 0;
    this.windowStart = this.clock.now();
  }

  /** Counts one call; throws plan_limit_exceeded when the quota is spent. */
  spend(): void {
    const now = this.clock.now();
    if (this.windowMs !== undefined && now >= this.windowStart + this.windowMs) {
      const elapsed = Math.floor((now - this.windowStart) / this.windowMs);
      this.windowStart += elapsed * this.windowMs;
      this.used = 0;
    }
    if (this.limit !== undefined && this.used >= this.limit) {
      throw planLimitExceeded(
        this.windowMs === undefined ? undefined : this.windowStart + this.windowMs - now,
      );
    }
    this.used += 1;
  }

  get callsUsed(): number {
    return this.used;
  }
}
