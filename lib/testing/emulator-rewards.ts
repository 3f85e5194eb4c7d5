import {
  compoundValue,
  pointValue,
  type CompoundMetric,
  type Metric,
  type PointMetric,
  type SetMetric,
} from './emulator-metrics.js';
import { itemCount, itemKey, setItemCount, type Player } from './emulator-player.js';
import type { EmulatorRewardSeed } from './emulator-seed.types.js';
import type { EmulatorChange } from './emulator.types.js';

const VAR_REF = /^\$vars(?:\[\s*'([^']+)'\s*\]|\[\s*"([^"]+)"\s*\]|\.([A-Za-z_$][\w$]*))$/;
const VERBS: ReadonlySet<string> = new Set(['add', 'remove', 'set']);

/** A reward compiled once: a point reward (constant or play variable) or set item counts. */
export type Reward =
  | {
      readonly kind: 'point';
      readonly metric: PointMetric;
      readonly verb: EmulatorRewardSeed['verb'];
      readonly constant: number | undefined;
      readonly variable: string | undefined;
      readonly probability: number;
      readonly view: Record<string, unknown>;
    }
  | {
      readonly kind: 'set';
      readonly metric: SetMetric;
      readonly verb: EmulatorRewardSeed['verb'];
      readonly counts: Readonly<Record<string, number>>;
      readonly probability: number;
      readonly view: Record<string, unknown>;
    };

/** Compiles rewards; `owner` names the action or rule in errors, `variables` are its variable names. */
export function compileRewards(
  owner: string,
  seeds: readonly EmulatorRewardSeed[],
  metrics: ReadonlyMap<string, Metric>,
  variables: readonly string[] = [],
): Reward[] {
  return seeds.map((r): Reward => {
    const metric = metrics.get(r.metric);
    if (metric === undefined)
      throw new Error(`PlaylyfeEmulator: ${owner} rewards unknown metric '${r.metric}'`);
    if (!VERBS.has(r.verb)) throw new Error(`PlaylyfeEmulator: ${owner} has a bad verb`);
    const probability = r.probability ?? 1;
    if (!(probability >= 0 && probability <= 1)) {
      throw new Error(`PlaylyfeEmulator: ${owner} has a probability outside 0..1`);
    }
    if (metric.kind === 'set') {
      if (typeof r.value !== 'object')
        throw new Error(`PlaylyfeEmulator: ${owner} must reward items of '${metric.ref.id}'`);
      for (const item of Object.keys(r.value)) {
        if (!metric.items.some((i) => i.name === item)) {
          throw new Error(`PlaylyfeEmulator: ${owner} rewards unknown item '${item}'`);
        }
      }
      const value = Object.fromEntries(Object.entries(r.value).map(([k, v]) => [k, String(v)]));
      const view = { metric: metric.ref, value, verb: r.verb, probability };
      return { kind: 'set', metric, verb: r.verb, counts: { ...r.value }, probability, view };
    }
    if (metric.kind !== 'point')
      throw new Error(`PlaylyfeEmulator: ${owner} cannot reward a ${metric.kind} metric`);
    let constant: number | undefined;
    let variable: string | undefined;
    if (typeof r.value === 'number') constant = r.value;
    else if (typeof r.value === 'string') {
      const match = VAR_REF.exec(r.value.trim());
      if (match !== null) variable = match[1] ?? match[2] ?? match[3];
      else if (r.value.trim() !== '' && Number.isFinite(Number(r.value)))
        constant = Number(r.value);
      if (variable !== undefined && !variables.includes(variable)) {
        throw new Error(`PlaylyfeEmulator: ${owner} uses undeclared '${r.value}'`);
      }
    }
    if (constant === undefined && variable === undefined) {
      throw new Error(`PlaylyfeEmulator: ${owner} has a bad reward value`);
    }
    const shown = typeof r.value === 'number' ? String(r.value) : (r.value as string);
    const view = { metric: metric.ref, value: shown, verb: r.verb, probability };
    return { kind: 'point', metric, verb: r.verb, constant, variable, probability, view };
  });
}

function next(verb: string, old: number, amount: number): number {
  return verb === 'add' ? old + amount : verb === 'remove' ? old - amount : amount;
}

function applyPoint(
  player: Player,
  metric: PointMetric,
  verb: string,
  amount: number,
): EmulatorChange {
  const id = metric.ref.id;
  const old = pointValue(metric, player);
  let value = next(verb, old, amount);
  if (metric.min !== undefined && value < metric.min) value = metric.min;
  if (metric.max !== undefined && value > metric.max) value = metric.max;
  const had = player.touched.has(id);
  player.scores.set(id, value);
  player.touched.add(id);
  return { metric: metric.ref, delta: { old: had ? String(old) : null, new: String(value) } };
}

function applySet(
  player: Player,
  metric: SetMetric,
  verb: string,
  counts: Readonly<Record<string, number>>,
): EmulatorChange {
  const delta: Record<string, { old: string | null; new: string }> = {};
  for (const [item, amount] of Object.entries(counts)) {
    const had = player.touched.has(itemKey(metric.ref.id, item));
    const old = itemCount(player, metric.ref.id, item);
    const value = Math.max(0, next(verb, old, amount));
    setItemCount(player, metric.ref.id, item, value);
    delta[item] = { old: had ? String(old) : null, new: String(value) };
  }
  return { metric: metric.ref, delta };
}

/**
 * Gives rewards to a player: one change per reward given, then one per compound metric whose value
 * moved. `scopes` are the custom scopes of the play; point rewards also count under each of them.
 */
export function giveRewards(
  player: Player,
  rewards: readonly Reward[],
  vars: Readonly<Record<string, unknown>>,
  metrics: ReadonlyMap<string, Metric>,
  scopes: readonly string[] = [],
): EmulatorChange[] {
  const compounds = [...metrics.values()].filter((m): m is CompoundMetric => m.kind === 'compound');
  const before = compounds.map((m) => compoundValue(m, player));
  const changes: EmulatorChange[] = [];
  for (const reward of rewards) {
    if (reward.probability < 1 && Math.random() >= reward.probability) continue;
    if (reward.kind === 'set') {
      changes.push(applySet(player, reward.metric, reward.verb, reward.counts));
      continue;
    }
    const raw = reward.variable === undefined ? reward.constant : vars[reward.variable];
    if (typeof raw !== 'number' || !Number.isFinite(raw)) continue;
    const old = pointValue(reward.metric, player);
    changes.push(applyPoint(player, reward.metric, reward.verb, raw));
    const moved = pointValue(reward.metric, player) - old;
    for (const scope of scopes) {
      const scores = player.scoped.get(scope) ?? new Map<string, number>();
      scores.set(reward.metric.ref.id, (scores.get(reward.metric.ref.id) ?? 0) + moved);
      player.scoped.set(scope, scores);
    }
  }
  compounds.forEach((m, i) => {
    const after = compoundValue(m, player);
    if (after !== before[i]) {
      changes.push({
        metric: m.ref,
        delta: { old: String(before[i]), new: String(after) },
      });
    }
  });
  return changes;
}
