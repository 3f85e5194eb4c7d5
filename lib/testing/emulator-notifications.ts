import { validationException } from './emulator-errors.js';
import type { Player } from './emulator-game.js';
import { isObject } from './emulator-http.js';
import { paging, timeParam } from './emulator-params.js';
import type { EmulatorNotification } from './emulator.types.js';

/**
 * A player's notifications, newest first, between `start` and `end` (inclusive; ISO 8601 or epoch
 * milliseconds), paged by `limit`/`skip`.
 */
export function listNotifications(
  player: Player,
  query: URLSearchParams,
): { data: EmulatorNotification[]; total: number } {
  const start = timeParam(query, 'start') ?? -Infinity;
  const end = timeParam(query, 'end') ?? Infinity;
  const { limit, skip } = paging(query);
  const matching: EmulatorNotification[] = [];
  for (let i = player.notifications.length - 1; i >= 0; i--) {
    const n = player.notifications[i];
    const at = Date.parse(n.timestamp);
    if (at >= start && at <= end) matching.push(n);
  }
  return { data: matching.slice(skip, skip + limit), total: matching.length };
}

/** Marks the notifications named in a `{ids: [...]}` body as seen; unknown ids are ignored. */
export function markSeen(player: Player, body: unknown): { seen: number } {
  const ids = isObject(body) ? body['ids'] : undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw validationException('ids must be an array of notification ids', [
      { field: 'ids', message: 'is required and must be an array of strings' },
    ]);
  }
  const wanted = new Set<unknown>(ids);
  let seen = 0;
  for (const n of player.notifications) {
    if (wanted.has(n.id) && !n.seen) {
      n.seen = true;
      seen += 1;
    }
  }
  return { seen };
}
