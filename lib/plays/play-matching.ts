import type {
  PlaylyfeActionEvent,
  PlaylyfeActivityEvent,
} from '../interfaces/playlyfe-api.interfaces.js';

/** Whether two JSON values are equal (objects compared key by key, whatever the key order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * The action events of a feed that may be this play, oldest first: same action, and every variable
 * sent holds the same value (Playlyfe adds the action's defaults to the event's `vars`).
 */
export function matchingPlayEvents(
  feed: readonly PlaylyfeActivityEvent[],
  actionId: string,
  variables: Readonly<Record<string, unknown>>,
): PlaylyfeActionEvent[] {
  const sent = Object.entries(variables);
  return feed
    .filter(
      (e): e is PlaylyfeActionEvent =>
        e.event === 'action' &&
        e.action?.id === actionId &&
        sent.every(([name, value]) => sameJson(e.action.vars?.[name], value)),
    )
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
}
