/** A point metric: a number, shown as a string (`"23"`). */
export interface EmulatorPointMetricSeed {
  id: string;
  name: string;
  type?: 'point';
  description?: string;
  /** Starting value of the metric for every player. Default 0. */
  default?: number;
  /** Lowest value a reward can bring the metric to. */
  min?: number;
  /** Highest value a reward can bring the metric to. */
  max?: number;
}

/** A state metric (a level): its state follows a base point metric along a ladder. */
export interface EmulatorStateMetricSeed {
  id: string;
  name: string;
  type: 'state';
  description?: string;
  /** The point metric whose value picks the state. */
  base: string;
  /** The ladder, lowest first: a state holds from its `min` up to the next state's `min`. */
  states: { name: string; description?: string; min: number }[];
}

/** A set metric (badges, items): a count per item, shown as strings. */
export interface EmulatorSetMetricSeed {
  id: string;
  name: string;
  type: 'set';
  description?: string;
  items: { name: string; description?: string }[];
}

/**
 * A compound metric, computed from other scores by a linear formula such as
 * `$scores['xp'] + 10 * $scores['stars']` (a set item: `$scores['badges']['Star']`).
 */
export interface EmulatorCompoundMetricSeed {
  id: string;
  name: string;
  type: 'compound';
  description?: string;
  formula: string;
}

/** A metric of the emulated game: point (the default type), state, set or compound. */
export type EmulatorMetricSeed =
  | EmulatorPointMetricSeed
  | EmulatorStateMetricSeed
  | EmulatorSetMetricSeed
  | EmulatorCompoundMetricSeed;

/** A variable an action accepts when it is played. */
export interface EmulatorVariableSeed {
  name: string;
  type: 'int' | 'float' | 'string' | 'boolean';
  required?: boolean;
  default?: number | string | boolean;
}

/**
 * A reward. On a point metric `value` is a number or a play-variable reference such as
 * `$vars['points']`; on a set metric it is the item counts, `{ "Hammer": 1 }`.
 */
export interface EmulatorRewardSeed {
  metric: string;
  verb: 'add' | 'remove' | 'set';
  value: number | string | Record<string, number>;
  /** Chance the reward is given on a play, 0 to 1. Default 1. */
  probability?: number;
}

/** How often an action may be played: `times` per calendar `every` (UTC). */
export interface EmulatorPlayLimit {
  times: number;
  every: 'hour' | 'day' | 'week' | 'month';
}

/** An action of the emulated game. */
export interface EmulatorActionSeed {
  id: string;
  name: string;
  description?: string;
  variables?: EmulatorVariableSeed[];
  rewards: EmulatorRewardSeed[];
  /**
   * Plays allowed per player per time window; further plays answer 429 `rate_limit_exceeded`.
   * A number means that many times every day.
   */
  playLimit?: number | EmulatorPlayLimit;
}

/** A leaderboard ranking players (or teams) by one metric. */
export interface EmulatorLeaderboardSeed {
  id: string;
  name: string;
  metric: string;
  /** Cycles it accepts; all of them rank the same scores. Default alltime, daily, weekly, monthly, yearly. */
  cycles?: string[];
  /** `teams` ranks teams by the sum of their members' scores. Default `players`. */
  entityType?: 'players' | 'teams';
  /** `custom` ranks the scores earned by plays carrying a scope; it takes `scope_id`. Default `game`. */
  scope?: 'game' | 'custom';
}

/**
 * A rule. `level` moves a state metric along its ladder when its base metric changes (a `level`
 * event); `achievement` gives its rewards once to a player whose `metric` reaches `min` (an
 * `achievement` event); `custom` gives its rewards when run through POST /admin/rules/:id.
 */
export type EmulatorRuleSeed =
  | { id: string; name: string; type: 'level'; metric: string }
  | {
      id: string;
      name: string;
      type: 'achievement';
      requires: { metric: string; min: number };
      rewards: EmulatorRewardSeed[];
    }
  | { id: string; name: string; type: 'custom'; rewards: EmulatorRewardSeed[] };

/** A kind of team, with the roles its members can hold. */
export interface EmulatorTeamDefinitionSeed {
  id: string;
  name: string;
  roles: string[];
}

/** A team present when the emulator starts. */
export interface EmulatorTeamSeed {
  id: string;
  name: string;
  definition: string;
  owner: string;
  members: { player: string; roles: string[] }[];
  access?: 'PRIVATE' | 'PUBLIC';
}

/** A player present when the emulator starts. */
export interface EmulatorPlayerSeed {
  id: string;
  alias?: string;
  /** Starting point scores by metric id; metrics not named start at their default. */
  scores?: Record<string, number>;
  /** Starting item counts by set metric id. */
  items?: Record<string, Record<string, number>>;
  enabled?: boolean;
}

/** What GET /admin tells about the game. */
export interface EmulatorGameInfoSeed {
  id: string;
  title: string;
  description?: string;
  timezone?: string;
}

/** The game the emulator serves. Only metrics, actions, leaderboards and players are required. */
export interface EmulatorGameSeed {
  info?: EmulatorGameInfoSeed;
  metrics: EmulatorMetricSeed[];
  actions: EmulatorActionSeed[];
  leaderboards: EmulatorLeaderboardSeed[];
  rules?: EmulatorRuleSeed[];
  teamDefinitions?: EmulatorTeamDefinitionSeed[];
  teams?: EmulatorTeamSeed[];
  /** Kinds of runtime processes players can start. */
  processDefinitions?: { id: string; name: string }[];
  players: EmulatorPlayerSeed[];
}
