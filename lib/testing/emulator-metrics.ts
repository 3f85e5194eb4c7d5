import { itemCount, type Player } from './emulator-player.js';
import type { EmulatorMetricSeed } from './emulator-seed.types.js';
import type { EmulatorMetricRef } from './emulator.types.js';

/** The `{id, name, type}` reference of a metric, as answers embed it. */
export type MetricRef = Readonly<EmulatorMetricRef>;

interface MetricBase {
  readonly ref: MetricRef;
  description: string;
}

export interface PointMetric extends MetricBase {
  readonly kind: 'point';
  readonly initial: number;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

export interface StateMetric extends MetricBase {
  readonly kind: 'state';
  readonly base: PointMetric;
  /** Lowest first. */
  readonly states: readonly { name: string; description: string; min: number }[];
}

export interface SetMetric extends MetricBase {
  readonly kind: 'set';
  readonly items: readonly { name: string; description: string }[];
}

/** One term of a compound formula: `coef * $scores['metric']['item']`, or a constant. */
interface Term {
  readonly coef: number;
  readonly metric: string | undefined;
  readonly item: string | undefined;
}

export interface CompoundMetric extends MetricBase {
  readonly kind: 'compound';
  readonly formula: string;
  readonly terms: readonly Term[];
}

export type Metric = PointMetric | StateMetric | SetMetric | CompoundMetric;

const TERM =
  /^([+-])\s*(?:(\d+(?:\.\d+)?)\s*\*\s*)?(?:\$scores\['([^']+)'\](?:\['([^']+)'\])?|(\d+(?:\.\d+)?))$/;

/** Parses a linear formula (`$scores['xp'] + 10 * $scores['stars']`) into terms. */
export function parseFormula(formula: string): Term[] {
  const text = formula.trim();
  const signed = /^[+-]/.test(text) ? text : `+${text}`;
  const parts = signed.match(/[+-][^+-]+/g) ?? [];
  return parts.map((part) => {
    const m = TERM.exec(part.trim());
    if (m === null) throw new Error(`PlaylyfeEmulator: unsupported formula term '${part.trim()}'`);
    const sign = m[1] === '-' ? -1 : 1;
    if (m[5] !== undefined)
      return { coef: sign * Number(m[5]), metric: undefined, item: undefined };
    return { coef: sign * Number(m[2] ?? 1), metric: m[3], item: m[4] };
  });
}

/** Compiles the metric seeds; throws when one names an unknown or unsuitable metric. */
export function compileMetrics(seeds: readonly EmulatorMetricSeed[]): Map<string, Metric> {
  const metrics = new Map<string, Metric>();
  const ref = (s: EmulatorMetricSeed): MetricRef => ({
    id: s.id,
    name: s.name,
    type: s.type ?? 'point',
  });
  for (const s of seeds) {
    if (s.type === undefined || s.type === 'point') {
      metrics.set(s.id, {
        kind: 'point',
        ref: ref(s),
        description: s.description ?? '',
        initial: s.default ?? 0,
        min: s.min,
        max: s.max,
      });
    } else if (s.type === 'set') {
      const items = s.items.map((i) => ({ name: i.name, description: i.description ?? '' }));
      metrics.set(s.id, { kind: 'set', ref: ref(s), description: s.description ?? '', items });
    }
  }
  for (const s of seeds) {
    if (s.type === 'state') {
      const base = metrics.get(s.base);
      if (base?.kind !== 'point') {
        throw new Error(`PlaylyfeEmulator: state metric '${s.id}' needs a point base metric`);
      }
      if (s.states.length === 0)
        throw new Error(`PlaylyfeEmulator: state metric '${s.id}' has no state`);
      const states = [...s.states]
        .sort((a, b) => a.min - b.min)
        .map((st) => ({ name: st.name, description: st.description ?? '', min: st.min }));
      metrics.set(s.id, {
        kind: 'state',
        ref: ref(s),
        description: s.description ?? '',
        base,
        states,
      });
    } else if (s.type === 'compound') {
      const terms = parseFormula(s.formula);
      for (const t of terms) {
        const target = t.metric === undefined ? undefined : metrics.get(t.metric);
        if (t.metric !== undefined && target?.kind !== (t.item === undefined ? 'point' : 'set')) {
          throw new Error(`PlaylyfeEmulator: compound metric '${s.id}' uses unknown '${t.metric}'`);
        }
      }
      metrics.set(s.id, {
        kind: 'compound',
        ref: ref(s),
        description: s.description ?? '',
        formula: s.formula,
        terms,
      });
    }
  }
  // in design order, as profiles and definitions list them
  return new Map(seeds.map((s) => [s.id, metrics.get(s.id) as Metric]));
}

