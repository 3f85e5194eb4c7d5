const REDACTED = '[redacted]';
const SECRET_PARAM = /([?&](?:access_token|client_secret|jwt)=)[^&#\s"']*/gi;
const BEARER = /(bearer\s+)[\w\-.~+/]+=*/gi;

/** Replaces every occurrence of the given secrets, and any token-shaped query value or bearer header, in a string. */
export function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(SECRET_PARAM, `$1${REDACTED}`).replace(BEARER, `$1${REDACTED}`);
  // A secret that the markers themselves can spell (e.g. "ted][redac") leaves nothing to keep.
  return secrets.some((secret) => secret && out.includes(secret)) ? REDACTED : out;
}

/** Levels of nesting kept by `redactValue`; anything deeper is replaced by TRUNCATED. */
export const MAX_DEPTH = 16;
const TRUNCATED = '[truncated]';

/**
 * Deep copy of JSON-like data with every string passed through `redactString`. Keys are defined as
 * own properties, so a `"__proto__"` key stays a key and never becomes the copy's prototype.
 */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, redactString(key, secrets), {
      value: redactValue(item, secrets, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
