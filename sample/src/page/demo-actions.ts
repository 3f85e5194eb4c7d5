/** A button of the player page: an action of the game played with these variables. */
export interface PageAction {
  /** The Playlyfe action id. */
  id: string;
  label: string;
  /** What the player gets, in a few words. */
  hint: string;
  variables?: Record<string, unknown>;
}

/** The demo game's actions, as the page's buttons (a game of your own lists its own). */
export const DEMO_PAGE_ACTIONS: readonly PageAction[] = [
  {
    id: 'complete_quest',
    label: 'Complete the main quest',
    hint: '+300 xp, +10 coins',
    variables: { points: 300, quest: 'main' },
  },
  {
    id: 'complete_quest',
    label: 'Complete a side quest',
    hint: '+50 xp, +10 coins',
    variables: { points: 50, quest: 'side' },
  },
  { id: 'daily_bonus', label: 'Claim the daily bonus', hint: '+5 xp, +1 coin, 3 a day' },
  { id: 'buy_item', label: 'Buy a potion', hint: '−5 coins', variables: { price: 5 } },
  { id: 'prestige', label: 'Prestige', hint: 'xp back to 0 for a star' },
];
