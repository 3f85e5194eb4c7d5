import type { Observable } from 'rxjs';
import type {
  PlaylyfeCreatedPlayer,
  PlaylyfePage,
  PlaylyfePaging,
  PlaylyfePlayer,
  PlaylyfePlayerSummary,
} from '../interfaces/playlyfe-api.interfaces.js';
import type { PlaylyfeActivityEvent } from '../interfaces/playlyfe-events.interfaces.js';
import type {
  PlaylyfeActivityOptions,
  PlaylyfeActivityWindow,
  PlaylyfePageSize,
} from '../interfaces/playlyfe-game.interfaces.js';
import { feedQuery, pollActivity } from './playlyfe-activity.js';
import { callOptions, everyItem } from './playlyfe-paging.js';
import { segment, type PlaylyfeCallOptions, type PlaylyfeRequester } from './playlyfe-requester.js';

const playerRoute = (id: string) => `/admin/players/${segment(id, 'player id')}`;

/** Admin routes for players: create, list, read and delete them, and read their activity. */
export class PlaylyfePlayersApi {
  constructor(private readonly http: PlaylyfeRequester) {}

  /** Creates a player; a taken id rejects with code `player_exists`. */
  async create(
    player: { id: string; alias?: string },
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfeCreatedPlayer> {
    segment(player?.id, 'player.id');
    return this.http.post<PlaylyfeCreatedPlayer>(
      '/admin/players',
      { id: player.id, alias: player.alias ?? player.id },
      options,
    );
  }

  /** One page of players. */
  async list(
    paging: PlaylyfePaging = {},
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<PlaylyfePlayerSummary>> {
    return this.http.get('/admin/players', {
      ...options,
      query: { limit: paging.limit, skip: paging.skip },
    });
  }

  /** Every player, page after page: `for await (const player of playlyfe.players.all())`. */
  all(
    options?: PlaylyfePageSize & PlaylyfeCallOptions,
  ): AsyncGenerator<PlaylyfePlayerSummary, void> {
    return everyItem((paging) => this.list(paging, callOptions(options)), options);
  }

  /** A player's full profile. */
  async get(id: string, options?: PlaylyfeCallOptions): Promise<PlaylyfePlayer> {
    return this.http.get(playerRoute(id), options);
  }

  /** Deletes a player. */
  async delete(id: string, options?: PlaylyfeCallOptions): Promise<unknown> {
    return this.http.delete(playerRoute(id), options);
  }

  /** A player's events in a time window, oldest first (`GET /admin/players/:id/activity`). */
  async activity(
    id: string,
    window?: PlaylyfeActivityWindow,
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfeActivityEvent[]> {
    return this.http.get(`${playerRoute(id)}/activity`, { ...options, query: feedQuery(window) });
  }

  /** A player's new events as they happen (level-ups, badges...), by polling the player's feed. */
  activity$(id: string, options?: PlaylyfeActivityOptions): Observable<PlaylyfeActivityEvent> {
    return pollActivity((window, call) => this.activity(id, window, call), options);
  }
}
