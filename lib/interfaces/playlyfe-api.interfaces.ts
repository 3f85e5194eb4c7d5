/**
 * Response types of the Playlyfe v2 routes the typed API covers.
 * Metric values are strings on the wire (`"120"`): parse them with `Number()` where you need numbers.
 */
import type { PlaylyfeEvent } from './playlyfe-events.interfaces.js';
import type { PlaylyfeProfileTeam } from './playlyfe-game.interfaces.js';
import type {
  PlaylyfeChange,
  PlaylyfeMetricRef,
  PlaylyfeMetricType,
  PlaylyfeScore,
} from './playlyfe-scores.interfaces.js';

export type * from './playlyfe-events.interfaces.js';
export type * from './playlyfe-game.interfaces.js';
export type * from './playlyfe-scores.interfaces.js';

/** A page of a list route: `limit` items from `skip`, and the total count. */
export interface PlaylyfePage<T> {
  data: T[];
  total: number;
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
  teams: PlaylyfeProfileTeam[];
}

/** What creating a player answers: the profile, with `bootstrap`. */
export interface PlaylyfeCreatedPlayer extends PlaylyfePlayer {
  bootstrap?: boolean;
}

/** A player as `GET /runtime/players` lists it (keys *assumed* as the admin list's: none recorded). */
export type PlaylyfeRuntimePlayer = PlaylyfePlayerSummary;

/** A variable an action accepts when played. */
export interface PlaylyfeActionVariable {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
}

/**
 * A reward of an action. `value` is a number as a string or a variable reference
 * (`$vars['points']`); for a set metric, counts keyed by item (`{ "Hammer": "1" }`).
 */
export interface PlaylyfeReward {
  metric: PlaylyfeMetricRef;
  value: string | Record<string, string>;
  verb: 'add' | 'remove' | 'set';
  /** The chance the reward is given, 0 to 1. */
  probability?: number;
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

/**
 * What playing an action answers: every action of the game (not only the one played), and the
 * events: the action's, then the level-up and achievement events its rules caused.
 */
export interface PlaylyfePlayResult {
  actions: PlaylyfeAction[];
  events: { local: PlaylyfeEvent[]; global: PlaylyfeEvent[] };
}

/** A leaderboard definition. */
export interface PlaylyfeLeaderboardInfo {
  id: string;
  name: string;
  /** `players` or `teams`. */
  entity_type: string;
  cycles: string[];
  metric: PlaylyfeMetricRef;
  /** `game`, or a custom scope queried with `scope_id`. */
  scope?: { type: string };
}

/** One row of a leaderboard; `score` is a string. Team leaderboards rank `team` instead of `player`. */
export interface PlaylyfeLeaderboardEntry {
  player: { id: string; alias: string };
  score: string;
  rank: number;
}

/** One row of a team leaderboard. */
export interface PlaylyfeTeamLeaderboardEntry {
  team: { id: string; name: string };
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

/** A metric definition of the game, as `GET /runtime/definitions/metrics` answers it. */
export interface PlaylyfeMetricDefinition {
  id: string;
  name: string;
  type: PlaylyfeMetricType;
  description?: string;
  /** Compound metrics: the formula (`"$scores['xp'] + 1"`). */
  formula?: string;
  /** State metrics: the states by name. */
  states?: Record<string, { description: string }>;
  /** Set metrics: the items by name. */
  items?: Record<string, { description: string }>;
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
  /** The scope of a leaderboard with a custom scope. */
  scopeId?: string;
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
