import type { EmulatorLogEntry, EmulatorStats } from './emulator.types.js';

const REDACTED = '[redacted]';
const SECRET_PARAMS: ReadonlySet<string> = new Set(['access_token', 'jwt', 'client_secret']);

/** The query of a request as logged: decoded, with tokens and secrets replaced. */
export function redactedQuery(params: URLSearchParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (params === undefined) return out;
  for (const [key, value] of params) out[key] = SECRET_PARAMS.has(key) ? REDACTED : value;
  return out;
}

/** Counters and the bounded request log. */
export class EmulatorStatsRecorder {
  private counters = EmulatorStatsRecorder.zero();
  /** Grows to twice the limit before the oldest half is dropped, so appending stays O(1). */
  private log: EmulatorLogEntry[] = [];

  constructor(private readonly logLimit: number) {
    if (!Number.isInteger(logLimit) || logLimit < 0) {
      throw new RangeError('PlaylyfeEmulator: logLimit must be a non-negative integer');
    }
  }

  private static zero(): EmulatorStats {
    return {
      tokenRequests: 0,
      tokensIssued: 0,
      apiRequests: 0,
      unauthorized: 0,
      byRoute: {},
      byStatus: {},
    };
  }

  tokenRequest(): void {
    this.counters.tokenRequests += 1;
  }

  tokenIssued(): void {
    this.counters.tokensIssued += 1;
  }

  apiRequest(key: string): void {
    this.counters.apiRequests += 1;
    this.counters.byRoute[key] = (this.counters.byRoute[key] ?? 0) + 1;
  }

  /** Records an answer (status 0: dropped connection) and appends its log entry. */
  answered(entry: EmulatorLogEntry): void {
    const statusKey = entry.status === 0 ? 'dropped' : String(entry.status);
    this.counters.byStatus[statusKey] = (this.counters.byStatus[statusKey] ?? 0) + 1;
    if (entry.kind === 'api' && entry.status === 401) this.counters.unauthorized += 1;
    if (this.logLimit === 0) return;
    this.log.push(entry);
    if (this.log.length >= this.logLimit * 2) this.log = this.log.slice(-this.logLimit);
  }

  /** A copy of the counters. */
  snapshot(): EmulatorStats {
    const c = this.counters;
    return { ...c, byRoute: { ...c.byRoute }, byStatus: { ...c.byStatus } };
  }

  /** A copy of the newest `logLimit` entries, newest last. */
  entries(): readonly EmulatorLogEntry[] {
    const tail = this.log.length > this.logLimit ? this.log.slice(-this.logLimit) : this.log;
    return tail.map((entry) => ({ ...entry, query: { ...entry.query } }));
  }

  reset(): void {
    this.counters = EmulatorStatsRecorder.zero();
    this.log = [];
  }
}
