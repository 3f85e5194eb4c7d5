/**
 * Game info, teams and activity windows (recorded in foton/playlyfe-ruby-client
 * `v2_expected_responses.rb`; what no source shows is marked *assumed*).
 */

/** The game a client belongs to. */
export interface PlaylyfeGame {
  id: string;
  title: string;
  description: string;
  timezone: string;
  type: string;
  template: string;
  listed: boolean;
  access: string;
  image: string;
  created: string;
}

/** What `GET /admin` answers: the API and the game. */
export interface PlaylyfeGameInfo {
  name: string;
  version: string;
  status: string;
  game: PlaylyfeGame;
}

/** A team definition (the template teams are created from). */
export interface PlaylyfeTeamDefinitionRef {
  id: string;
  name: string;
}

/** A team definition as `GET /runtime/definitions/teams` lists it (*assumed*: no answer recorded). */
export interface PlaylyfeTeamDefinition extends PlaylyfeTeamDefinitionRef {
  [key: string]: unknown;
}

/** A team. */
export interface PlaylyfeTeam {
  id: string;
  name: string;
  definition: PlaylyfeTeamDefinitionRef;
  access: string;
  created: string;
  game_id: string;
  owner: { id: string; alias: string };
  roles: string[];
}

/** A team as a player's profile lists it, with the player's roles in it. */
export interface PlaylyfeProfileTeam {
  id: string;
  name: string;
  definition: PlaylyfeTeamDefinitionRef;
  roles: string[];
}

/** A member of a team. */
export interface PlaylyfeTeamMember {
  id: string;
  alias: string;
}

/** The time window of an activity feed (ISO 8601 strings, `Date`s or epoch milliseconds). */
export interface PlaylyfeActivityWindow {
  start?: string | Date | number;
  end?: string | Date | number;
}

/** How to iterate a paged route to its end. */
export interface PlaylyfePageSize {
  /** Items per request; default 50 (*assumed* within Playlyfe's limits: no source states the maximum). */
  pageSize?: number;
}

/** How `activity$` polls a feed. */
export interface PlaylyfeActivityOptions {
  /** Milliseconds between the end of a poll and the next one; default 10000. */
  every?: number;
  /** Emit events from this time on (ISO 8601, `Date` or epoch ms); default: when subscribed. */
  since?: string | Date | number;
  /**
   * How far each window reaches back before the previous one ended, in ms; default 2000. Covers a
   * feed whose `start` is exclusive, events written late and client/server clock skew up to it;
   * events it brings back twice are recognised by id and not emitted again.
   */
  overlapMs?: number;
  /** Longest wait after failed polls (the wait doubles from `every` up to it); default 60000. */
  maxBackoffMs?: number;
  /** Consecutive failed polls after which the Observable errors; default unlimited. */
  maxFailures?: number;
  /**
   * The clock windows are measured on, in epoch ms; default `Date.now`. Playlyfe stamps events
   * with its own clock: a test on an emulator whose clock was moved passes `() => emulator.now().getTime()`.
   */
  clock?: () => number;
}
