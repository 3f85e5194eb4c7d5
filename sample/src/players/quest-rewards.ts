import { BadRequestException } from '@nestjs/common';
import { isPlaylyfeChange, type PlaylyfeEvent } from 'nestjs-playlyfe';

/** The quests of the demo game and the xp each is worth: the server decides, not the client. */
export const QUESTS: Readonly<Record<string, number>> = { main: 300, side: 50 };

/** A quest a player completed: the `complete_quest` play it makes. */
export interface CompletedQuest {
  playerId: string;
  quest: string;
  points: number;
}

/** The quest named in the path, or 400 `unknown_quest`. */
export function completedQuest(playerId: string, quest: string): CompletedQuest {
  const points = Object.hasOwn(QUESTS, quest) ? QUESTS[quest] : undefined;
  if (points === undefined) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'unknown_quest',
      message: `no quest '${quest}': the quests are ${Object.keys(QUESTS).join(', ')}`,
    });
  }
  return { playerId, quest, points };
}

/** The level a play's events moved the player to, or null when it did not change. */
export function levelReached(events: readonly PlaylyfeEvent[]): string | null {
  for (const event of events) {
    if (event.event !== 'level') continue;
    const change = event.changes.find((c) => isPlaylyfeChange(c, 'state'));
    if (change !== undefined) return change.delta.new;
  }
  return null;
}

/** The badges a play's events gave the player (each item of a set whose count went up). */
export function badgesEarned(events: readonly PlaylyfeEvent[]): string[] {
  const badges: string[] = [];
  for (const event of events) {
    if (event.event !== 'achievement') continue;
    for (const change of event.changes) {
      if (!isPlaylyfeChange(change, 'set')) continue;
      for (const [badge, delta] of Object.entries(change.delta)) {
        if (Number(delta.new) > Number(delta.old ?? 0)) badges.push(badge);
      }
    }
  }
  return badges;
}
