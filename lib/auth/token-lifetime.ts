/** A token answer's `expires_in` below this is refused: no call could use the token. */
export const MIN_TOKEN_LIFETIME_SECONDS = 1;
/** A longer `expires_in` is capped to this: the token is renewed at least once a day. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;

/**
 * The lifetime in milliseconds of a token answer's `expires_in`: whole seconds in decimal digits (a
 * JSON number or a string), at least 1 s, capped to a day. Anything else (`"0x10"`, `1e308`,
 * `0.001`, `" 60"`) is `undefined`, so an expiry is always a finite time a store can keep.
 */
export function tokenLifetimeMs(expiresIn: unknown): number | undefined {
  const text =
    typeof expiresIn === 'number' && Number.isSafeInteger(expiresIn)
      ? String(expiresIn)
      : expiresIn;
  if (typeof text !== 'string' || !/^[0-9]{1,15}$/.test(text)) return undefined;
  const seconds = Number(text);
  if (seconds < MIN_TOKEN_LIFETIME_SECONDS) return undefined;
  return Math.min(seconds, MAX_TOKEN_LIFETIME_SECONDS) * 1000;
}
