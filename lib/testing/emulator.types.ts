import type { EmulatorGameSeed } from './emulator-seed.types.js';

export type * from './emulator-seed.types.js';

/** Access a client has to one route family: `read` allows GET, `write` allows every method. */
export type EmulatorRouteAccess = 'read' | 'write' | 'none';

/** The three route families of the Playlyfe API. */
export type EmulatorRouteFamily = 'admin' | 'design' | 'runtime';

/** A client (id and secret) the emulator accepts at its token endpoint. */
export interface EmulatorClientOptions {
  id: string;
  secret: string;
  /** Route families the client may call; omitted families default to runtime `write`, others `none`. */
  routes?: Partial<Record<EmulatorRouteFamily, EmulatorRouteAccess>>;
  /** Lifetime of the tokens issued to this client, in seconds (fractions allowed). Default 3600. */
  tokenLifetimeSeconds?: number;
}

/** Options of the PlaylyfeEmulator. */
export interface EmulatorOptions {
  /** Clients accepted at the token endpoint. Default: the demo client with write access to every family. */
  clients?: EmulatorClientOptions[];
  /** The game served. Default: the demo game (DEMO_GAME). */
  game?: EmulatorGameSeed;
  /** Most entries kept in the request log. Default 10000. */
  logLimit?: number;
  /**
   * API calls the plan allows; once spent, every API call answers 429 `plan_limit_exceeded`.
   * Default: unlimited. `setApiCallLimit` changes it and restarts the count.
   */
  apiCallLimit?: number;
  /**
   * When set, the plan's quota is `apiCallLimit` calls per window of this many ms of the emulator's
   * clock; a call over it answers plan_limit_exceeded with `Retry-After` (assumed). Default: no window.
   */
  apiCallWindowMs?: number;
  /** Most events the activity log keeps, oldest dropped first. Default 10000. */
  activityLimit?: number;
  /** Where the emulator's clock starts (timestamps, play-limit windows, feeds). Default: now. */
  clockStart?: Date | number;
  /**
   * Browser origins (`http://localhost:3000`) allowed to call the API routes directly, as a page
   * with a front-end JWT does: CORS headers and preflights for these only, never for the token
   * endpoint. Default: none. `setCorsOrigins` changes it.
   */
  corsOrigins?: string[];
}

/** What an injected fault answers: a status with an optional body and headers, or `'drop'` (the socket is destroyed). */
export type EmulatorFault =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

/**
 * A fault drawn at random for a route: `drop-after-apply` applies the call then destroys the
 * connection; `error-after-apply` applies it then answers 503; `drop-before-apply` destroys the
 * connection without applying; `stall-after-apply` applies it then holds the answer `stallMs`
 * (past the client's timeout). Calls that fail (validation, limits) are answered as usual.
 */
export type EmulatorRandomFaultMode =
  'drop-after-apply' | 'error-after-apply' | 'drop-before-apply' | 'stall-after-apply';

/** One random fault of a route: its mode and the share (0 to 1) of calls it hits. */
export interface EmulatorRandomFault {
  mode: EmulatorRandomFaultMode;
  rate: number;
  /** How long `stall-after-apply` holds the answer. Default 10000. */
  stallMs?: number;
}

/** Counters of what the emulator served since it was created or last reset. */
export interface EmulatorStats {
  /** Every POST /auth/token received, whatever the outcome. */
  tokenRequests: number;
  tokensIssued: number;
  /** Every request other than the token endpoint. */
  apiRequests: number;
  /** API answers with status 401. */
  unauthorized: number;
  /** API requests by `'METHOD /route'` (path after the version, no query). */
  byRoute: Record<string, number>;
  /** Answers (token and API) by status; a dropped connection counts as `'dropped'`. */
  byStatus: Record<string, number>;
}

/** One request the emulator answered; never holds a token or a secret. */
export interface EmulatorLogEntry {
  /** When it was answered (Date.now()). */
  at: number;
  kind: 'token' | 'api';
  method: string;
  /** Path after `/v2`, or `/auth/token`. */
  route: string;
  /** Decoded query; `access_token`, `jwt` and `client_secret` are replaced by `'[redacted]'`. */
  query: Record<string, string>;
  /** Status answered; 0 when the connection was dropped. */
  status: number;
  clientId?: string;
  /** 1-based sequence number of the token used or issued. */
  tokenSeq?: number;
  /** How the call authenticated. */
  auth?: 'query' | 'header' | 'jwt';
}

/** A notification the emulator created for a player. */
export interface EmulatorNotification {
  id: string;
  seen: boolean;
  event: 'action';
  actor: { id: string; alias: string };
  action: { id: string; name: string; vars: Record<string, unknown> };
  changes: EmulatorChange[];
  timestamp: string;
}

/** The `{id, name, type}` of a metric, as answers embed it. */
export interface EmulatorMetricRef {
  id: string;
  name: string;
  type: 'point' | 'state' | 'set' | 'compound';
}

/**
 * A change of one metric. `old` is null on the player's first change of the metric; a set
 * metric's delta is keyed by item: `{ "Hammer": { old, new } }`.
 */
export interface EmulatorChange {
  metric: EmulatorMetricRef;
  delta: { old: string | null; new: string } | Record<string, { old: string | null; new: string }>;
}

/** A copy of one player's state, as returned by `emulator.player(id)`. */
export interface EmulatorPlayerState {
  id: string;
  alias: string;
  created: string;
  enabled: boolean;
  /** Point scores by metric id, as numbers. */
  scores: Record<string, number>;
  /** Item counts by set metric id. */
  items: Record<string, Record<string, number>>;
  /** The state (level name) held, by state metric id. */
  states: Record<string, string>;
  /** Plays by action id, since the player was created. */
  plays: Record<string, number>;
  notifications: EmulatorNotification[];
}
