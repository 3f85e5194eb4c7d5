import { validationException } from './emulator-errors.js';
import { isObject } from './emulator-http.js';
import type {
  EmulatorActionSeed,
  EmulatorChange,
  EmulatorRewardSeed,
  EmulatorVariableSeed,
} from './emulator.types.js';

/** The `{id, name, type}` reference of a metric, as answers embed it. */
export interface MetricRef {
  readonly id: string;
  readonly name: string;
  readonly type: 'point';
}

/** A point metric as the game holds it. */
export interface Metric {
  readonly ref: MetricRef;
  readonly description: string;
  readonly initial: number;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

interface Reward {
  readonly metric: Metric;
  readonly verb: EmulatorRewardSeed['verb'];
  /** The constant value, or undefined when it comes from a play variable. */
  readonly constant: number | undefined;
  readonly variable: string | undefined;
  readonly view: { metric: MetricRef; value: string; verb: string };
}

/** An action as the game holds it, with its rewards compiled once. */
export interface Action {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly variables: readonly Required<Omit<EmulatorVariableSeed, 'default'>>[];
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly rewards: readonly Reward[];
  readonly playLimit: number | undefined;
}

const VAR_REF = /^\$vars(?:\[\s*'([^']+)'\s*\]|\[\s*"([^"]+)"\s*\]|\.([A-Za-z_$][\w$]*))$/;
const VERBS: ReadonlySet<string> = new Set(['add', 'remove', 'set']);
const TYPES: ReadonlySet<string> = new Set(['int', 'float', 'string', 'boolean']);

/** Compiles an action seed; throws when it names an unknown metric or variable. */
export function compileAction(seed: EmulatorActionSeed, metrics: Map<string, Metric>): Action {
  const variables = (seed.variables ?? []).map((v) => {
    if (!TYPES.has(v.type))
      throw new Error(`PlaylyfeEmulator: variable '${v.name}' has a bad type`);
    return { name: v.name, type: v.type, required: v.required ?? false };
  });
  const defaults: Record<string, unknown> = {};
  for (const v of seed.variables ?? []) if (v.default !== undefined) defaults[v.name] = v.default;
  const rewards = seed.rewards.map((r): Reward => {
    const metric = metrics.get(r.metric);
    if (metric === undefined) {
      throw new Error(`PlaylyfeEmulator: action '${seed.id}' rewards unknown metric '${r.metric}'`);
    }
    if (!VERBS.has(r.verb)) throw new Error(`PlaylyfeEmulator: action '${seed.id}' bad verb`);
    let constant: number | undefined;
    let variable: string | undefined;
    if (typeof r.value === 'number') constant = r.value;
    else {
      const match = VAR_REF.exec(r.value.trim());
      if (match !== null) variable = match[1] ?? match[2] ?? match[3];
      else if (r.value.trim() !== '' && Number.isFinite(Number(r.value)))
        constant = Number(r.value);
      if (variable !== undefined && !variables.some((v) => v.name === variable)) {
        throw new Error(`PlaylyfeEmulator: action '${seed.id}' uses undeclared '${r.value}'`);
      }
      if (constant === undefined && variable === undefined) {
        throw new Error(`PlaylyfeEmulator: action '${seed.id}' has a bad reward value`);
      }
    }
    const view = { metric: metric.ref, value: String(r.value), verb: r.verb };
    return { metric, verb: r.verb, constant, variable, view };
  });
  return {
    id: seed.id,
    name: seed.name,
    description: seed.description ?? '',
    variables,
    defaults,
    rewards,
    playLimit: seed.playLimit,
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

/** Applies an action's rewards to scores; returns the changes, one per reward applied. */
export function applyRewards(
  action: Action,
  vars: Record<string, unknown>,
  scores: Map<string, number>,
): EmulatorChange[] {
  const changes: EmulatorChange[] = [];
  for (const reward of action.rewards) {
    const raw = reward.variable === undefined ? reward.constant : vars[reward.variable];
    if (typeof raw !== 'number' || !Number.isFinite(raw)) continue;
    const metric = reward.metric;
    const old = scores.get(metric.ref.id) ?? metric.initial;
    let next = reward.verb === 'add' ? old + raw : reward.verb === 'remove' ? old - raw : raw;
    if (metric.min !== undefined && next < metric.min) next = metric.min;
    if (metric.max !== undefined && next > metric.max) next = metric.max;
    scores.set(metric.ref.id, next);
    changes.push({ metric: metric.ref, delta: { old: String(old), new: String(next) } });
  }
  return changes;
}

/** The definition of an action, as the design routes answer it. */
export function actionDefinition(action: Action): Record<string, unknown> {
  return {
    id: action.id,
    name: action.name,
    description: action.description,
    variables: action.variables.map((v) => ({ ...v, default: action.defaults[v.name] ?? null })),
    rewards: action.rewards.map((r) => r.view),
    ...(action.playLimit === undefined ? {} : { play_limit: action.playLimit }),
  };
}
