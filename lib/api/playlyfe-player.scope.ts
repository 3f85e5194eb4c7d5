import type {
  PlaylyfeAction,
  PlaylyfeLeaderboardEntry,
  PlaylyfeLeaderboardInfo,
  PlaylyfeLeaderboardQuery,
  PlaylyfeMetricDefinition,
  PlaylyfeNotification,
  PlaylyfeNotificationQuery,
  PlaylyfePage,
  PlaylyfePaging,
  PlaylyfePlayResult,
  PlaylyfePlayer,
  PlaylyfeRuntimePlayer,
  PlaylyfeTeamLeaderboardEntry,
} from '../interfaces/playlyfe-api.interfaces.js';
import type {
  PlaylyfePageSize,
  PlaylyfeTeamDefinition,
} from '../interfaces/playlyfe-game.interfaces.js';
import { callOptions, everyItem } from './playlyfe-paging.js';
import type { PlaylyfeRequestOptions } from '../interfaces/playlyfe-request-options.interface.js';
import { segment, type PlaylyfeCallOptions, type PlaylyfeRequester } from './playlyfe-requester.js';

function time(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

/** Runtime routes acting as one player (`player_id` is sent for you). */
export class PlaylyfePlayerScope {
  constructor(
    private readonly http: PlaylyfeRequester,
    readonly playerId: string,
  ) {
    segment(playerId, 'playerId');
  }

  private as(
    options?: PlaylyfeCallOptions,
    query?: PlaylyfeRequestOptions['query'],
  ): PlaylyfeRequestOptions {
    return { ...options, playerId: this.playerId, query };
  }

  /** The player's profile with scores. */
  async profile(options?: PlaylyfeCallOptions): Promise<PlaylyfePlayer> {
    return this.http.get('/runtime/player', this.as(options));
  }

  /** Changes the player's alias. */
  async update(changes: { alias: string }, options?: PlaylyfeCallOptions): Promise<PlaylyfePlayer> {
    return this.http.patch('/runtime/player', { alias: changes.alias }, this.as(options));
  }

  /** The actions this player can play. */
  async actions(options?: PlaylyfeCallOptions): Promise<PlaylyfeAction[]> {
    return this.http.get('/runtime/actions', this.as(options));
  }

  /** Plays an action, with its variables; rewards land on the player's scores. */
  async play(
    actionId: string,
    variables?: Record<string, unknown>,
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePlayResult> {
    const body = variables === undefined ? {} : { variables };
    return this.http.post(
      `/runtime/actions/${segment(actionId, 'actionId')}/play`,
      body,
      this.as(options),
    );
  }

  /** The leaderboards this player can see. */
  async leaderboards(options?: PlaylyfeCallOptions): Promise<PlaylyfeLeaderboardInfo[]> {
    return this.http.get('/runtime/leaderboards', this.as(options));
  }

  /** One leaderboard of players, ranked (cycle `alltime` unless given). */
  async leaderboard(
    leaderboardId: string,
    query: PlaylyfeLeaderboardQuery = {},
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<PlaylyfeLeaderboardEntry>> {
    return this.ranked(leaderboardId, query, options);
  }

  /** A leaderboard of teams (`entity_type: "teams"`): rows rank `team {id, name}`. */
  async teamLeaderboard(
    leaderboardId: string,
    query: PlaylyfeLeaderboardQuery = {},
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<PlaylyfeTeamLeaderboardEntry>> {
    return this.ranked(leaderboardId, query, options);
  }

  private async ranked<T>(
    leaderboardId: string,
    query: PlaylyfeLeaderboardQuery,
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<T>> {
    return this.http.get(
      `/runtime/leaderboards/${segment(leaderboardId, 'leaderboardId')}`,
      this.as(options, {
        cycle: query.cycle ?? 'alltime',
        limit: query.limit,
        skip: query.skip,
        ranking: query.ranking,
        entity_id: query.entityId,
        radius: query.radius,
        scope_id: query.scopeId,
      }),
    );
  }

  /** The player's notifications, newest first. */
  async notifications(
    query: PlaylyfeNotificationQuery = {},
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<PlaylyfeNotification>> {
    return this.http.get(
      '/runtime/notifications',
      this.as(options, {
        start: time(query.start),
        end: time(query.end),
        limit: query.limit,
        skip: query.skip,
      }),
    );
  }

  /** Marks notifications as seen. */
  async markNotificationsSeen(
    ids: readonly string[],
    options?: PlaylyfeCallOptions,
  ): Promise<unknown> {
    return this.http.post('/runtime/notifications', { ids: [...ids] }, this.as(options));
  }

  /** The game's metric definitions. */
  async metrics(options?: PlaylyfeCallOptions): Promise<PlaylyfeMetricDefinition[]> {
    return this.http.get('/runtime/definitions/metrics', this.as(options));
  }

  /** The game's team definitions (`GET /runtime/definitions/teams`). */
  async teamDefinitions(options?: PlaylyfeCallOptions): Promise<PlaylyfeTeamDefinition[]> {
    return this.http.get('/runtime/definitions/teams', this.as(options));
  }

  /** One page of the players this player can see (`GET /runtime/players`). */
  async players(
    paging: PlaylyfePaging = {},
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<PlaylyfeRuntimePlayer>> {
    return this.http.get(
      '/runtime/players',
      this.as(options, { limit: paging.limit, skip: paging.skip }),
    );
  }

  /** Every player this player can see, page after page. */
  allPlayers(
    options?: PlaylyfePageSize & PlaylyfeCallOptions,
  ): AsyncGenerator<PlaylyfeRuntimePlayer, void> {
    return everyItem((paging) => this.players(paging, callOptions(options)), options);
  }
}
