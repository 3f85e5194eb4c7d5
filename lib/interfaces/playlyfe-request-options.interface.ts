/** A query parameter value; arrays repeat the key. */
export type PlaylyfeQueryValue =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** Per-call options of `PlaylyfeService` methods. */
export interface PlaylyfeRequestOptions {
  /** Query parameters; never mutated. `undefined` and `null` values are left out. */
  query?: Readonly<Record<string, PlaylyfeQueryValue>>;
  /** The player a `/runtime` route acts as; sent as `player_id`. */
  playerId?: string;
  /** Cancels the call, and its wait for a token, when aborted. */
  signal?: AbortSignal;
}
