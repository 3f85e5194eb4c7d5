import { designActionDefinition } from './emulator-actions.js';
import { ASSUMED_TEXT } from './emulator-assumptions.js';
import {
  alreadyExists,
  EmulatorApiError,
  notFound,
  validationException,
} from './emulator-errors.js';
import type { EmulatorGame } from './emulator-game.js';
import { isObject } from './emulator-http.js';
import { compileLeaderboard, leaderboardView } from './emulator-leaderboard.js';
import { compileMetrics, designDefinition } from './emulator-metrics.js';
import { ruleDefinition } from './emulator-rules.js';
import type { EmulatorMetricSeed } from './emulator-seed.types.js';

export type Json = Record<string, unknown>;
export type DesignKind = 'metrics' | 'actions' | 'leaderboards' | 'rules';
const SINGULAR = {
  metrics: 'metric',
  actions: 'action',
  leaderboards: 'leaderboard',
  rules: 'rule',
} as const;

/** Runs a compiler; its seed errors become validation exceptions. */
export function compiling<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EmulatorApiError) throw error;
    throw validationException(
      error instanceof Error ? error.message.replace('PlaylyfeEmulator: ', '') : 'invalid',
    );
  }
}

/** A required non-empty string field of a body. */
export function text(body: Json, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationException(`${key} is required and must be a non-empty string`, [
      { field: key, message: 'is required' },
    ]);
  }
  return value;
}

const num = (v: unknown): number | undefined =>
  v === undefined || v === 'Infinity' || v === '-Infinity' ? undefined : Number(v);

/** Every item of a design list, projected on `fields` (comma separated) when given. */
export function designList(game: EmulatorGame, kind: DesignKind, query: URLSearchParams): Json[] {
  const items = [...designItems(game, kind).values()];
  const fields = query.get('fields');
  if (fields === null || fields === '') return items;
  const keep = fields.split(',').map((f) => f.trim());
  return items.map((item) =>
    Object.fromEntries(keep.filter((k) => k in item).map((k) => [k, item[k]])),
  );
}

/** One design item, or `<kind>_not_found`. */
export function designItem(game: EmulatorGame, kind: DesignKind, id: string): Json {
  const item = designItems(game, kind).get(id);
  if (item === undefined) throw notFound(SINGULAR[kind], id);
  return item;
}

function designItems(game: EmulatorGame, kind: DesignKind): Map<string, Json> {
  const view = <T>(source: Map<string, T>, fn: (item: T) => Json) =>
    new Map([...source].map(([id, item]) => [id, fn(item)]));
  switch (kind) {
    case 'metrics':
      return view(game.metrics, designDefinition);
    case 'actions':
      return view(game.actions, designActionDefinition);
    case 'leaderboards':
      return view(game.leaderboards, leaderboardView);
    case 'rules':
      return view(game.rules, ruleDefinition);
  }
}

/** POST metrics: a point metric (`constraints {default, min, max}`) or a set (`constraints.items`). */
export function createMetric(game: EmulatorGame, body: unknown): Json {
  if (!isObject(body)) throw validationException('The request body must be a JSON object');
  const id = text(body, 'id');
  if (game.metrics.has(id)) throw alreadyExists('metric', id);
  const name = text(body, 'name');
  const description = typeof body['description'] === 'string' ? body['description'] : '';
  const c = isObject(body['constraints']) ? body['constraints'] : {};
  let seed: EmulatorMetricSeed;
  if (body['type'] === 'point') {
    seed = {
      id,
      name,
      description,
      type: 'point',
      default: num(c['default']) ?? 0,
      min: num(c['min']),
      max: num(c['max']),
    };
  } else if (body['type'] === 'set') {
    const items = Array.isArray(c['items']) ? (c['items'] as Json[]) : [];
    seed = {
      id,
      name,
      description,
      type: 'set',
      items: items.map((i) => ({
        name: String(i['name']),
        description: typeof i['description'] === 'string' ? i['description'] : '',
      })),
    };
  } else {
    throw validationException("The emulator creates only 'point' and 'set' metrics", [
      { field: 'type', message: 'point or set' },
    ]);
  }
  const metric = compiling(() => compileMetrics([seed]).get(id));
  if (metric === undefined) throw validationException('invalid metric');
  game.metrics.set(id, metric);
  if (metric.kind === 'point')
    for (const p of game.players.values()) p.scores.set(id, metric.initial);
  return designDefinition(metric);
}

/** PATCH metrics/:id: renames or re-describes a metric. */
export function updateMetric(game: EmulatorGame, id: string, body: unknown): Json {
  const metric = game.metrics.get(id);
  if (metric === undefined) throw notFound('metric', id);
  if (!isObject(body)) throw validationException('The request body must be a JSON object');
  if (typeof body['description'] === 'string') metric.description = body['description'];
  return designDefinition(metric);
}

/** DELETE metrics/:id; refused while an action, rule or other metric uses it. */
export function deleteMetric(game: EmulatorGame, id: string): Json {
  if (!game.metrics.has(id)) throw notFound('metric', id);
  const used =
    [...game.actions.values()].some((a) => a.rewards.some((r) => r.metric.ref.id === id)) ||
    [...game.rules.values()].some((r) =>
      JSON.stringify(ruleDefinition(r)).includes(`"id":"${id}"`),
    ) ||
    [...game.metrics.values()].some(
      (m) =>
        (m.kind === 'state' && m.base.ref.id === id) ||
        (m.kind === 'compound' && m.terms.some((t) => t.metric === id)),
    );
  if (used)
    throw validationException(`The metric '${id}' is used by the game design`, [
      { field: 'id', message: 'in use' },
    ]);
  game.metrics.delete(id);
  for (const p of game.players.values()) p.scores.delete(id);
  return { message: ASSUMED_TEXT.deleted('metric', id) };
}

/** POST leaderboards: `{id, name, entity_type, scope {type}, metric {id}, cycles?}`. */
export function createLeaderboard(game: EmulatorGame, body: unknown): Json {
  if (!isObject(body)) throw validationException('The request body must be a JSON object');
  const id = text(body, 'id');
  if (game.leaderboards.has(id)) throw alreadyExists('leaderboard', id);
  const metric = isObject(body['metric']) ? body['metric']['id'] : body['metric'];
  const scope = isObject(body['scope']) ? body['scope']['type'] : 'game';
  const board = compiling(() =>
    compileLeaderboard(
      {
        id,
        name: text(body, 'name'),
        metric: String(metric),
        entityType: body['entity_type'] === 'teams' ? 'teams' : 'players',
        scope: scope === 'custom' ? 'custom' : 'game',
        ...(Array.isArray(body['cycles']) ? { cycles: body['cycles'].map(String) } : {}),
      },
      game.metrics,
    ),
  );
  game.leaderboards.set(id, board);
  return leaderboardView(board);
}

/** DELETE actions/:id, leaderboards/:id or rules/:id. */
export function deleteDesignItem(
  game: EmulatorGame,
  kind: 'actions' | 'leaderboards' | 'rules',
  id: string,
): Json {
  const list = { actions: game.actions, leaderboards: game.leaderboards, rules: game.rules }[kind];
  if (!list.delete(id)) throw notFound(SINGULAR[kind], id);
  return { message: ASSUMED_TEXT.deleted(SINGULAR[kind], id) };
}
