/** Options of one `PlaylyfePlaysHealthIndicator.isHealthy` check. */
export interface PlaylyfePlaysHealthCheckOptions {
  /** `down` when more plays than this are held (queued, waiting for a retry, or in flight). Default: no limit. */
  maxDepth?: number;
  /** `down` when the oldest play held is older than this, in ms. Default: no limit. */
  maxOldestAgeMs?: number;
  /** Longest the check may wait for the queue's figures before it reports `down` with reason `timeout` (default 3000 ms). */
  timeoutMs?: number;
}
