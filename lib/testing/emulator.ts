import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorApiEndpoint } from './emulator-api.js';
import { EmulatorClock } from './emulator-clock.js';
import { EmulatorCors } from './emulator-cors.js';
import { DEFAULT_CLIENTS, EmulatorAuth } from './emulator-auth.js';
import { EmulatorFaults, TOKEN_SERVICE_UNAVAILABLE } from './emulator-faults.js';
import { EmulatorGame } from './emulator-game.js';
import { EmulatorQuota } from './emulator-quota.js';
import { EmulatorResponder } from './emulator-respond.js';
import { DEMO_GAME } from './emulator-seed.js';
import { EmulatorStatsRecorder } from './emulator-stats.js';
import { EmulatorTokenEndpoint } from './emulator-token-endpoint.js';
import type {
  EmulatorFault,
  EmulatorLogEntry,
  EmulatorOptions,
  EmulatorPlayerState,
  EmulatorRandomFault,
  EmulatorRandomFaultMode,
  EmulatorStats,
} from './emulator.types.js';

const HOST = '127.0.0.1';
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** A local Playlyfe: a real HTTP server on 127.0.0.1 that speaks the Playlyfe v2 API, for tests. */
export class PlaylyfeEmulator {
  private readonly auth: EmulatorAuth;
  private readonly faults = new EmulatorFaults();
  private readonly recorder: EmulatorStatsRecorder;
  private readonly responder: EmulatorResponder;
  private readonly game: EmulatorGame;
  private readonly clock: EmulatorClock;
  private readonly quota: EmulatorQuota;
  private readonly tokenEndpoint: EmulatorTokenEndpoint;
  private readonly api: EmulatorApiEndpoint;
  private readonly cors: EmulatorCors;
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private stopping: Promise<void> | undefined;

  constructor(options: EmulatorOptions = {}) {
    this.auth = new EmulatorAuth(options.clients ?? DEFAULT_CLIENTS);
    this.clock = new EmulatorClock(options.clockStart);
    this.quota = new EmulatorQuota(this.clock, options.apiCallLimit, options.apiCallWindowMs);
    this.game = new EmulatorGame(options.game ?? DEMO_GAME, this.clock, options.activityLimit);
    this.recorder = new EmulatorStatsRecorder(options.logLimit ?? 10_000);
    this.responder = new EmulatorResponder(this.recorder);
    this.tokenEndpoint = new EmulatorTokenEndpoint(this.auth, this.faults, this.responder);
    this.api = new EmulatorApiEndpoint(
      this.auth,
      this.faults,
      this.responder,
      this.game,
      this.quota,
    );
    this.cors = new EmulatorCors(options.corsOrigins ?? [], this.responder);
  }

