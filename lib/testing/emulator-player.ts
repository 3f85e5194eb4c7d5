import type { EmulatorNotification } from './emulator.types.js';

/** A player as the game holds it. */
export interface Player {
  readonly id: string;
  alias: string;
  readonly created: string;
  enabled: boolean;
  /** Point scores by metric id. */
  readonly scores: Map<string, number>;
  /** Point metric ids and `set\u0000item` keys that hold a recorded value (a change from them has an `old`). */
  readonly touched: Set<string>;
  /** Item counts by set metric id. */
  readonly items: Map<string, Map<string, number>>;
  /** The state held, by state metric id (absent until a level rule first places the player). */
  readonly states: Map<string, string>;
  /** Plays by action id since the player was created. */
  readonly plays: Map<string, number>;
  /** Play times (emulator clock, ms) by action id, for the play limits' windows. */
  readonly playTimes: Map<string, number[]>;
  /** Point scores earned under a custom scope: scope id, then metric id. */
  readonly scoped: Map<string, Map<string, number>>;
  /** Achievement rules already given to this player. */
  readonly achieved: Set<string>;
  /** Oldest first. */
  readonly notifications: EmulatorNotification[];
}

/** The key of a set item in `Player.touched`. */
export const itemKey = (setId: string, item: string): string => `${setId}\u0000${item}`;

/** A player's count of one item of a set metric. */
export function itemCount(player: Player, setId: string, item: string): number {
  return player.items.get(setId)?.get(item) ?? 0;
}

/** Sets a player's count of one item of a set metric. */
export function setItemCount(player: Player, setId: string, item: string, count: number): void {
  let counts = player.items.get(setId);
  if (counts === undefined) {
    counts = new Map();
    player.items.set(setId, counts);
  }
  counts.set(item, count);
  player.touched.add(itemKey(setId, item));
}
