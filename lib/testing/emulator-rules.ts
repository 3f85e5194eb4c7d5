import {
  compoundValue,
  pointValue,
  stateIndex,
  type Metric,
  type StateMetric,
} from './emulator-metrics.js';
import type { Player } from './emulator-player.js';
import { compileRewards, giveRewards, type Reward } from './emulator-rewards.js';
import type { EmulatorRuleSeed } from './emulator-seed.types.js';
import type { EmulatorChange } from './emulator.types.js';

/** A rule as the game holds it. */
export type Rule =
  | {
      readonly kind: 'level';
      readonly id: string;
      readonly name: string;
      readonly metric: StateMetric;
    }
  | {
      readonly kind: 'achievement';
      readonly id: string;
      readonly name: string;
      readonly requires: { readonly metric: Metric; readonly min: number };
      readonly rewards: readonly Reward[];
    }
  | {
      readonly kind: 'custom';
      readonly id: string;
      readonly name: string;
      readonly rewards: readonly Reward[];
    };

/** A level or achievement event, before the game stamps its id, actor and time. */
export interface RuleOutcome {
  event: 'level' | 'achievement';
  rule: Rule;
  changes: EmulatorChange[];
}

/** Compiles one rule seed; throws when it names an unknown or unsuitable metric. */
export function compileRule(seed: EmulatorRuleSeed, metrics: ReadonlyMap<string, Metric>): Rule {
  const owner = `rule '${seed.id}'`;
  switch (seed.type) {
    case 'level': {
      const metric = metrics.get(seed.metric);
      if (metric?.kind !== 'state')
        throw new Error(`PlaylyfeEmulator: ${owner} needs a state metric`);
      return { kind: 'level', id: seed.id, name: seed.name, metric };
    }
    case 'achievement': {
      const metric = metrics.get(seed.requires.metric);
      if (metric?.kind !== 'point' && metric?.kind !== 'compound') {
        throw new Error(`PlaylyfeEmulator: ${owner} requires an unknown point metric`);
      }
      const rewards = compileRewards(owner, seed.rewards, metrics);
      return {
        kind: 'achievement',
        id: seed.id,
        name: seed.name,
        requires: { metric, min: seed.requires.min },
        rewards,
      };
    }
    case 'custom':
      return {
        kind: 'custom',
        id: seed.id,
        name: seed.name,
        rewards: compileRewards(owner, seed.rewards, metrics),
      };
  }
}

/** A rule as the design routes answer it. */
export function ruleDefinition(rule: Rule): Record<string, unknown> {
  const base = { id: rule.id, name: rule.name, type: rule.kind };
  switch (rule.kind) {
    case 'level':
      return {
        ...base,
        metric: rule.metric.ref,
        base_metric: rule.metric.base.ref,
        levels: rule.metric.states.map((s) => ({ rank: s.name, threshold: String(s.min) })),
      };
    case 'achievement':
      return {
        ...base,
        requires: {
          metric: rule.requires.metric.ref,
          operator: 'ge',
          value: String(rule.requires.min),
        },
        rewards: rule.rewards.map((r) => r.view),
      };
    case 'custom':
      return {
        ...base,
        rules: [{ rewards: rule.rewards.map((r) => r.view), requires: {} }],
        variables: [],
      };
  }
}

/** Places a player on a level ladder when its base metric moved (or it holds no level yet). */
function level(player: Player, rule: Rule & { kind: 'level' }): RuleOutcome | undefined {
  const metric = rule.metric;
  const state = metric.states[stateIndex(metric, pointValue(metric.base, player))].name;
  const held = player.states.get(metric.ref.id);
  if (held === state) return undefined;
  player.states.set(metric.ref.id, state);
  return {
    event: 'level',
    rule,
    changes: [{ metric: metric.ref, delta: { old: held ?? null, new: state } }],
  };
}

function achievement(
  player: Player,
  rule: Rule & { kind: 'achievement' },
  metrics: ReadonlyMap<string, Metric>,
): RuleOutcome | undefined {
  if (player.achieved.has(rule.id)) return undefined;
  const m = rule.requires.metric;
  const value =
    m.kind === 'compound'
      ? compoundValue(m, player)
      : m.kind === 'point'
        ? pointValue(m, player)
        : 0;
  if (value < rule.requires.min) return undefined;
  player.achieved.add(rule.id);
  return { event: 'achievement', rule, changes: giveRewards(player, rule.rewards, {}, metrics) };
}

/**
 * Runs the level rules whose base metric is among `changed`, then the achievement rules, as
 * Playlyfe does after a play or a custom rule.
 */
export function fireRules(
  player: Player,
  rules: Iterable<Rule>,
  metrics: ReadonlyMap<string, Metric>,
  changed: readonly EmulatorChange[],
): RuleOutcome[] {
  const moved = new Set(changed.map((c) => c.metric.id));
  const outcomes: RuleOutcome[] = [];
  const list = [...rules];
  for (const rule of list) {
    if (rule.kind === 'level' && moved.has(rule.metric.base.ref.id)) {
      const outcome = level(player, rule);
      if (outcome !== undefined) outcomes.push(outcome);
    }
  }
  for (const rule of list) {
    if (rule.kind === 'achievement') {
      const outcome = achievement(player, rule, metrics);
      if (outcome !== undefined) outcomes.push(outcome);
    }
  }
  return outcomes;
}

/** Gives a level to a seeded player who starts with a base score (so its next level-up has an `old`). */
export function seedLevels(player: Player, rules: Iterable<Rule>): void {
  for (const rule of rules) {
    if (rule.kind === 'level' && player.touched.has(rule.metric.base.ref.id)) level(player, rule);
  }
}
