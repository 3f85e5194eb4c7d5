/**
 * The routes whose shape the module knows (the typed helpers and the routes of the Playlyfe API
 * reference), as `url.template` values: fixed routes, and routes with one `{id}` segment.
 */
const FIXED = new Set([
  '/admin/players',
  '/runtime/player',
  '/runtime/actions',
  '/runtime/leaderboards',
  '/runtime/notifications',
  '/runtime/definitions/metrics',
]);

/** `[prefix, suffix]` of the routes with an id: `${prefix}{id}${suffix}`. */
const WITH_ID: readonly (readonly [string, string])[] = [
  ['/admin/players/', ''],
  ['/runtime/leaderboards/', ''],
  ['/runtime/actions/', '/play'],
];

/**
 * The `url.template` of a route (`/runtime/leaderboards/weekly` → `/runtime/leaderboards/{id}`), or
 * `undefined` for a route the module does not know: then nothing of the path is used as a name.
 * Runs on every call, hence string checks rather than splitting.
 */
export function urlTemplate(route: string): string | undefined {
  if (FIXED.has(route)) return route;
  for (const [prefix, suffix] of WITH_ID) {
    if (!route.startsWith(prefix) || !route.endsWith(suffix)) continue;
    const id = route.slice(prefix.length, route.length - suffix.length);
    if (id !== '' && !id.includes('/')) return `${prefix}{id}${suffix}`;
  }
  return undefined;
}
