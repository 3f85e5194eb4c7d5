/**
 * Events of play answers and activity feeds, discriminated by `event`. Recorded in
 * foton/playlyfe-ruby-client (`v2_expected_responses.rb`: play answer, player and game feeds,
 * level-up, achievement and team events); kinds marked *assumed* are named by that gem's event
 * classes but no answer of them was recorded.
 */
import type { PlaylyfeChange } from './playlyfe-scores.interfaces.js';

/** Who caused an event. */
export interface PlaylyfeActor {
  id: string;
  alias: string;
}

/** A scope an event was played in (a custom leaderboard scope); *assumed* shape. */
export interface PlaylyfeEventScope {
  id: string;
  entity_id?: string;
}

interface PlaylyfeEventBase {
  id: string;
  /** ISO 8601, millisecond precision. Events of one play share it. */
  timestamp: string;
  /** Present in play answers and the game feed; absent in a player's own feed. */
  actor?: PlaylyfeActor;
}

/** An action was played. */
export interface PlaylyfeActionEvent extends PlaylyfeEventBase {
  event: 'action';
  action: { id: string; name: string; vars: Record<string, unknown> };
  count: number;
  changes: PlaylyfeChange[];
  scopes: PlaylyfeEventScope[];
}

/** A rule moved a player to another state (level up or down); the changes are state changes. */
export interface PlaylyfeLevelEvent extends PlaylyfeEventBase {
  event: 'level';
  changes: PlaylyfeChange[];
  rule: { id: string };
}

/** A rule awarded something (a badge: a set change keyed by item). */
export interface PlaylyfeAchievementEvent extends PlaylyfeEventBase {
  event: 'achievement';
  changes: PlaylyfeChange[];
  rule: { id: string };
}

/** A custom rule was executed for the player (*assumed* shape beyond `rule.id`). */
export interface PlaylyfeCustomRuleEvent extends PlaylyfeEventBase {
  event: 'custom_rule';
  changes: PlaylyfeChange[];
  rule: { id: string; name?: string };
  scopes?: PlaylyfeEventScope[];
}

/** An admin changed the player's scores (*assumed* shape). */
export interface PlaylyfeScoreEvent extends PlaylyfeEventBase {
  event: 'score';
  changes: PlaylyfeChange[];
}

/** An event of one player: what a play answers, and what player feeds carry besides team events. */
export type PlaylyfeEvent =
  | PlaylyfeActionEvent
  | PlaylyfeLevelEvent
  | PlaylyfeAchievementEvent
  | PlaylyfeCustomRuleEvent
  | PlaylyfeScoreEvent;

/** The kinds of team events. */
export type PlaylyfeTeamEventType =
  | 'create'
  | 'delete'
  | 'join'
  | 'join:request'
  | 'join:request:accept'
  | 'join:request:reject'
  | 'leave'
  | 'role:change'
  | 'role:assign'
  | 'role:request'
  | 'role:request:accept'
  | 'invite'
  | 'invite:accept'
  | 'invite:reject'
  | 'kick'
  | 'transfer';

/** Something happened to a team (created, joined, invite accepted...). */
export interface PlaylyfeTeamEvent extends PlaylyfeEventBase {
  event: PlaylyfeTeamEventType;
  /** Absent in the team's own feed. */
  team?: { id: string; name: string };
  /** The other player of two-player events, under the key the kind uses. */
  inviter?: PlaylyfeActor;
  invitee?: PlaylyfeActor;
  player?: PlaylyfeActor;
  new_owner?: PlaylyfeActor;
  /** Roles granted, `{ "Private": true }`. */
  roles?: Record<string, boolean>;
  /** Role changes, keyed by role. */
  changes?: Record<string, { old: boolean; new: boolean }>;
}

/** An event of an activity feed (game, player or team). */
export type PlaylyfeActivityEvent = PlaylyfeEvent | PlaylyfeTeamEvent;
