/** Which play of ours each applied action event belongs to, so no event proves two plays. */
export interface PlayClaims {
  /** Claims an event for a play: true when it was free or already this play's, atomically. */
  claim(eventId: string, playId: string): Promise<boolean>;
}

/** Claims in memory, each kept `ttlMs` (longer than any reconciliation window looks back). */
export class MemoryPlayClaims implements PlayClaims {
  private readonly claims = new Map<string, { playId: string; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  claim(eventId: string, playId: string): Promise<boolean> {
    const now = this.now();
    const held = this.claims.get(eventId);
    if (held !== undefined && now - held.at < this.ttlMs)
      return Promise.resolve(held.playId === playId);
    this.claims.delete(eventId);
    this.claims.set(eventId, { playId, at: now });
    this.prune(now);
    return Promise.resolve(true);
  }

  private prune(now: number): void {
    // Map order is insertion order: the oldest claims come first.
    for (const [id, held] of this.claims) {
      if (now - held.at < this.ttlMs) break;
      this.claims.delete(id);
    }
  }
}
