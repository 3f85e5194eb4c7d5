import { notFound, playerNotFound, validationException } from './emulator-errors.js';
import type { Metric, MetricRef } from './emulator-metrics.js';
import type { Player } from './emulator-player.js';
import { intParam, paging } from './emulator-params.js';
import type { EmulatorLeaderboardSeed } from './emulator-seed.types.js';
import type { Team } from './emulator-teams.js';

const DEFAULT_CYCLES = ['alltime', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** A leaderboard as the game holds it. */
export interface Leaderboard {
  readonly id: string;
  readonly name: string;
  readonly metric: MetricRef;
  readonly cycles: readonly string[];
  readonly entityType: 'players' | 'teams';
  readonly scope: 'game' | 'custom';
}

/** Compiles a leaderboard seed; throws when it names an unknown or non-point metric. */
export function compileLeaderboard(
  seed: EmulatorLeaderboardSeed,
  metrics: ReadonlyMap<string, Metric>,
): Leaderboard {
  const metric = metrics.get(seed.metric);
  if (metric?.kind !== 'point') {
    throw new Error(
      `PlaylyfeEmulator: leaderboard '${seed.id}' ranks unknown metric '${seed.metric}' (a point metric is needed)`,
    );
  }
  const cycles = seed.cycles ?? [...DEFAULT_CYCLES];
  if (cycles.length === 0)
    throw new Error(`PlaylyfeEmulator: leaderboard '${seed.id}' has no cycle`);
  return {
    id: seed.id,
    name: seed.name,
    metric: metric.ref,
    cycles: [...cycles],
    entityType: seed.entityType ?? 'players',
    scope: seed.scope ?? 'game',
  };
}

/** The leaderboard as listed by GET /runtime/leaderboards (recorded keys). */
export function leaderboardView(board: Leaderboard): Record<string, unknown> {
  return {
    id: board.id,
    name: board.name,
    entity_type: board.entityType,
    cycles: [...board.cycles],
    metric: board.metric,
    scope: { type: board.scope },
  };
}

interface Entry {
  readonly id: string;
  readonly view: { player: { id: string; alias: string } } | { team: { id: string; name: string } };
  readonly score: number;
}

function entries(
  board: Leaderboard,
  players: readonly Player[],
  teams: Iterable<Team>,
  query: URLSearchParams,
): Entry[] {
  const metricId = board.metric.id;
  let scoreOf = (p: Player): number | undefined => p.scores.get(metricId) ?? 0;
  if (board.scope === 'custom') {
    const scopeId = query.get('scope_id');
    if (scopeId === null || scopeId === '') {
      throw validationException('A custom scope leaderboard needs the scope_id parameter', {
        scope_id: null,
      });
    }
    // a play scope `{id: '<leaderboard>/<scope>'}` counts for that leaderboard only (moodle-playlyfe
    // course.php), a bare `{id: '<scope>'}` for every custom leaderboard (lib.php)
    scoreOf = (p) => {
      const own = p.scoped.get(`${board.id}/${scopeId}`)?.get(metricId);
      const any = p.scoped.get(scopeId)?.get(metricId);
      return own === undefined && any === undefined ? undefined : (own ?? 0) + (any ?? 0);
    };
  }
  if (board.entityType === 'teams') {
    const byId = new Map(players.map((p) => [p.id, p]));
    return [...teams].map((team) => {
      let score = 0;
      for (const member of team.members.keys()) {
        const p = byId.get(member);
        if (p !== undefined) score += scoreOf(p) ?? 0;
      }
      return { id: team.id, view: { team: { id: team.id, name: team.name } }, score };
    });
  }
  const out: Entry[] = [];
  for (const p of players) {
    const score = scoreOf(p);
    if (score !== undefined)
      out.push({ id: p.id, view: { player: { id: p.id, alias: p.alias } }, score });
  }
  return out;
}

/**
 * Ranks players (or teams) by the leaderboard's metric, highest first, ties by id; `rank` is 1-based.
 * Every cycle ranks the same scores. `ranking=relative` answers the `radius` (default 2) entries
 * on each side of `entity_id` (default: the calling player, or on a team leaderboard the caller's
 * first team; assumed); otherwise `limit`/`skip` page it.
 */
export function rankEntities(
  board: Leaderboard,
  players: readonly Player[],
  teams: readonly Team[],
  query: URLSearchParams,
  callerId: string,
): { data: Record<string, unknown>[]; total: number } {
  const cycle = query.get('cycle') ?? 'alltime';
  if (!board.cycles.includes(cycle)) {
    throw validationException(`Unknown cycle '${cycle}'`, { cycle, cycles: board.cycles });
  }
  const ordered = entries(board, players, teams, query).sort(
    (a, b) => b.score - a.score || (a.id < b.id ? -1 : 1),
  );
  const rankedAt = (from: number, to: number): Record<string, unknown>[] =>
    ordered
      .slice(from, to)
      .map((entry, i) => ({ ...entry.view, score: String(entry.score), rank: from + i + 1 }));

  const ranking = query.get('ranking');
  if (ranking === 'relative') {
    let entityId = query.get('entity_id') ?? callerId;
    if (board.entityType === 'teams' && query.get('entity_id') === null) {
      entityId = teams.find((t) => t.members.has(callerId))?.id ?? callerId;
    }
    const radius = intParam(query, 'radius', 2);
    const at = ordered.findIndex((entry) => entry.id === entityId);
    if (at < 0) throw board.entityType === 'teams' ? notFound('team', entityId) : playerNotFound();
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
