import type { IncomingMessage, ServerResponse } from 'node:http';
import { ASSUMED_CORS } from './emulator-assumptions.js';
import { accessDenied } from './emulator-errors.js';
import { sendError } from './emulator-http.js';
import type { EmulatorResponder } from './emulator-respond.js';
import { redactedQuery } from './emulator-stats.js';

const TOKEN_PATH = '/auth/token';
const VERSION_PREFIX = '/v2';

/**
 * The origin a browser would send for `value` (`scheme://host[:port]`, lower-cased, default port
 * dropped); throws for anything that is not an http(s) origin, such as a URL with a path.
 */
export function checkOrigin(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    value.includes('?') ||
    value.includes('#')
  ) {
    throw new TypeError(
      `PlaylyfeEmulator: a CORS origin must look like http://host:port (got '${String(value)}')`,
    );
  }
  return url.origin;
}

/** Who may call the emulator's API from a browser: configured origins only, never the token endpoint. */
export class EmulatorCors {
  private origins: ReadonlySet<string> = new Set();

  constructor(
    origins: readonly string[],
    private readonly responder: EmulatorResponder,
  ) {
    this.set(origins);
  }

  /** Replaces the allowed origins. */
  set(origins: readonly string[]): void {
    if (!Array.isArray(origins)) {
      throw new TypeError('PlaylyfeEmulator: corsOrigins must be an array of origins');
    }
    this.origins = new Set(origins.map(checkOrigin));
  }

  /** The allowed origins, normalized. */
  list(): string[] {
    return [...this.origins];
  }

  /**
   * Answers a preflight and returns true; otherwise sets the CORS headers of the answer to come
   * (for an allowed origin) and returns false.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string, search: string): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    const allowed = this.origins.has(origin) && path !== TOKEN_PATH;
    const preflight =
      req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) {
      res.setHeader('vary', 'Origin');
      if (allowed) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('access-control-expose-headers', ASSUMED_CORS.exposedHeaders);
      }
      return false;
    }
    const refusal = allowed ? this.refusal(req) : 'This origin may not call this route';
    const status = refusal === undefined ? 204 : 403;
    res.setHeader('vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    if (refusal === undefined) {
      res.writeHead(204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': ASSUMED_CORS.methods.join(', '),
        'access-control-allow-headers': ASSUMED_CORS.headers.join(', '),
        'access-control-max-age': String(ASSUMED_CORS.maxAgeSeconds),
      });
      res.end();
    } else {
      sendError(res, accessDenied(`CORS: ${refusal}`));
    }
    const versioned = path === VERSION_PREFIX || path.startsWith(`${VERSION_PREFIX}/`);
    this.responder.stats.answered({
      kind: path === TOKEN_PATH ? 'token' : 'api',
      method: 'OPTIONS',
      route: versioned ? path.slice(VERSION_PREFIX.length) || '/' : path,
      query: redactedQuery(new URLSearchParams(search)),
      status,
      at: Date.now(),
    });
    return true;
  }

  /** Why a preflight of an allowed origin is refused, if it is. */
  private refusal(req: IncomingMessage): string | undefined {
    const method = String(req.headers['access-control-request-method']).toUpperCase();
    if (!ASSUMED_CORS.methods.includes(method)) return 'This method is not allowed';
    const requested = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== '');
    const known = ASSUMED_CORS.headers.map((h) => h.toLowerCase());
    if (requested.some((h) => !known.includes(h))) return 'A requested header is not allowed';
    return undefined;
  }
}
