import type {
  PlaylyfePage,
  PlaylyfePaging,
  PlaylyfePlayer,
  PlaylyfePlayerSummary,
} from '../interfaces/playlyfe-api.interfaces.js';
import { segment, type PlaylyfeCallOptions, type PlaylyfeRequester } from './playlyfe-requester.js';

/** Admin routes for players: create, list, read and delete them. */
export class PlaylyfePlayersApi {
  constructor(private readonly http: PlaylyfeRequester) {}

  /** Creates a player; a taken id rejects with code `player_exists`. */
  async create(
    player: { id: string; alias?: string },
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePlayer> {
    segment(player?.id, 'player.id');
    return this.http.post<PlaylyfePlayer>(
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

  /** A player's full profile. */
  async get(id: string, options?: PlaylyfeCallOptions): Promise<PlaylyfePlayer> {
    return this.http.get(`/admin/players/${segment(id, 'player id')}`, options);
  }

  /** Deletes a player. */
  async delete(id: string, options?: PlaylyfeCallOptions): Promise<unknown> {
    return this.http.delete(`/admin/players/${segment(id, 'player id')}`, options);
  }
}
