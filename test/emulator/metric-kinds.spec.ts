/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- tests read the emulator's untyped JSON answers */
import { describe, expect, it } from '@jest/globals';
import {
  PlaylyfeEmulator,
  type EmulatorGameSeed,
  type EmulatorMetricSeed,
} from '../../lib/testing/index.js';
import { useStartedEmulator } from './emulator-helpers.js';

const LEVEL = { id: 'level', name: 'Level', type: 'state' };
const BADGES = { id: 'badges', name: 'Badges', type: 'set' };
const XP = { id: 'xp', name: 'Experience', type: 'point' };
interface Score {
  metric: { id: string };
  value: unknown;
}
const score = (profile: { scores: Score[] }, id: string): Score | undefined =>
  profile.scores.find((s) => s.metric.id === id);

describe('emulator metric kinds and rules (demo game)', () => {
  const { emulator, demo } = useStartedEmulator();

  it('shows a level with its ladder bounds, badges with string counts and a compound value', async () => {
    const { body } = await demo.asPlayer('carol', 'GET', '/runtime/player');
    expect(score(body, 'level')).toEqual({
      metric: LEVEL,
      value: { name: 'Adventurer', description: 'Has completed quests' },
      meta: { high: '250', low: '100', base_metric: { id: 'xp', name: 'Experience' } },
    });
    expect(score(body, 'badges')?.value).toEqual([
      { name: 'Quest Master', description: expect.any(String), count: '0' },
      { name: 'Big Spender', description: expect.any(String), count: '0' },
      { name: 'Star', description: expect.any(String), count: '1' },
    ]);
    expect(score(body, 'power')).toEqual({
      metric: { id: 'power', name: 'Power', type: 'compound' },
      value: '130',
    });
  });

  it('levels alice up and gives the Quest Master badge in one play, then never again', async () => {
    const answer = await demo.asPlayer('alice', 'POST', '/runtime/actions/complete_quest/play', {
      body: { variables: { points: 150 } },
    });
    const actor = { id: 'alice', alias: 'Alice' };
    const [action, level, achievement] = answer.body.events.local;
    expect(action.changes[0]).toEqual({ metric: XP, delta: { old: '120', new: '270' } });
    expect(level).toEqual({
      id: expect.any(String),
      event: 'level',
      actor,
      changes: [{ metric: LEVEL, delta: { old: 'Adventurer', new: 'Hero' } }],
      rule: { id: 'level_rule' },
      timestamp: action.timestamp,
    });
    expect(achievement).toEqual({
      id: expect.any(String),
      event: 'achievement',
      actor,
      changes: [{ metric: BADGES, delta: { 'Quest Master': { old: null, new: '1' } } }],
      rule: { id: 'quest_master_rule' },
      timestamp: action.timestamp,
    });
    const again = await demo.asPlayer('alice', 'POST', '/runtime/actions/complete_quest/play', {
      body: { variables: { points: 10 } },
    });
    expect(again.body.events.local.map((e: { event: string }) => e.event)).toEqual(['action']);
    expect(emulator.player('alice')).toMatchObject({
      states: { level: 'Hero' },
      items: { badges: { 'Quest Master': 1 } },
    });
  });

  it('drops a level when the base metric falls, and a set change is keyed by item', async () => {
    const answer = await demo.asPlayer('carol', 'POST', '/runtime/actions/prestige/play', {
      body: {},
    });
    const [action, level] = answer.body.events.local;
    expect(action.changes).toContainEqual({
      metric: BADGES,
      delta: { Star: { old: '1', new: '2' } },
    });
    expect(level.changes).toEqual([{ metric: LEVEL, delta: { old: 'Adventurer', new: 'Novice' } }]);
  });

  it('lists the definitions of every kind: formula, states and items as recorded', async () => {
    const { body } = await demo.asPlayer('bob', 'GET', '/runtime/definitions/metrics');
    const byId = Object.fromEntries(body.map((m: { id: string }) => [m.id, m]));
    expect(byId.level).toEqual({
      ...LEVEL,
      description: expect.any(String),
      states: {
        Novice: { description: 'Just started' },
        Adventurer: { description: 'Has completed quests' },
        Hero: { description: 'A seasoned hero' },
      },
    });
    expect(Object.keys(byId.badges.items)).toEqual(['Quest Master', 'Big Spender', 'Star']);
    expect(byId.badges).not.toHaveProperty('description');
    expect(byId.power.formula).toBe("$scores['xp'] + 10 * $scores['stars']");
  });
});

describe('emulator metric kinds (custom game)', () => {
  const game: EmulatorGameSeed = {
    metrics: [
      { id: 'pts', name: 'Points' },
      { id: 'kit', name: 'Kit', type: 'set', items: [{ name: 'Hammer' }, { name: 'Saw' }] },
      {
        id: 'mix',
        name: 'Mix',
        type: 'compound',
        formula: "$scores['pts'] - 2 * $scores['kit']['Hammer'] + 1",
      },
    ],
    actions: [
      {
        id: 'lose',
        name: 'Lose',
        rewards: [{ metric: 'kit', verb: 'remove', value: { Hammer: 5 } }],
      },
      {
        id: 'never',
        name: 'Never',
        rewards: [{ metric: 'pts', verb: 'add', value: 1, probability: 0 }],
      },
    ],
    leaderboards: [],
    players: [{ id: 'p', items: { kit: { Hammer: 2 } } }],
  };
  const { demo } = useStartedEmulator({ game });

  it('never takes an item count below zero and moves the compound metric with it', async () => {
    const answer = await demo.asPlayer('p', 'POST', '/runtime/actions/lose/play', { body: {} });
    expect(answer.body.events.local[0].changes).toEqual([
      {
        metric: { id: 'kit', name: 'Kit', type: 'set' },
        delta: { Hammer: { old: '2', new: '0' } },
      },
      { metric: { id: 'mix', name: 'Mix', type: 'compound' }, delta: { old: '-3', new: '1' } },
    ]);
  });

  it('never gives a reward of probability 0, and shows the probability', async () => {
    const answer = await demo.asPlayer('p', 'POST', '/runtime/actions/never/play', { body: {} });
    expect(answer.body.events.local[0].changes).toEqual([]);
    const never = answer.body.actions.find((a: { id: string }) => a.id === 'never');
    expect(never.rewards[0].probability).toBe(0);
    expect(never).not.toHaveProperty('description');
  });

  it.each([
    [
      { id: 's', name: 'S', type: 'state', base: 'nope', states: [{ name: 'A', min: 0 }] },
      /point base metric/,
    ],
    [{ id: 'c', name: 'C', type: 'compound', formula: "$scores['nope']" }, /unknown 'nope'/],
    [{ id: 'c', name: 'C', type: 'compound', formula: 'sqrt(2)' }, /unsupported formula/],
  ] satisfies [EmulatorMetricSeed, RegExp][])('rejects a bad metric seed %#', (metric, message) => {
    expect(
      () => new PlaylyfeEmulator({ game: { ...game, metrics: [...game.metrics, metric] } }),
    ).toThrow(message);
  });

  it('rejects a reward of an unknown item', () => {
    const bad = {
      id: 'x',
      name: 'X',
      rewards: [{ metric: 'kit', verb: 'add' as const, value: { Drill: 1 } }],
    };
    expect(() => new PlaylyfeEmulator({ game: { ...game, actions: [bad] } })).toThrow(
      /unknown item 'Drill'/,
    );
  });
});
