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

/** Deep copy of JSON-like data with every string passed through `redactString`. */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[redactString(key, secrets)] = redactValue(item, secrets, depth + 1);
  }
  return copy;
}
