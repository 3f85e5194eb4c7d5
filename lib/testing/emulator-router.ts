import type { EmulatorGame, Player } from './emulator-game.js';
import type { EmulatorRouteFamily } from './emulator.types.js';

/** What a route handler receives. */
export interface RouteContext {
  readonly game: EmulatorGame;
  /** Path parameters, in the order of the pattern's `:name` segments. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  /** The parsed JSON body; `{}` for GET. */
  readonly body: unknown;
  /** The acting player of a runtime route; undefined on admin and design routes. */
  readonly player: Player | undefined;
}

/** A route handler: returns the JSON answer (status 200) or throws an EmulatorApiError. */
export type RouteHandler = (ctx: RouteContext) => unknown;

/** One route: `'GET /runtime/actions/:id/play'`. */
export interface RouteDefinition {
  readonly route: string;
  readonly handler: RouteHandler;
}

interface CompiledRoute {
  readonly method: string;
  /** Segments after the family; null marks a parameter. */
  readonly segments: readonly (string | null)[];
  readonly handler: RouteHandler;
}

/** A matched route. */
export interface RouteMatch {
  readonly family: EmulatorRouteFamily;
  readonly handler: RouteHandler;
  readonly params: string[];
}

const FAMILIES: ReadonlySet<string> = new Set(['admin', 'design', 'runtime']);

/** The route family a path (after the version) belongs to, if any. */
export function familyOf(segments: readonly string[]): EmulatorRouteFamily | undefined {
  const first = segments[0];
  return first !== undefined && FAMILIES.has(first) ? (first as EmulatorRouteFamily) : undefined;
}

/** Splits a path into decoded segments; undefined when a segment is not valid percent-encoding. */
export function splitPath(path: string): string[] | undefined {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    if (!raw.includes('%')) {
      out.push(raw);
      continue;
    }
    try {
      out.push(decodeURIComponent(raw));
    } catch {
      return undefined;
    }
  }
  return out;
}

/** Matches method and path segments against route patterns compiled once. */
export class EmulatorRouter {
  private readonly byFamily = new Map<string, CompiledRoute[]>();

  constructor(definitions: readonly RouteDefinition[]) {
    for (const { route, handler } of definitions) {
      const [method, path] = route.split(' ') as [string, string];
      const [family, ...rest] = path.split('/').filter((s) => s !== '') as [string, ...string[]];
      const segments = rest.map((s) => (s.startsWith(':') ? null : s));
      const list = this.byFamily.get(family) ?? [];
      list.push({ method, segments, handler });
      this.byFamily.set(family, list);
    }
  }

  /** The route for a method and the path segments (family first), or undefined. */
  match(method: string, segments: readonly string[]): RouteMatch | undefined {
    const family = familyOf(segments);
    if (family === undefined) return undefined;
    const routes = this.byFamily.get(family);
    if (routes === undefined) return undefined;
    const count = segments.length - 1;
    outer: for (const route of routes) {
      if (route.method !== method || route.segments.length !== count) continue;
      const params: string[] = [];
      for (let i = 0; i < count; i++) {
        const expected = route.segments[i];
        const actual = segments[i + 1];
        if (expected === null) params.push(actual);
        else if (expected !== actual) continue outer;
      }
      return { family, handler: route.handler, params };
    }
    return undefined;
  }
}
