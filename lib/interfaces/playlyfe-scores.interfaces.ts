/**
 * Metric kinds, scores and score changes as Playlyfe v2 sends them (recorded in
 * foton/playlyfe-ruby-client `test/stubbed_api/v2_expected_responses.rb`).
 * Numbers are strings on the wire (`"23"`); parse them with `Number()` where you need numbers.
 */

/** The four metric kinds: points, compound formulas, states (levels) and sets (badges, items). */
export type PlaylyfeMetricType = 'point' | 'compound' | 'state' | 'set';

/** A metric as referenced in scores, rewards and changes. */
export interface PlaylyfeMetricRef<T extends PlaylyfeMetricType = PlaylyfeMetricType> {
  id: string;
  name: string;
  type: T;
}

/** A point score: the number as a string (`"23"`). */
export interface PlaylyfePointScore {
  metric: PlaylyfeMetricRef<'point'>;
  value: string;
}

/** A compound score (a formula over other metrics): the number as a string. */
export interface PlaylyfeCompoundScore {
  metric: PlaylyfeMetricRef<'compound'>;
  value: string;
}

/** A state, such as a level. */
export interface PlaylyfeState {
  name: string;
  description: string;
}

/** A state score (a level): the current state, and the band of the base metric it covers. */
export interface PlaylyfeStateScore {
  metric: PlaylyfeMetricRef<'state'>;
  value: PlaylyfeState;
  meta: {
    /** Upper bound of the band on the base metric, as a string (`"Infinity"` for the top state). */
    high: string;
    /** Lower bound of the band, as a string. */
    low: string;
    /** The metric whose value drives the state. */
    base_metric: { id: string; name: string };
  };
}

/** An item of a set (a badge), with how many the player holds, as a string. */
export interface PlaylyfeSetItem {
  name: string;
  description: string;
  count: string;
}

/** A set score (badges, items): every item with its count. */
export interface PlaylyfeSetScore {
  metric: PlaylyfeMetricRef<'set'>;
  value: PlaylyfeSetItem[];
}

/**
 * One score of a player, discriminated by `metric.type`. TypeScript does not narrow a union on a
 * nested key: use `isPlaylyfeScore(score, 'state')` or `findPlaylyfeScore(scores, id, 'state')`.
 */
export type PlaylyfeScore =
  PlaylyfePointScore | PlaylyfeCompoundScore | PlaylyfeStateScore | PlaylyfeSetScore;

/** Old and new value of a change; `old` is `null` on a first change. Strings on the wire. */
export interface PlaylyfeDelta {
  old: string | null;
  new: string;
}

/** A change of a point metric. */
export interface PlaylyfePointChange {
  metric: PlaylyfeMetricRef<'point'>;
  delta: PlaylyfeDelta;
}

/** A change of a compound metric. */
export interface PlaylyfeCompoundChange {
  metric: PlaylyfeMetricRef<'compound'>;
  delta: PlaylyfeDelta;
}

/** A change of a state metric: `old` and `new` are state names (`"Journeyman"`). */
export interface PlaylyfeStateChange {
  metric: PlaylyfeMetricRef<'state'>;
  delta: PlaylyfeDelta;
}

/** A change of a set metric, keyed by item: `{ "Hammer": { old, new } }` (counts as strings). */
export interface PlaylyfeSetChange {
  metric: PlaylyfeMetricRef<'set'>;
  delta: Record<string, PlaylyfeDelta>;
}

/** A change of one metric, discriminated by `metric.type` (see `isPlaylyfeChange`). */
export type PlaylyfeChange =
  PlaylyfePointChange | PlaylyfeCompoundChange | PlaylyfeStateChange | PlaylyfeSetChange;
