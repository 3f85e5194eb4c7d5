import { validationException } from './emulator-errors.js';
import type { EmulatorGame, Player } from './emulator-game.js';
import { isObject } from './emulator-http.js';
import { pointValue } from './emulator-metrics.js';
import { itemCount, setItemCount } from './emulator-player.js';
import { fireRules } from './emulator-rules.js';
import type { EmulatorChange } from './emulator.types.js';

type Delta = { old: string | null; new: string };
const moved = (d: Delta, from = 0): number =>
  Number(d.new) - (d.old === null ? from : Number(d.old));

/** Takes back one change: points and item counts move back by what the change added. */
function undo(game: EmulatorGame, player: Player, change: EmulatorChange): boolean {
  const metric = game.metrics.get(change.metric.id);
  if (metric?.kind === 'point') {
    const d = change.delta as Delta;
    let value = pointValue(metric, player) - moved(d, metric.initial);
    if (metric.min !== undefined && value < metric.min) value = metric.min;
    if (metric.max !== undefined && value > metric.max) value = metric.max;
    player.scores.set(metric.ref.id, value);
    return true;
  }
  if (metric?.kind === 'set') {
    for (const [item, d] of Object.entries(change.delta as Record<string, Delta>)) {
      const count = itemCount(player, metric.ref.id, item) - moved(d);
      setItemCount(player, metric.ref.id, item, Math.max(0, count));
    }
  }
  return false;
}

/**
 * POST /admin/players/:id/revert `{event_ids}` (called by moodle-playlyfe lib.php; semantics and
 * answer assumed): takes back the point and item changes of the player's events, runs the level
 * rules on the base metrics that moved, and answers `{}`. An event is reverted once.
 */
export function revertEvents(
  game: EmulatorGame,
  player: Player,
  body: unknown,
): Record<string, never> {
  const ids = isObject(body) ? body['event_ids'] : undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw validationException('event_ids must be an array of event ids', [
      { field: 'event_ids', message: 'is required' },
    ]);
  }
  const events = ids.map((id) => {
    const event = game.activity.find(id, player.id);
    if (event === undefined || !Array.isArray(event['changes'])) {
      throw validationException(`No event of this player has the id '${id}'`, [
        { field: 'event_ids', message: id },
      ]);
    }
    if (game.reverted.has(id)) {
      throw validationException(`The event '${id}' is already reverted`, [
        { field: 'event_ids', message: id },
      ]);
    }
    return { id, changes: event['changes'] as EmulatorChange[] };
  });
  const points: EmulatorChange[] = [];
  for (const { id, changes } of events) {
    game.reverted.add(id);
    for (const change of [...changes].reverse())
      if (undo(game, player, change)) points.push(change);
  }
  fireRules(
    player,
    [...game.rules.values()].filter((r) => r.kind === 'level'),
    game.metrics,
    points,
  );
  return {};
}
