import { randomUUID } from 'node:crypto';
import type {
  PlaylyfeTokenStore,
  PlaylyfeTokenStoreLock,
} from '../interfaces/playlyfe-token-store.interface.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * A PlaylyfeTokenStore in this process's memory: shares a token between registrations of one process,
 * and shows what a store must do. Across processes, use RedisTokenStore or your own implementation.
 */
export class InMemoryTokenStore implements PlaylyfeTokenStore {
  private readonly entries = new Map<string, Entry>();

  read(key: string): Promise<string | undefined> {
    return Promise.resolve(this.live(key)?.value);
  }

  write(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    return Promise.resolve();
  }

  deleteIfEquals(key: string, expected: string): Promise<void> {
    if (this.live(key)?.value === expected) this.entries.delete(key);
    return Promise.resolve();
  }

  lock(key: string, ttlMs: number): Promise<PlaylyfeTokenStoreLock | undefined> {
    if (this.live(key)) return Promise.resolve(undefined);
    const owner = randomUUID();
    this.entries.set(key, { value: owner, expiresAt: Date.now() + ttlMs });
    return Promise.resolve({ release: () => this.deleteIfEquals(key, owner) });
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
