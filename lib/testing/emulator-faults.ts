import { EmulatorRandomFaults } from './emulator-random-faults.js';
import type { EmulatorFault } from './emulator.types.js';

interface QueuedFault {
  remaining: number;
  readonly fault: EmulatorFault;
}

/** The default answer of a failed token request. */
export const TOKEN_SERVICE_UNAVAILABLE: EmulatorFault = {
  status: 503,
  body: {
    error: 'service_unavailable',
    error_description: 'The token service is unavailable (fault injected by the emulator)',
  },
};

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError('PlaylyfeEmulator: a fault count must be a non-negative integer');
  }
}

function checkFault(fault: EmulatorFault): void {
  if (fault === 'drop') return;
  if (typeof fault !== 'object' || fault === null || !Number.isInteger(fault.status)) {
    throw new TypeError("PlaylyfeEmulator: a fault is 'drop' or { status, body?, headers? }");
  }
  if (fault.status < 100 || fault.status > 599) {
    throw new RangeError('PlaylyfeEmulator: a fault status must be between 100 and 599');
  }
}

function checkMs(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError('PlaylyfeEmulator: a latency must be a non-negative number of ms');
  }
  return ms;
}

function take(queue: QueuedFault[]): EmulatorFault | undefined {
  const head = queue[0];
  if (head === undefined) return undefined;
  head.remaining -= 1;
  if (head.remaining <= 0) queue.shift();
  return head.fault;
}

/** Faults injected by tests: failures queued per endpoint, latencies, blanket token rejection. */
export class EmulatorFaults {
  tokenLatencyMs = 0;
  apiLatencyMs = 0;
  rejectAllTokens = false;
  /** Faults drawn at random per route pattern; cleared with the rest. */
  readonly random = new EmulatorRandomFaults();
  private tokenFailures: QueuedFault[] = [];
  private readonly routeFailures = new Map<string, QueuedFault[]>();

  /** Queues `count` failures of the token endpoint. */
  failTokenRequests(count: number, fault: EmulatorFault): void {
    checkCount(count);
    checkFault(fault);
    if (count > 0) this.tokenFailures.push({ remaining: count, fault });
  }

  /** Queues `count` failures of one API route (`'/runtime/player'`, with or without `/v2`). */
  failRoute(method: string, route: string, count: number, fault: EmulatorFault): void {
    checkCount(count);
    checkFault(fault);
    if (count === 0) return;
    const key = routeKey(method, route);
    const queue = this.routeFailures.get(key);
    if (queue === undefined) this.routeFailures.set(key, [{ remaining: count, fault }]);
    else queue.push({ remaining: count, fault });
  }

  setTokenLatency(ms: number): void {
    this.tokenLatencyMs = checkMs(ms);
  }

  setApiLatency(ms: number): void {
    this.apiLatencyMs = checkMs(ms);
  }

  /** The fault for this token request, if one is queued. */
  nextTokenFault(): EmulatorFault | undefined {
    return take(this.tokenFailures);
  }

  /** The fault for this API call, if one is queued; `key` is `'METHOD /route'`. */
  nextRouteFault(key: string): EmulatorFault | undefined {
    if (this.routeFailures.size === 0) return undefined;
    const queue = this.routeFailures.get(key);
    if (queue === undefined) return undefined;
    const fault = take(queue);
    if (queue.length === 0) this.routeFailures.delete(key);
    return fault;
  }

  clear(): void {
    this.tokenLatencyMs = 0;
    this.apiLatencyMs = 0;
    this.rejectAllTokens = false;
    this.tokenFailures = [];
    this.routeFailures.clear();
    this.random.clear();
  }
}

/** The `'METHOD /route'` key of a route, as used by the counters and the faults. */
export function routeKey(method: string, route: string): string {
  const path = route.startsWith('/v2/') ? route.slice(3) : route;
  const bare = path.split('?', 1)[0] ?? path;
  return `${method.toUpperCase()} ${bare.startsWith('/') ? bare : `/${bare}`}`;
}