/** A player's point score. */
export function pointValue(metric: PointMetric, player: Player): number {
  return player.scores.get(metric.ref.id) ?? metric.initial;
}

/** The value of a compound metric for a player. */
export function compoundValue(metric: CompoundMetric, player: Player): number {
  let total = 0;
  for (const t of metric.terms) {
    if (t.metric === undefined) total += t.coef;
    else if (t.item !== undefined) total += t.coef * itemCount(player, t.metric, t.item);
    else total += t.coef * (player.scores.get(t.metric) ?? 0);
  }
  return total;
}

/** The index of the ladder state a base value falls in. */
export function stateIndex(metric: StateMetric, baseValue: number): number {
  let at = 0;
  for (let i = 0; i < metric.states.length; i++) if (baseValue >= metric.states[i].min) at = i;
  return at;
}

/** A player's score of one metric, as profiles show it. */
export function scoreView(metric: Metric, player: Player): Record<string, unknown> {
  switch (metric.kind) {
    case 'point':
      return { metric: metric.ref, value: String(pointValue(metric, player)) };
    case 'compound':
      return { metric: metric.ref, value: String(compoundValue(metric, player)) };
    case 'set':
      return {
        metric: metric.ref,
        value: metric.items.map((i) => ({
          name: i.name,
          description: i.description,
          count: String(itemCount(player, metric.ref.id, i.name)),
        })),
      };
    case 'state': {
      const at = stateIndex(metric, pointValue(metric.base, player));
      const state = metric.states[at];
      const next = metric.states[at + 1];
      return {
        metric: metric.ref,
        value: { name: state.name, description: state.description },
        meta: {
          high: next === undefined ? 'Infinity' : String(next.min),
          low: String(state.min),
          base_metric: { id: metric.base.ref.id, name: metric.base.ref.name },
        },
      };
    }
  }
}

/** A metric definition as GET /runtime/definitions/metrics answers it. */
export function runtimeDefinition(metric: Metric): Record<string, unknown> {
  // Playlyfe leaves `description` out when a metric has none (ruby client stub: test_points, toolbox)
  const base =
    metric.description === ''
      ? { ...metric.ref }
      : { ...metric.ref, description: metric.description };
  switch (metric.kind) {
    case 'point':
      return base;
    case 'compound':
      return { ...base, formula: metric.formula };
    case 'state':
      return {
        ...base,
        states: Object.fromEntries(
          metric.states.map((s) => [s.name, { description: s.description }]),
        ),
      };
    case 'set':
      return {
        ...base,
        items: Object.fromEntries(
          metric.items.map((i) => [i.name, { description: i.description }]),
        ),
      };
  }
}

/**
 * A metric definition as the design routes answer it: the runtime one plus `constraints`, where
 * moodle-playlyfe reads a set's `constraints.items[].name` and writes a state's `constraints.states`.
 */
export function designDefinition(metric: Metric): Record<string, unknown> {
  const definition = runtimeDefinition(metric);
  switch (metric.kind) {
    case 'point':
      definition['constraints'] = {
        default: String(metric.initial),
        ...(metric.min === undefined ? {} : { min: String(metric.min) }),
        ...(metric.max === undefined ? {} : { max: String(metric.max) }),
      };
      break;
    case 'set':
      definition['constraints'] = { items: metric.items.map((i) => ({ ...i })) };
      break;
    case 'state':
      definition['constraints'] = { states: metric.states.map((s) => ({ ...s })) };
      definition['base_metric'] = { id: metric.base.ref.id, name: metric.base.ref.name };
      break;
    case 'compound':
      break;
  }
  return definition;
}
