import type { EmulatorGameSeed } from './emulator-seed.types.js';

/**
 * The demo game served by default.
 * - point metrics `xp`, `coins` (never below 0), `stars`; compound `power` (xp + 10 × stars);
 *   state `level` on `xp`: Novice (0), Adventurer (100), Hero (250); set `badges`:
 *   `Quest Master`, `Big Spender`, `Star`;
 * - actions: `complete_quest` (adds `$vars['points']` xp and 10 coins; `points` required),
 *   `buy_item` (removes `$vars['price']` coins), `prestige` (sets xp to 0, adds 1 star and the
 *   `Star` badge), `daily_bonus` (adds 5 xp and 1 coin, 3 times every day);
 * - rules: `level_rule` (the `level` ladder), `quest_master_rule` (the `Quest Master` badge once
 *   xp reaches 250), `big_spender_rule` (custom: the `Big Spender` badge, run by POST /admin/rules);
 * - leaderboards `xp_leaderboard` (players, on xp) and `guild_leaderboard` (teams, on xp);
 * - players `alice` (xp 120, Adventurer), `bob` (80), `carol` (120), `dave` (0, no level yet);
 * - teams `team_guild` "Quest Guild" (alice, bob) and `team_watch` "Night Watch" (carol, dave);
 * - process definition `quest_line`.
 * alice playing `complete_quest` with 150 points reaches 270 xp: a `level` event (Adventurer to
 * Hero) and an `achievement` event (the `Quest Master` badge) follow the action event.
 */
export const DEMO_GAME: EmulatorGameSeed = deepFreeze<EmulatorGameSeed>({
  info: {
    id: 'demo_game',
    title: 'Demo game',
    description: 'The game served by the Playlyfe emulator',
    timezone: 'UTC',
  },
  metrics: [
    { id: 'xp', name: 'Experience', description: 'Experience points' },
    { id: 'coins', name: 'Coins', description: 'Spendable coins', min: 0 },
    { id: 'stars', name: 'Stars', description: 'Earned by prestige' },
    {
      id: 'level',
      name: 'Level',
      type: 'state',
      description: 'The level reached with experience',
      base: 'xp',
      states: [
        { name: 'Novice', description: 'Just started', min: 0 },
        { name: 'Adventurer', description: 'Has completed quests', min: 100 },
        { name: 'Hero', description: 'A seasoned hero', min: 250 },
      ],
    },
    {
      id: 'badges',
      name: 'Badges',
      type: 'set',
      items: [
        { name: 'Quest Master', description: 'Reached 250 experience' },
        { name: 'Big Spender', description: 'Given by the big_spender_rule' },
        { name: 'Star', description: 'Earned by prestige' },
      ],
    },
    {
      id: 'power',
      name: 'Power',
      type: 'compound',
      description: 'Experience plus ten per star',
      formula: "$scores['xp'] + 10 * $scores['stars']",
    },
  ],
  actions: [
    {
      id: 'complete_quest',
      name: 'Complete a quest',
      description: 'Earns the points of the quest and 10 coins',
      variables: [
        { name: 'points', type: 'int', required: true },
        { name: 'quest', type: 'string', required: false, default: 'main' },
      ],
      rewards: [
        { metric: 'xp', verb: 'add', value: "$vars['points']" },
        { metric: 'coins', verb: 'add', value: 10 },
      ],
    },
    {
      id: 'buy_item',
      name: 'Buy an item',
      description: 'Spends coins',
      variables: [{ name: 'price', type: 'int', required: true }],
      rewards: [{ metric: 'coins', verb: 'remove', value: "$vars['price']" }],
    },
    {
      id: 'prestige',
      name: 'Prestige',
      description: 'Resets experience for a star',
      rewards: [
        { metric: 'xp', verb: 'set', value: 0 },
        { metric: 'stars', verb: 'add', value: 1 },
        { metric: 'badges', verb: 'add', value: { Star: 1 } },
      ],
    },
    {
      id: 'daily_bonus',
      name: 'Daily bonus',
      description: 'A small bonus, 3 times every day',
      rewards: [
        { metric: 'xp', verb: 'add', value: 5 },
        { metric: 'coins', verb: 'add', value: 1 },
      ],
      playLimit: { times: 3, every: 'day' },
    },
  ],
  leaderboards: [
    { id: 'xp_leaderboard', name: 'Experience leaderboard', metric: 'xp' },
    {
      id: 'guild_leaderboard',
      name: 'Team experience leaderboard',
      metric: 'xp',
      entityType: 'teams',
    },
  ],
  rules: [
    { id: 'level_rule', name: 'Levels by experience', type: 'level', metric: 'level' },
    {
      id: 'quest_master_rule',
      name: 'Quest Master badge',
      type: 'achievement',
      requires: { metric: 'xp', min: 250 },
      rewards: [{ metric: 'badges', verb: 'add', value: { 'Quest Master': 1 } }],
    },
    {
      id: 'big_spender_rule',
      name: 'Big Spender badge',
      type: 'custom',
      rewards: [{ metric: 'badges', verb: 'add', value: { 'Big Spender': 1 } }],
    },
  ],
  teamDefinitions: [{ id: 'guild', name: 'Guild', roles: ['Member', 'Captain'] }],
  teams: [
    {
      id: 'team_guild',
      name: 'Quest Guild',
      definition: 'guild',
      owner: 'alice',
      members: [
        { player: 'alice', roles: ['Captain'] },
        { player: 'bob', roles: ['Member'] },
      ],
    },
    {
      id: 'team_watch',
      name: 'Night Watch',
      definition: 'guild',
      owner: 'carol',
      members: [
        { player: 'carol', roles: ['Captain'] },
        { player: 'dave', roles: ['Member'] },
      ],
    },
  ],
  processDefinitions: [{ id: 'quest_line', name: 'Quest line' }],
  players: [
    { id: 'alice', alias: 'Alice', scores: { xp: 120, coins: 30 } },
    { id: 'bob', alias: 'Bob', scores: { xp: 80, coins: 5 } },
    {
      id: 'carol',
      alias: 'Carol',
      scores: { xp: 120, coins: 12, stars: 1 },
      items: { badges: { Star: 1 } },
    },
    { id: 'dave', alias: 'Dave' },
  ],
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
