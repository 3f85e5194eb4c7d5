import { planLimitExceeded } from './emulator-errors.js';

/** The plan's API call quota: unlimited, or `limit` calls after which calls answer plan_limit_exceeded. */
export class EmulatorQuota {
  private used = 0;

  constructor(private limit: number | undefined) {
    EmulatorQuota.check(limit);
  }

  private static check(limit: number | undefined): void {
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
      throw new RangeError('PlaylyfeEmulator: apiCallLimit must be a non-negative integer');
    }
  }

  /** Sets a new limit (undefined: unlimited) and restarts the count. */
  reset(limit: number | undefined): void {
    EmulatorQuota.check(limit);
    this.limit = limit;
    this.used = 0;
  }

  /** Counts one call; throws plan_limit_exceeded when the quota is spent. */
  spend(): void {
    if (this.limit !== undefined && this.used >= this.limit) throw planLimitExceeded();
    this.used += 1;
  }

  get callsUsed(): number {
    return this.used;
  }
}
