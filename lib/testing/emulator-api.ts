import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorAuth, EmulatorClient } from './emulator-auth.js';
import {
  accessDenied,
  invalidAccessToken,
  invalidPlayer,
  playerNotFound,
  routeNotFound,
} from './emulator-errors.js';
import type { EmulatorFaults } from './emulator-faults.js';
import type { EmulatorGame, Player } from './emulator-game.js';
import { parseJsonBody, readBody } from './emulator-http.js';
import { verifyPlayerJwt, type PlayerJwtClaims } from './emulator-jwt.js';
import type { EmulatorQuota } from './emulator-quota.js';
import type { EmulatorResponder } from './emulator-respond.js';
import { EmulatorRouter, familyOf, splitPath } from './emulator-router.js';
import { ROUTES } from './emulator-routes.js';
import { redactedQuery } from './emulator-stats.js';
import type { EmulatorLogEntry, EmulatorRouteFamily } from './emulator.types.js';

type Draft = {
  -readonly [K in keyof Omit<EmulatorLogEntry, 'status' | 'at'>]: EmulatorLogEntry[K];
};

/** Who is calling: a client with an access token, or a front end with a player JWT. */
type Caller = { kind: 'token'; client: EmulatorClient } | { kind: 'jwt'; claims: PlayerJwtClaims };

const VERSION_PREFIX = '/v2';
const READ_SCOPE = 'player.runtime.read';
const WRITE_SCOPE = 'player.runtime.write';

/** Every route under `/v2`: authentication, route families, the acting player, then the handler. */
export class EmulatorApiEndpoint {
  private readonly router = new EmulatorRouter(ROUTES);

  constructor(
    private readonly auth: EmulatorAuth,
    private readonly faults: EmulatorFaults,
    private readonly responder: EmulatorResponder,
    private readonly game: EmulatorGame,
    private readonly quota: EmulatorQuota,
  ) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    search: string,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const versioned = path === VERSION_PREFIX || path.startsWith('/v2/');
    const route = versioned ? path.slice(VERSION_PREFIX.length) || '/' : path;
    const query = new URLSearchParams(search);
    const entry: Draft = { kind: 'api', method, route, query: redactedQuery(query) };
    this.responder.stats.apiRequest(`${method} ${route}`);
    try {
      const text = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      if (this.faults.apiLatencyMs > 0) await this.responder.delay(this.faults.apiLatencyMs);
      const fault = this.faults.nextRouteFault(`${method} ${route}`);
      if (fault !== undefined) {
        this.responder.fault(req, res, entry, fault);
        return;
      }
      const drawn = this.faults.random.draw(method, route);
      if (drawn?.mode === 'drop-before-apply') {
        this.responder.fault(req, res, entry, 'drop');
        return;
      }
      const caller = this.authenticate(req, query, entry);
      this.quota.spend();
      const segments = versioned ? splitPath(route) : undefined;
      const family = segments === undefined ? undefined : familyOf(segments);
      if (segments === undefined || family === undefined) throw routeNotFound();
      this.checkAccess(caller, family, method);
      const match = this.router.match(method, segments);
      if (match === undefined) throw routeNotFound();
      const player = family === 'runtime' ? this.actingPlayer(caller, query) : undefined;
      const body = text === '' ? {} : parseJsonBody(text);
      const result = match.handler({ game: this.game, params: match.params, query, body, player });
      if (drawn !== undefined && (await this.responder.afterApply(req, res, entry, drawn))) return;
      this.responder.answer(res, entry, 200, result);
    } catch (error) {
      this.responder.fail(res, entry, error);
    }
  }

  /** Finds the caller's credentials: `?access_token`, `Authorization: Bearer`, then `?jwt`. */
  private authenticate(req: IncomingMessage, query: URLSearchParams, entry: Draft): Caller {
    let token = query.get('access_token');
    if (token !== null) entry.auth = 'query';
    else {
      const header = req.headers.authorization;
      if (
        header !== undefined &&
        header.length > 7 &&
        header.slice(0, 7).toLowerCase() === 'bearer '
      ) {
        token = header.slice(7).trim();
        entry.auth = 'header';
      }
    }
    if (token !== null) {
      const record = this.auth.lookup(token);
      if (record !== undefined) {
        entry.clientId = record.clientId;
        entry.tokenSeq = record.seq;
      }
      if (this.faults.rejectAllTokens) throw invalidAccessToken('The access token was rejected');
      const client = record === undefined ? undefined : this.auth.client(record.clientId);
      if (client === undefined) {
        throw invalidAccessToken('The access token is invalid, revoked or expired');
      }
      return { kind: 'token', client };
    }
    const jwt = query.get('jwt');
    if (jwt !== null) {
      entry.auth = 'jwt';
      if (this.faults.rejectAllTokens) throw invalidAccessToken('The access token was rejected');
      const claims = verifyPlayerJwt(jwt, this.auth);
      entry.clientId = claims.clientId;
      return { kind: 'jwt', claims };
    }
    throw invalidAccessToken('An access token is required');
  }

  /** Route families for clients; runtime-only, scope-checked access for player JWTs. */
  private checkAccess(caller: Caller, family: EmulatorRouteFamily, method: string): void {
    const reading = method === 'GET' || method === 'HEAD';
    if (caller.kind === 'jwt') {
      if (family !== 'runtime') throw accessDenied('A player jwt may only call runtime routes');
      const scope = reading ? READ_SCOPE : WRITE_SCOPE;
      if (!caller.claims.scopes.includes(scope)) {
        throw accessDenied(`The jwt lacks the scope ${scope}`);
      }
      return;
    }
    const access = caller.client.routes[family];
    if (access === 'none' || (access === 'read' && !reading)) throw accessDenied();
  }

  /** The player named by `player_id` (a JWT's own player when absent from a JWT call). */
  private actingPlayer(caller: Caller, query: URLSearchParams): Player {
    let id = query.get('player_id');
    if (caller.kind === 'jwt') {
      if (id === null || id === '') id = caller.claims.playerId;
      else if (id !== caller.claims.playerId) {
        throw accessDenied('A player jwt may only act on its own player');
      }
    }
    if (id === null || id === '') throw invalidPlayer();
    const player = this.game.players.get(id);
    if (player === undefined) throw playerNotFound();
    return player;
  }
}
