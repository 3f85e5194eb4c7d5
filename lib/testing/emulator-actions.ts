import { validationException } from './emulator-errors.js';
import { isObject } from './emulator-http.js';
import type { Metric } from './emulator-metrics.js';
import { compileRewards, type Reward } from './emulator-rewards.js';
import type {
  EmulatorActionSeed,
  EmulatorPlayLimit,
  EmulatorVariableSeed,
} from './emulator-seed.types.js';

/** An action as the game holds it, with its rewards compiled once. */
export interface Action {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly variables: readonly Required<Omit<EmulatorVariableSeed, 'default'>>[];
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly rewards: readonly Reward[];
  readonly playLimit: EmulatorPlayLimit | undefined;
}

const TYPES: ReadonlySet<string> = new Set(['int', 'float', 'string', 'boolean']);
const WINDOWS: ReadonlySet<string> = new Set(['hour', 'day', 'week', 'month']);

function playLimit(seed: EmulatorActionSeed): EmulatorPlayLimit | undefined {
  const raw = seed.playLimit;
  if (raw === undefined) return undefined;
  const limit = typeof raw === 'number' ? { times: raw, every: 'day' as const } : { ...raw };
  if (!Number.isInteger(limit.times) || limit.times < 0 || !WINDOWS.has(limit.every)) {
    throw new Error(`PlaylyfeEmulator: action '${seed.id}' has a bad play limit`);
  }
  return limit;
}

/** Compiles an action seed; throws when it names an unknown metric or variable. */
export function compileAction(
  seed: EmulatorActionSeed,
  metrics: ReadonlyMap<string, Metric>,
): Action {
  const variables = (seed.variables ?? []).map((v) => {
    if (!TYPES.has(v.type))
      throw new Error(`PlaylyfeEmulator: variable '${v.name}' has a bad type`);
    return { name: v.name, type: v.type, required: v.required ?? false };
  });
  const defaults: Record<string, unknown> = {};
  for (const v of seed.variables ?? []) if (v.default !== undefined) defaults[v.name] = v.default;
  const names = variables.map((v) => v.name);
  return {
    id: seed.id,
    name: seed.name,
    description: seed.description ?? '',
    variables,
    defaults,
    rewards: compileRewards(`action '${seed.id}'`, seed.rewards, metrics, names),
    playLimit: playLimit(seed),
  };
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'int':
      return Number.isInteger(value);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    default:
      return typeof value === 'boolean';
  }
}

/** The play variables of a `{variables}` body, defaults filled in; validation_exception if invalid. */
export function resolveVariables(action: Action, body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw validationException('The request body must be a JSON object');
  const given = body['variables'] ?? {};
  if (!isObject(given)) throw validationException('variables must be an object');
  const vars: Record<string, unknown> = { ...action.defaults, ...given };
  const errors: { name: string; error: string }[] = [];
  for (const v of action.variables) {
    const value = vars[v.name];
    if (value === undefined) {
      if (v.required) errors.push({ name: v.name, error: 'required' });
    } else if (!typeMatches(v.type, value)) {
      errors.push({ name: v.name, error: `must be of type ${v.type}` });
    }
  }
  if (errors.length > 0) {
    throw validationException(`Invalid variables for the action '${action.id}'`, errors);
  }
  return vars;
}

/** The definition of an action, as the design routes answer it. */
export function actionDefinition(action: Action): Record<string, unknown> {
  return {
    id: action.id,
    name: action.name,
    // left out when empty, as Playlyfe does (ruby client stub: get_hammer)
    ...(action.description === '' ? {} : { description: action.description }),
    variables: action.variables.map((v) => ({ ...v, default: action.defaults[v.name] ?? null })),
    rewards: action.rewards.map((r) => r.view),
    ...(action.playLimit === undefined ? {} : { play_limit: { ...action.playLimit } }),
  };
}

/**
 * An action as the design routes answer it: the definition plus its rewards as
 * `rules: [{rewards, requires}]` (the form moodle-playlyfe reads and writes; `requires` assumed `{}`).
 */
export function designActionDefinition(action: Action): Record<string, unknown> {
  const definition = actionDefinition(action);
  return { ...definition, requires: {}, rules: [{ rewards: definition['rewards'], requires: {} }] };
}