  /** Listens on 127.0.0.1 (port 0: any free port) and resolves to the base URL. */
  async start(options: { port?: number } = {}): Promise<string> {
    if (this.server !== undefined) throw new Error('PlaylyfeEmulator is already started');
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new RangeError('PlaylyfeEmulator: port must be an integer between 0 and 65535');
    }
    const server = createServer((req, res) => this.onRequest(req, res));
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, HOST, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      this.server = undefined;
      throw error;
    }
    const address = server.address() as AddressInfo;
    this.baseUrl = `http://${HOST}:${address.port}`;
    return this.baseUrl;
  }

  /** The base URL (`http://127.0.0.1:<port>`): both the auth and the API base URL. */
  get url(): string {
    if (this.baseUrl === undefined) {
      throw new Error('PlaylyfeEmulator is not started: await emulator.start() first');
    }
    return this.baseUrl;
  }

  /** Closes the server and every open connection, keep-alive ones included. Idempotent. */
  stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return this.stopping ?? Promise.resolve();
    this.server = undefined;
    this.baseUrl = undefined;
    this.responder.cancelTimers();
    this.stopping = new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return this.stopping;
  }

  /** Sets the browser origins allowed to call the API (CORS, preflights included), replacing the list. */
  setCorsOrigins(origins: readonly string[]): void {
    this.cors.set(origins);
  }

  /** The browser origins allowed to call the API, normalized (`http://localhost:3000`). */
  get corsOrigins(): string[] {
    return this.cors.list();
  }

  /** Makes every token issued so far invalid (401 invalid_access_token). */
  revokeAllTokens(): void {
    this.auth.revokeAll();
  }

  /** Answers the next `count` token requests with a fault (default 503 service_unavailable). */
  failTokenRequests(count: number, response: EmulatorFault = TOKEN_SERVICE_UNAVAILABLE): void {
    this.faults.failTokenRequests(count, response);
  }

  /** While enabled, every API call with any token or JWT answers 401 invalid_access_token. */
  rejectAllTokens(enabled = true): void {
    this.faults.rejectAllTokens = enabled;
  }

  /** Delays the answer of every token request by `ms`. */
  setTokenLatency(ms: number): void {
    this.faults.setTokenLatency(ms);
  }

  /** Delays the answer of every API request by `ms`. */
  setApiLatency(ms: number): void {
    this.faults.setApiLatency(ms);
  }

  /** Answers the next `count` calls of `METHOD route` (path after `/v2`, no query) with a fault. */
  failRoute(method: string, route: string, count: number, response: EmulatorFault): void {
    this.faults.failRoute(method, route, count, response);
  }

  /**
   * Faults drawn at random for the calls of `METHOD route` (`:name` segments match any value, as in
   * `'/runtime/actions/:id/play'`): each call draws at most one, each mode at its `rate`. Replaces
   * the route's earlier list; `seed` makes the draws repeatable. `clearFaults` removes them.
   */
  setRandomFaults(
    method: string,
    route: string,
    faults: readonly EmulatorRandomFault[],
    options: { seed?: number } = {},
  ): void {
    this.faults.random.set(method, route, faults, options.seed);
  }

  /** How many random faults of each mode were injected since faults were last cleared. */
  get randomFaultsInjected(): Record<EmulatorRandomFaultMode, number> {
    return this.faults.random.counts();
  }

  /** Sets the lifetime (seconds, fractions allowed) of the tokens issued to a client from now on. */
  setTokenLifetime(clientId: string, seconds: number): void {
    this.auth.setLifetime(clientId, seconds);
  }

  /** Removes every injected fault and latency. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** A copy of the counters. */
  get stats(): EmulatorStats {
    return this.recorder.snapshot();
  }

  /** A copy of the request log, newest last; holds no token or secret. */
  get requestLog(): readonly EmulatorLogEntry[] {
    return this.recorder.entries();
  }

  /** Zeroes the counters and clears the request log. */
  resetStats(): void {
    this.recorder.reset();
  }

  /** A deep copy of a player's state, or undefined when there is no such player. */
  player(id: string): EmulatorPlayerState | undefined {
    return this.game.state(id);
  }

  /** Restores the game's seed: design, players and teams (plays, processes and events are dropped). */
  resetGame(): void {
    this.game.reset();
  }

  /** Moves the emulator's clock by `ms` (play-limit windows, timestamps, feeds): no test waits a day. */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  /** Sets the emulator's clock to a time; it keeps running from there. */
  setClock(time: Date | number): void {
    this.clock.set(time);
  }

  /** The emulator's current time. */
  now(): Date {
    return new Date(this.clock.now());
  }

  /**
   * Sets the plan's API call quota (undefined: unlimited), per window of `windowMs` of the
   * emulator's clock when given, and restarts the count.
   */
  setApiCallLimit(limit: number | undefined, options: { windowMs?: number } = {}): void {
    this.quota.reset(limit, options.windowMs);
  }

  /** API calls counted against the plan's quota since it was last set. */
  get apiCallsUsed(): number {
    return this.quota.callsUsed;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? '' : url.slice(q + 1);
    if (this.cors.handle(req, res, path, search)) return;
    const work =
      path === '/auth/token'
        ? this.tokenEndpoint.handle(req, res, search)
        : this.api.handle(req, res, path, search);
    work.catch(() => res.destroy());
  }
}
