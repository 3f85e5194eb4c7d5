import type { EmulatorRandomFault, EmulatorRandomFaultMode } from './emulator.types.js';

/** How long `stall-after-apply` holds the answer when no `stallMs` is given. */
export const DEFAULT_STALL_MS = 10_000;

const MODES: readonly EmulatorRandomFaultMode[] = [
  'drop-after-apply',
  'error-after-apply',
  'drop-before-apply',
  'stall-after-apply',
];

/** A fault drawn for one request, with how long to stall when it stalls. */
export interface DrawnFault {
  readonly mode: EmulatorRandomFaultMode;
  readonly stallMs: number;
}

interface RouteRates {
  readonly method: string;
  /** Route segments after the version; null matches any one segment (`:id`). */
  readonly segments: readonly (string | null)[];
  readonly faults: readonly Required<EmulatorRandomFault>[];
}

/** mulberry32: a small seeded generator, so a test can replay the same faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function check(faults: readonly EmulatorRandomFault[]): Required<EmulatorRandomFault>[] {
  if (!Array.isArray(faults)) throw new TypeError('PlaylyfeEmulator: faults must be an array');
  let total = 0;
  const out = (faults as readonly EmulatorRandomFault[]).map((f) => {
    if (!MODES.includes(f.mode)) {
      throw new TypeError(`PlaylyfeEmulator: a random fault mode is one of ${MODES.join(', ')}`);
    }
    if (!Number.isFinite(f.rate) || f.rate < 0 || f.rate > 1) {
      throw new RangeError('PlaylyfeEmulator: a fault rate must be between 0 and 1');
    }
    const stallMs = f.stallMs ?? DEFAULT_STALL_MS;
    if (!Number.isFinite(stallMs) || stallMs < 0) {
      throw new RangeError('PlaylyfeEmulator: stallMs must be a non-negative number of ms');
    }
    total += f.rate;
    return { mode: f.mode, rate: f.rate, stallMs };
  });
  if (total > 1 + 1e-9) throw new RangeError('PlaylyfeEmulator: fault rates add up to more than 1');
  return out;
}

function splitRoute(route: string): (string | null)[] {
  const path = route.startsWith('/v2/') ? route.slice(3) : route;
  const bare = path.split('?', 1)[0] ?? path;
  return bare
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (s.startsWith(':') ? null : s));
}

/** Faults drawn at random, at a given rate, for routes matched by pattern (`/runtime/actions/:id/play`). */
export class EmulatorRandomFaults {
  private routes: RouteRates[] = [];
  private random: () => number = Math.random;
  private readonly injected = new Map<EmulatorRandomFaultMode, number>();

  /** Replaces the random faults of one route pattern (an empty list removes them). */
  set(method: string, route: string, faults: readonly EmulatorRandomFault[], seed?: number): void {
    const checked = check(faults);
    const segments = splitRoute(route);
    const upper = method.toUpperCase();
    this.routes = this.routes.filter(
      (r) => !(r.method === upper && sameSegments(r.segments, segments)),
    );
    if (checked.length > 0) this.routes.push({ method: upper, segments, faults: checked });
    if (seed !== undefined) this.random = seeded(seed);
  }

  /** The fault for this request, if one is drawn; `route` is the path after the version. */
  draw(method: string, route: string): DrawnFault | undefined {
    if (this.routes.length === 0) return undefined;
    const actual = route.split('/').filter((s) => s !== '');
    const rates = this.routes.find((r) => r.method === method && matches(r.segments, actual));
    if (rates === undefined) return undefined;
    let roll = this.random();
    for (const fault of rates.faults) {
      if (roll < fault.rate) {
        this.injected.set(fault.mode, (this.injected.get(fault.mode) ?? 0) + 1);
        return fault;
      }
      roll -= fault.rate;
    }
    return undefined;
  }

  /** How many faults of each mode were drawn since the last clear. */
  counts(): Record<EmulatorRandomFaultMode, number> {
    return Object.fromEntries(MODES.map((m) => [m, this.injected.get(m) ?? 0])) as Record<
      EmulatorRandomFaultMode,
      number
    >;
  }

  clear(): void {
    this.routes = [];
    this.random = Math.random;
    this.injected.clear();
  }
}

function sameSegments(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function matches(pattern: readonly (string | null)[], actual: readonly string[]): boolean {
  return pattern.length === actual.length && pattern.every((s, i) => s === null || s === actual[i]);
}
