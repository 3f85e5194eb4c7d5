import type { QueuedPlay } from './play-delivery.js';
import type { PlaylyfePlayOutcome, PlaylyfePlaysStats } from './plays.interfaces.js';

/** What PlaylyfePlays asks of the queue that holds its plays: in this process, or in Redis. */
export interface PlayBackend {
  /** Holds a play; resolves once it is held (in Redis: once BullMQ has the job). */
  add(play: QueuedPlay): void | Promise<void>;
  /** Plays held and the age of the oldest. */
  stats(): Promise<PlaylyfePlaysStats>;
  /**
   * A play this process does not know: its outcome if it ended (and is still kept), `'held'` while
   * it waits or is delivered, undefined when no such play is known.
   */
  lookup(playId: string): Promise<PlaylyfePlayOutcome | 'held' | undefined>;
  /** Stops taking plays and lets those in flight finish, up to `timeoutMs`; closes connections. */
  close(timeoutMs: number): Promise<void>;
}
