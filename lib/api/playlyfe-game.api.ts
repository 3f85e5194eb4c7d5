import type { Observable } from 'rxjs';
import type { PlaylyfeActivityEvent } from '../interfaces/playlyfe-events.interfaces.js';
import type {
  PlaylyfeActivityOptions,
  PlaylyfeActivityWindow,
  PlaylyfeGameInfo,
} from '../interfaces/playlyfe-game.interfaces.js';
import { feedQuery, pollActivity } from './playlyfe-activity.js';
import type { PlaylyfeCallOptions, PlaylyfeRequester } from './playlyfe-requester.js';

/** Admin routes about the whole game: its info and its activity feed. */
export class PlaylyfeGameApi {
  constructor(private readonly http: PlaylyfeRequester) {}

  /** The game and the API version (`GET /admin`). */
  async info(options?: PlaylyfeCallOptions): Promise<PlaylyfeGameInfo> {
    return this.http.get('/admin', options);
  }

  /** The game's events in a time window, oldest first (`GET /admin/activity`). */
  async activity(
    window?: PlaylyfeActivityWindow,
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfeActivityEvent[]> {
    return this.http.get('/admin/activity', { ...options, query: feedQuery(window) });
  }

  /** The game's new events as they happen, by polling its feed (see `PlaylyfeActivityOptions`). */
  activity$(options?: PlaylyfeActivityOptions): Observable<PlaylyfeActivityEvent> {
    return pollActivity((window, call) => this.activity(window, call), options);
  }
}
