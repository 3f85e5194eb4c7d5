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

/** A point metric of the emulated game. */
export interface EmulatorMetricSeed {
  id: string;
  name: string;
  description?: string;
  /** Starting value of the metric for every player. Default 0. */
  default?: number;
  /** Lowest value a reward can bring the metric to. */
  min?: number;
  /** Highest value a reward can bring the metric to. */
  max?: number;
}

/** A variable an action accepts when it is played. */
export interface EmulatorVariableSeed {
  name: string;
  type: 'int' | 'float' | 'string' | 'boolean';
  required?: boolean;
  default?: number | string | boolean;
}

/** A reward of an action: `value` is a number or a play-variable reference such as `$vars['points']`. */
export interface EmulatorRewardSeed {
  metric: string;
  verb: 'add' | 'remove' | 'set';
  value: number | string;
}

/** An action of the emulated game. */
export interface EmulatorActionSeed {
  id: string;
  name: string;
  description?: string;
  variables?: EmulatorVariableSeed[];
  rewards: EmulatorRewardSeed[];
  /** How many times one player may play it; further plays answer 429 `rate_limit_exceeded`. */
  playLimit?: number;
}

/** A leaderboard of players ranked by one metric. */
export interface EmulatorLeaderboardSeed {
  id: string;
  name: string;
  metric: string;
  /** Cycles it accepts; all of them rank the same scores. Default alltime, daily, weekly, monthly, yearly. */
  cycles?: string[];
}

/** A player present when the emulator starts. */
export interface EmulatorPlayerSeed {
  id: string;
  alias?: string;
  /** Starting scores by metric id; metrics not named start at their default. */
  scores?: Record<string, number>;
  enabled?: boolean;
}

/** The game the emulator serves: metrics, actions, leaderboards and players. */
export interface EmulatorGameSeed {
  metrics: EmulatorMetricSeed[];
  actions: EmulatorActionSeed[];
  leaderboards: EmulatorLeaderboardSeed[];
  players: EmulatorPlayerSeed[];
}

/** Options of the PlaylyfeEmulator. */
export interface EmulatorOptions {
  /** Clients accepted at the token endpoint. Default: the demo client with write access to every family. */
  clients?: EmulatorClientOptions[];
  /** The game served. Default: the demo game (DEMO_GAME). */
  game?: EmulatorGameSeed;
  /** Most entries kept in the request log. Default 10000. */
  logLimit?: number;
}

/** What an injected fault answers: a status with an optional body and headers, or `'drop'` (the socket is destroyed). */
export type EmulatorFault =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

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

/** A change of one metric made by a play. */
export interface EmulatorChange {
  metric: { id: string; name: string; type: 'point' };
  delta: { old: string; new: string };
}

/** A copy of one player's state, as returned by `emulator.player(id)`. */
export interface EmulatorPlayerState {
  id: string;
  alias: string;
  created: string;
  enabled: boolean;
  /** Scores by metric id, as numbers. */
  scores: Record<string, number>;
  /** Plays by action id. */
  plays: Record<string, number>;
  notifications: EmulatorNotification[];
}
