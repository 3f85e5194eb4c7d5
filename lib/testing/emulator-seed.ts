import type { EmulatorGameSeed } from './emulator.types.js';

/**
 * The demo game served by default.
 * - metrics: `xp`, `coins` (never below 0), `stars`;
 * - actions: `complete_quest` (adds `$vars['points']` xp and 10 coins; `points` required),
 *   `buy_item` (removes `$vars['price']` coins), `prestige` (sets xp to 0, adds 1 star),
 *   `daily_bonus` (adds 5 xp and 1 coin, at most 3 plays per player);
 * - leaderboard `xp_leaderboard` on `xp`;
 * - players `alice` (xp 120), `bob` (80), `carol` (120), `dave` (0).
 */
export const DEMO_GAME: EmulatorGameSeed = deepFreeze<EmulatorGameSeed>({
  metrics: [
    { id: 'xp', name: 'Experience', description: 'Experience points' },
    { id: 'coins', name: 'Coins', description: 'Spendable coins', min: 0 },
    { id: 'stars', name: 'Stars', description: 'Earned by prestige' },
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
      ],
    },
    {
      id: 'daily_bonus',
      name: 'Daily bonus',
      description: 'A small bonus, at most 3 times per player',
      rewards: [
        { metric: 'xp', verb: 'add', value: 5 },
        { metric: 'coins', verb: 'add', value: 1 },
      ],
      playLimit: 3,
    },
  ],
  leaderboards: [{ id: 'xp_leaderboard', name: 'Experience leaderboard', metric: 'xp' }],
  players: [
    { id: 'alice', alias: 'Alice', scores: { xp: 120, coins: 30 } },
    { id: 'bob', alias: 'Bob', scores: { xp: 80, coins: 5 } },
    { id: 'carol', alias: 'Carol', scores: { xp: 120, coins: 12, stars: 1 } },
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
