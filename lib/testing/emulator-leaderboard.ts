import type { Metric, MetricRef } from './emulator-actions.js';
import { playerNotFound, validationException } from './emulator-errors.js';
import type { Player } from './emulator-game.js';
import { intParam, paging } from './emulator-params.js';
import type { EmulatorLeaderboardSeed } from './emulator.types.js';

const DEFAULT_CYCLES = ['alltime', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** A leaderboard as the game holds it. */
export interface Leaderboard {
  readonly id: string;
  readonly name: string;
  readonly metric: MetricRef;
  readonly cycles: readonly string[];
}

interface Ranked {
  player: { id: string; alias: string };
  score: string;
  rank: number;
}

/** Compiles a leaderboard seed; throws when it names an unknown metric. */
export function compileLeaderboard(
  seed: EmulatorLeaderboardSeed,
  metrics: Map<string, Metric>,
): Leaderboard {
  const metric = metrics.get(seed.metric);
  if (metric === undefined) {
    throw new Error(
      `PlaylyfeEmulator: leaderboard '${seed.id}' ranks unknown metric '${seed.metric}'`,
    );
  }
  const cycles = seed.cycles ?? [...DEFAULT_CYCLES];
  if (cycles.length === 0)
    throw new Error(`PlaylyfeEmulator: leaderboard '${seed.id}' has no cycle`);
  return { id: seed.id, name: seed.name, metric: metric.ref, cycles: [...cycles] };
}

/** The leaderboard as listed by GET /runtime/leaderboards. */
export function leaderboardView(board: Leaderboard): Record<string, unknown> {
  return {
    id: board.id,
    name: board.name,
    entity_type: 'players',
    cycles: [...board.cycles],
    metric: board.metric,
  };
}

/**
 * Ranks players by the leaderboard's metric, highest first, ties by player id; `rank` is 1-based.
 * Every cycle ranks the same scores. `ranking=relative` answers the `radius` (default 2) players
 * on each side of `entity_id` (default: the calling player); otherwise `limit`/`skip` page it.
 */
export function rankPlayers(
  board: Leaderboard,
  players: readonly Player[],
  query: URLSearchParams,
  callerId: string,
): { data: Ranked[]; total: number } {
  const cycle = query.get('cycle') ?? 'alltime';
  if (!board.cycles.includes(cycle)) {
    throw validationException(`Unknown cycle '${cycle}'`, { cycle, cycles: board.cycles });
  }
  const metricId = board.metric.id;
  const ordered = players
    .map((player) => ({ player, score: player.scores.get(metricId) ?? 0 }))
    .sort((a, b) => b.score - a.score || (a.player.id < b.player.id ? -1 : 1));
  const rankedAt = (from: number, to: number): Ranked[] =>
    ordered.slice(from, to).map((entry, i) => ({
      player: { id: entry.player.id, alias: entry.player.alias },
      score: String(entry.score),
      rank: from + i + 1,
    }));

  const ranking = query.get('ranking');
  if (ranking === 'relative') {
    const entityId = query.get('entity_id') ?? callerId;
    const radius = intParam(query, 'radius', 2);
    const at = ordered.findIndex((entry) => entry.player.id === entityId);
    if (at < 0) throw playerNotFound();
    return { data: rankedAt(Math.max(0, at - radius), at + radius + 1), total: ordered.length };
  }
  if (ranking !== null && ranking !== 'absolute') {
    throw validationException("The ranking parameter must be 'relative' or 'absolute'", {
      ranking,
    });
  }
  const { limit, skip } = paging(query);
  return { data: rankedAt(skip, skip + limit), total: ordered.length };
}
