import type { PlaylyfeRequestOptions } from '../interfaces/playlyfe-request-options.interface.js';

/** Options of one `PlaylyfeHealthIndicator.isHealthy` check. */
export interface PlaylyfeHealthCheckOptions {
  /** The client's `name` in `PlaylyfeModule.forRoot`; the default (unnamed) client when omitted. */
  client?: string;
  /** Longest the check may take before it reports `down` with reason `timeout` (default 3000 ms). */
  timeoutMs?: number;
  /**
   * Also GET this API route (e.g. `/runtime/definitions/metrics` with a `playerId`). Off by default:
   * every probe is one API call counted against the game's quota, from every instance, at every check.
   */
  probe?: { route: string } & Pick<PlaylyfeRequestOptions, 'playerId' | 'query'>;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 3_000;
