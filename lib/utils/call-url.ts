import { ACCESS_TOKEN_PARAM, PLAYER_ID_PARAM } from '../playlyfe.constants.js';
import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeRequestOptions } from '../interfaces/playlyfe-request-options.interface.js';

function badInput(message: string, method: string, route: string): PlaylyfeError {
  return new PlaylyfeError(message, { code: 'invalid_argument', method, route: safeRoute(route) });
}

/** A route as it may appear in an error: its path only, never a query string. */
export function safeRoute(route: unknown): string {
  return typeof route === 'string' ? route.split(/[?#]/, 1)[0] : String(typeof route);
}

/** Checks a route is a path after the version (`/runtime/player`): leading `/`, no dot segment (even encoded), no query, no fragment. */
export function validateRoute(route: unknown, method: string): string {
  if (typeof route !== 'string' || !route.startsWith('/') || route.startsWith('//')) {
    throw badInput(
      'Playlyfe route must be a path that starts with a single "/", such as /runtime/player',
      method,
      String(route),
    );
  }
  if (route.includes('?') || route.includes('#')) {
    throw badInput(
      'Playlyfe route must not carry a query string or fragment: pass `query` instead',
      method,
      route,
    );
  }
  if (/[\s\\]/.test(route) || route.split('/').some(isDotSegment)) {
    throw badInput(
      'Playlyfe route must not contain whitespace, backslashes or "." / ".." segments (encoded or not)',
      method,
      route,
    );
  }
  return route;
}

/**
 * A segment the URL parser reads as `.` or `..` (WHATWG URL: `%2e` counts as a dot, in any case),
 * which would take the call out of the API's `/v2` prefix. Only `%2e` is decoded: an encoded `/`
 * stays part of its segment.
 */
function isDotSegment(segment: string): boolean {
  const dots = segment.replace(/%2e/gi, '.');
  return dots === '.' || dots === '..';
}

/** Builds `{apiUrl}{route}?{query}&player_id=...` without touching the caller's objects. */
export function buildCallUrl(
  apiUrl: string,
  route: string,
  method: string,
  options: PlaylyfeRequestOptions | undefined,
): string {
  const query = options?.query;
  if (query === undefined) {
    const playerId = checkedPlayerId(options?.playerId, method, route);
    if (playerId === undefined) return `${apiUrl}${route}`;
    // The common call: no query, a plain id that URLSearchParams would leave as it is.
    if (URL_SAFE.test(playerId)) return `${apiUrl}${route}?${PLAYER_ID_PARAM}=${playerId}`;
  }
  const params = new URLSearchParams();
  if (query !== undefined) {
    if (query === null || typeof query !== 'object')
      throw badInput('`query` must be an object', method, route);
    try {
      appendQuery(params, query, method, route);
    } catch (error) {
      if (error instanceof PlaylyfeError) throw error;
      // A getter, a proxy or a toString() of the caller's that threw: their text stays out.
      throw badInput('`query` could not be read (a getter or toString() threw)', method, route);
    }
  }
  const playerId = checkedPlayerId(options?.playerId, method, route);
  if (playerId !== undefined) params.set(PLAYER_ID_PARAM, playerId);
  const search = params.toString();
  return search === '' ? `${apiUrl}${route}` : `${apiUrl}${route}?${search}`;
}

function appendQuery(params: URLSearchParams, query: object, method: string, route: string): void {
  for (const [key, value] of Object.entries(query)) {
    if (key === ACCESS_TOKEN_PARAM)
      throw badInput('`query` must not set access_token: the module attaches it', method, route);
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly unknown[]) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
}

/** Characters URLSearchParams never escapes. */
const URL_SAFE = /^[\w.*-]+$/;

function checkedPlayerId(playerId: unknown, method: string, route: string): string | undefined {
  if (playerId === undefined) return undefined;
  if (typeof playerId !== 'string' || playerId === '') {
    throw badInput('`playerId` must be a non-empty string', method, route);
  }
  return playerId;
}
