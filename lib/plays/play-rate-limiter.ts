/**
 * A sliding-window limiter: at most `ratePerSecond` starts in any 1000 ms, and at most `burst` in
 * any `1000 * burst / ratePerSecond` ms. A fixed window (a counter reset every second) would let
 * twice the rate through across a window boundary.
 */
export class PlayRateLimiter {
  private readonly starts: number[] = [];
  private readonly burstWindowMs: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = ratePerSecond,
  ) {
    this.burstWindowMs = (1000 * burst) / ratePerSecond;
  }

  /** Records a start at `now` and answers 0, or answers the ms to wait before one may start. */
  take(now: number): number {
    while (this.starts.length > 0 && this.starts[0] <= now - 1000) this.starts.shift();
    const n = this.starts.length;
    let wait = 0;
    if (n >= this.ratePerSecond) wait = this.starts[n - this.ratePerSecond] + 1000 - now;
    if (n >= this.burst) {
      wait = Math.max(wait, this.starts[n - this.burst] + this.burstWindowMs - now);
    }
    if (wait > 0) return Math.ceil(wait);
    this.starts.push(now);
    return 0;
  }
}
