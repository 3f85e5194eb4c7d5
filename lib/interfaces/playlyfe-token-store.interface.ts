/** A held refresh lock; released by its owner only. */
export interface PlaylyfeTokenStoreLock {
  release(): Promise<void>;
}

/**
 * Where the instances of an app share one access token (Redis, a database, Nest's cache manager).
 * Values are opaque strings, already encrypted with a key derived from the client secret.
 */
export interface PlaylyfeTokenStore {
  /** The value stored under `key`, or `undefined`. */
  read(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  write(key: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes `key` only while it still holds `expected` (compare-and-delete). */
  deleteIfEquals(key: string, expected: string): Promise<void>;
  /** Takes the lock `key` for `ttlMs` if no one holds it; `undefined` when another instance does. */
  lock?(key: string, ttlMs: number): Promise<PlaylyfeTokenStoreLock | undefined>;
  /** Called when the module that uses the store closes. */
  close?(): Promise<void>;
}
