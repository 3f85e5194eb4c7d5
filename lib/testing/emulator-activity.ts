import { ASSUMED_ACTIVITY_LIMIT, ASSUMED_FEED_WINDOW_MS } from './emulator-assumptions.js';
import { validationException } from './emulator-errors.js';
import { timeParam } from './emulator-params.js';

/** An event of the game's activity, with who and which teams it concerns. */
interface Logged {
  readonly at: number;
  readonly event: Readonly<Record<string, unknown>>;
  readonly players: readonly string[];
  readonly teams: readonly string[];
}

/** The game's activity: every event, oldest first, for the three activity feeds. */
export class ActivityLog {
  private events: Logged[] = [];

  constructor(private readonly limit = ASSUMED_ACTIVITY_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError('PlaylyfeEmulator: activityLimit must be a positive integer');
    }
  }

  clear(): void {
    this.events = [];
  }

  /** Records an event that concerns these players and teams. */
  record(
    at: number,
    event: Record<string, unknown>,
    players: readonly string[],
    teams: readonly string[] = [],
  ): void {
    this.events.push({ at, event: structuredClone(event), players, teams });
    if (this.events.length > this.limit) this.events.shift();
  }

  /** A copy of the event with this id that concerns this player, or undefined. */
  find(id: string, playerId: string): Record<string, unknown> | undefined {
    const logged = this.events.find((l) => l.event['id'] === id && l.players.includes(playerId));
    return logged === undefined ? undefined : structuredClone(logged.event);
  }

  /** GET /admin/activity: every event between `start` and `end`, a bare array. */
  game(query: URLSearchParams, now: number): Record<string, unknown>[] {
    return this.window(query, now).map((l) => structuredClone(l.event) as Record<string, unknown>);
  }

  /** GET /admin/players/:id/activity: the player's events, without the `actor` naming the player. */
  player(id: string, query: URLSearchParams, now: number): Record<string, unknown>[] {
    return this.window(query, now)
      .filter((l) => l.players.includes(id))
      .map((l) => {
        const event = structuredClone(l.event) as Record<string, unknown>;
        if ((event['actor'] as { id?: unknown } | undefined)?.id === id) delete event['actor'];
        return event;
      });
  }

  /** GET /admin/teams/:id/activity: the team's events, without the `team` key. */
  team(id: string, query: URLSearchParams, now: number): Record<string, unknown>[] {
    return this.window(query, now)
      .filter((l) => l.teams.includes(id))
      .map((l) => {
        const event = structuredClone(l.event) as Record<string, unknown>;
        delete event['team'];
        return event;
      });
  }

  private window(query: URLSearchParams, now: number): Logged[] {
    const end = timeParam(query, 'end') ?? now;
    const start = timeParam(query, 'start') ?? end - ASSUMED_FEED_WINDOW_MS;
    if (start > end) throw validationException('start must not be after end', { start, end });
    return this.events.filter((l) => l.at >= start && l.at <= end);
  }
}
