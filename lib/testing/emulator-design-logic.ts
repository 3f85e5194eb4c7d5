import { compileAction, designActionDefinition } from './emulator-actions.js';
import { compiling, text, type Json } from './emulator-design.js';
import { alreadyExists, notFound, validationException } from './emulator-errors.js';
import type { EmulatorGame } from './emulator-game.js';
import { isObject } from './emulator-http.js';
import { compileRule, ruleDefinition } from './emulator-rules.js';
import type { EmulatorRewardSeed, EmulatorVariableSeed } from './emulator-seed.types.js';

/** The rewards of a `rules: [{rewards, requires}]` body; `requires` is not emulated (assumed). */
export function rewardSeeds(rules: unknown): EmulatorRewardSeed[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((entry) =>
    isObject(entry) && Array.isArray(entry['rewards'])
      ? (entry['rewards'] as Json[]).map((r) => ({
          metric: String(isObject(r['metric']) ? r['metric']['id'] : r['metric']),
          verb: r['verb'] as EmulatorRewardSeed['verb'],
          value: isObject(r['value'])
            ? Object.fromEntries(Object.entries(r['value']).map(([k, v]) => [k, Number(v)]))
            : (r['value'] as string | number),
        }))
      : [],
  );
}

/** POST rules (custom rules only): `{id, name, type: 'custom', rules: [{rewards, requires}]}`. */
export function createRule(game: EmulatorGame, body: unknown, id?: string): Json {
  if (!isObject(body)) throw validationException('The request body must be a JSON object');
  const ruleId = id ?? text(body, 'id');
  if (id === undefined && game.rules.has(ruleId)) throw alreadyExists('rule', ruleId);
  if ((body['type'] ?? 'custom') !== 'custom') {
    throw validationException("The emulator creates only 'custom' rules", [
      { field: 'type', message: 'custom' },
    ]);
  }
  const keep = id !== undefined && typeof body['name'] !== 'string';
  const name = keep ? (game.rules.get(ruleId)?.name ?? ruleId) : text(body, 'name');
  const rule = compiling(() =>
    compileRule(
      { id: ruleId, name, type: 'custom', rewards: rewardSeeds(body['rules']) },
      game.metrics,
    ),
  );
  game.rules.set(ruleId, rule);
  return ruleDefinition(rule);
}

/** PATCH rules/:id: replaces a custom rule's name and rewards. */
export function updateRule(game: EmulatorGame, id: string, body: unknown): Json {
  const rule = game.rules.get(id);
  if (rule === undefined) throw notFound('rule', id);
  if (rule.kind !== 'custom') throw validationException(`The emulator edits only custom rules`);
  return createRule(game, { type: 'custom', name: rule.name, ...(isObject(body) ? body : {}) }, id);
}

function variableSeeds(raw: unknown): EmulatorVariableSeed[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((v) => ({
    name: String(v['name']),
    type: v['type'] as EmulatorVariableSeed['type'],
    required: v['required'] === true,
    ...(v['default'] === undefined || v['default'] === null || v['default'] === ''
      ? {}
      : { default: v['default'] as string | number | boolean }),
  }));
}

/** POST actions: `{id, name, description?, variables, rules: [{rewards, requires}]}` (moodle-playlyfe publish.php). */
export function createAction(game: EmulatorGame, body: unknown, id?: string): Json {
  if (!isObject(body)) throw validationException('The request body must be a JSON object');
  const actionId = id ?? text(body, 'id');
  if (id === undefined && game.actions.has(actionId)) throw alreadyExists('action', actionId);
  const action = compiling(() =>
    compileAction(
      {
        id: actionId,
        name: text(body, 'name'),
        description: typeof body['description'] === 'string' ? body['description'] : '',
        variables: variableSeeds(body['variables']),
        rewards: rewardSeeds(body['rules']),
      },
      game.metrics,
    ),
  );
  game.actions.set(actionId, action);
  return designActionDefinition(action);
}

/** PATCH actions/:id: replaces the given fields of an action. */
export function updateAction(game: EmulatorGame, id: string, body: unknown): Json {
  const action = game.actions.get(id);
  if (action === undefined) throw notFound('action', id);
  return createAction(
    game,
    { ...designActionDefinition(action), ...(isObject(body) ? body : {}) },
    id,
  );
}
