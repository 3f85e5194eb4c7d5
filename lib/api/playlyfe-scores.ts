import type {
  PlaylyfeChange,
  PlaylyfeMetricType,
  PlaylyfeScore,
} from '../interfaces/playlyfe-scores.interfaces.js';

/** The score type of a metric kind (`'state'` → `PlaylyfeStateScore`). */
export type PlaylyfeScoreOf<T extends PlaylyfeMetricType> = Extract<
  PlaylyfeScore,
  { metric: { type: T } }
>;

/** The change type of a metric kind (`'set'` → `PlaylyfeSetChange`). */
export type PlaylyfeChangeOf<T extends PlaylyfeMetricType> = Extract<
  PlaylyfeChange,
  { metric: { type: T } }
>;

/** Narrows a score by its metric kind: `if (isPlaylyfeScore(s, 'state')) s.value.name`. */
export function isPlaylyfeScore<T extends PlaylyfeMetricType>(
  score: PlaylyfeScore,
  type: T,
): score is PlaylyfeScoreOf<T> {
  return score.metric.type === type;
}

/** Narrows a change by its metric kind: `if (isPlaylyfeChange(c, 'set')) c.delta['Hammer']`. */
export function isPlaylyfeChange<T extends PlaylyfeMetricType>(
  change: PlaylyfeChange,
  type: T,
): change is PlaylyfeChangeOf<T> {
  return change.metric.type === type;
}

/** The score of metric `metricId` if it is of kind `type`, else undefined. */
export function findPlaylyfeScore<T extends PlaylyfeMetricType>(
  scores: readonly PlaylyfeScore[],
  metricId: string,
  type: T,
): PlaylyfeScoreOf<T> | undefined {
  const score = scores.find((s) => s.metric.id === metricId);
  return score !== undefined && isPlaylyfeScore(score, type) ? score : undefined;
}
