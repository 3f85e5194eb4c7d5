/**
 * Response types of the Playlyfe v2 routes the typed API covers.
 * Metric values are strings on the wire (`"120"`): parse them with `Number()` where you need numbers.
 */

/** A page of a list route: `limit` items from `skip`, and the total count. */
export interface PlaylyfePage<T> {
  data: T[];
  total: number;
}

/** A metric as referenced in scores, rewards and changes. */
export interface PlaylyfeMetricRef {
  id: string;
  name: string;
  type: string;
}

/** One score of a player; `value` is a string, as Playlyfe sends it. */
export interface PlaylyfeScore {
  metric: PlaylyfeMetricRef;
  value: string;
}

/** A player as listed by `GET /admin/players`. */
export interface PlaylyfePlayerSummary {
  id: string;
  alias: string;
  enabled: boolean;
}

/** A player's profile. */
export interface PlaylyfePlayer extends PlaylyfePlayerSummary {
  created: string;
  scores: PlaylyfeScore[];
  teams: unknown[];
}

/** A variable an action accepts when played. */
export interface PlaylyfeActionVariable {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
}

/** A reward of an action; `value` may be a number as a string or a variable reference (`$vars['points']`). */
export interface PlaylyfeReward {
  metric: PlaylyfeMetricRef;
  value: string;
  verb: 'add' | 'remove' | 'set';
}

/** An action a player can play. */
export interface PlaylyfeAction {
  id: string;
  name: string;
  description?: string;
  variables: PlaylyfeActionVariable[];
  rewards: PlaylyfeReward[];
  /** How often this player has played it. */
  count: number;
}

/** A change of one metric; `old` and `new` are strings. */
export interface PlaylyfeChange {
  metric: PlaylyfeMetricRef;
  delta: { old: string | null; new: string };
}

/** An event created by playing an action. */
export interface PlaylyfeEvent {
  id: string;
  event: string;
  actor: { id: string; alias: string };
  action: { id: string; name: string; vars: Record<string, unknown> };
  count: number;
  changes: PlaylyfeChange[];
  timestamp: string;
}

/** What playing an action answers. */
export interface PlaylyfePlayResult {
  actions: unknown[];
  events: { local: PlaylyfeEvent[]; global: PlaylyfeEvent[] };
}

/** A leaderboard definition. */
export interface PlaylyfeLeaderboardInfo {
  id: string;
  name: string;
  entity_type: string;
  cycles: string[];
  metric: PlaylyfeMetricRef;
}

/** One row of a leaderboard; `score` is a string. */
export interface PlaylyfeLeaderboardEntry {
  player: { id: string; alias: string };
  score: string;
  rank: number;
}

/** A notification of a player. */
export interface PlaylyfeNotification {
  id: string;
  seen: boolean;
  event: unknown;
  changes: PlaylyfeChange[];
  timestamp: string;
}

/** A metric definition of the game. */
export interface PlaylyfeMetricDefinition {
  id: string;
  name: string;
  type: string;
  [key: string]: unknown;
}

/** Paging of list routes. */
export interface PlaylyfePaging {
  limit?: number;
  skip?: number;
}

/** Query of a leaderboard. */
export interface PlaylyfeLeaderboardQuery extends PlaylyfePaging {
  /** `alltime` (default), `daily`, `weekly`, `monthly`, `yearly`. */
  cycle?: string;
  /** `relative` ranks around `entityId` within `radius`. */
  ranking?: 'relative';
  entityId?: string;
  radius?: number;
}

/** Time window of notifications (ISO 8601 strings or `Date`s), paged. */
export interface PlaylyfeNotificationQuery extends PlaylyfePaging {
  start?: string | Date;
  end?: string | Date;
}

/** What a front-end JWT allows and for how long. */
export interface PlaylyfeJwtOptions {
  playerId: string;
  /** Scopes such as `player.runtime.read` and `player.runtime.write`; default none. */
  scopes?: string[];
  /** Lifetime in seconds; default 3600. */
  expiresInSeconds?: number;
}
