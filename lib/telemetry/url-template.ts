/**
 * The routes whose shape the module knows (the typed helpers and the routes of the Playlyfe API
 * reference), as `url.template` values. A variable segment is written `{name}`.
 */
const TEMPLATES = [
  '/admin/players',
  '/admin/players/{id}',
  '/runtime/player',
  '/runtime/actions',
  '/runtime/actions/{id}/play',
  '/runtime/leaderboards',
  '/runtime/leaderboards/{id}',
  '/runtime/notifications',
  '/runtime/definitions/metrics',
];

type Segments = readonly string[];

/** Templates by number of segments: a route is matched against the few of its own length only. */
const BY_LENGTH = new Map<number, Segments[]>();
for (const template of TEMPLATES) {
  const segments = template.split('/');
  const list = BY_LENGTH.get(segments.length) ?? [];
  list.push(segments);
  BY_LENGTH.set(segments.length, list);
}

function matches(template: Segments, route: Segments): boolean {
  for (let i = 0; i < template.length; i++) {
    const part = template[i];
    if (part.startsWith('{')) {
      if (route[i] === '') return false;
    } else if (part !== route[i]) {
      return false;
    }
  }
  return true;
}

/**
 * The `url.template` of a route (`/runtime/leaderboards/weekly` → `/runtime/leaderboards/{id}`), or
 * `undefined` for a route the module does not know: then nothing of the path is used as a name.
 */
export function urlTemplate(route: string): string | undefined {
  const segments = route.split('/');
  for (const template of BY_LENGTH.get(segments.length) ?? []) {
    if (matches(template, segments)) return template.join('/');
  }
  return undefined;
}
