/**
 * Compares the shape of an emulator answer with a recorded Playlyfe answer: key sets and value
 * types, never values. A recorded array is a list of allowed element shapes (each emulator element
 * must match one; an empty recorded array allows any element). Objects under `vars`, `states`,
 * `items`, `roles`, `delta` and `value` whose keys are names (items, states, roles, variables:
 * no `new` or `name` key) are maps: their keys are not compared, each value must match one of the
 * recorded values.
 */
const MAP_KEYS: ReadonlySet<string> = new Set([
  'vars',
  'states',
  'items',
  'roles',
  'delta',
  'value',
]);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isMap = (key: string, v: Json): boolean =>
  MAP_KEYS.has(key) && !('new' in v) && !('name' in v);

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** The mismatches between an emulator value and a recorded one, as `path: reason` lines. */
export function shapeMismatches(
  actual: unknown,
  recorded: unknown,
  path = '$',
  key = '',
): string[] {
  if (kind(actual) !== kind(recorded))
    return [`${path}: ${kind(actual)} where Playlyfe has ${kind(recorded)}`];
  if (Array.isArray(recorded)) {
    if (recorded.length === 0) return [];
    return (actual as unknown[]).flatMap((element, i) =>
      oneOf(element, recorded, `${path}[${i}]`, key),
    );
  }
  if (!isObject(recorded)) return [];
  const a = actual as Json;
  if (isMap(key, recorded) && isMap(key, a)) {
    const allowed = Object.values(recorded);
    if (allowed.length === 0) return [];
    return Object.entries(a).flatMap(([k, v]) => oneOf(v, allowed, `${path}.${k}`, ''));
  }
  const out: string[] = [];
  for (const k of Object.keys(recorded)) if (!(k in a)) out.push(`${path}.${k}: missing`);
  for (const k of Object.keys(a))
    if (!(k in recorded)) out.push(`${path}.${k}: not in Playlyfe's answer`);
  for (const k of Object.keys(recorded)) {
    if (k in a) out.push(...shapeMismatches(a[k], recorded[k], `${path}.${k}`, k));
  }
  return out;
}

/** Matches one of the recorded alternatives; reports the closest one's mismatches otherwise. */
function oneOf(
  actual: unknown,
  alternatives: readonly unknown[],
  path: string,
  key: string,
): string[] {
  let best: string[] | undefined;
  for (const alternative of alternatives) {
    const found = shapeMismatches(actual, alternative, path, key);
    if (found.length === 0) return [];
    if (best === undefined || found.length < best.length) best = found;
  }
  return best ?? [];
}
