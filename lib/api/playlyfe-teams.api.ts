import type { Observable } from 'rxjs';
import type { PlaylyfePage, PlaylyfePaging } from '../interfaces/playlyfe-api.interfaces.js';
import type { PlaylyfeActivityEvent } from '../interfaces/playlyfe-events.interfaces.js';
import type {
  PlaylyfeActivityOptions,
  PlaylyfeActivityWindow,
  PlaylyfePageSize,
  PlaylyfeTeam,
  PlaylyfeTeamMember,
} from '../interfaces/playlyfe-game.interfaces.js';
import { feedQuery, pollActivity } from './playlyfe-activity.js';
import { callOptions, everyItem } from './playlyfe-paging.js';
import { segment, type PlaylyfeCallOptions, type PlaylyfeRequester } from './playlyfe-requester.js';

const teamRoute = (id: string) => `/admin/teams/${segment(id, 'team id')}`;

/** Admin routes for teams: list and read them, their members and their activity. */
export class PlaylyfeTeamsApi {
  constructor(private readonly http: PlaylyfeRequester) {}

  /** One page of teams (`GET /admin/teams`). */
  async list(
    paging: PlaylyfePaging = {},
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<PlaylyfeTeam>> {
    return this.http.get('/admin/teams', {
      ...options,
      query: { limit: paging.limit, skip: paging.skip },
    });
  }

  /** Every team, page after page: `for await (const team of playlyfe.teams.all())`. */
  all(options?: PlaylyfePageSize & PlaylyfeCallOptions): AsyncGenerator<PlaylyfeTeam, void> {
    return everyItem((paging) => this.list(paging, callOptions(options)), options);
  }

  /** One team (`GET /admin/teams/:id`). */
  async get(id: string, options?: PlaylyfeCallOptions): Promise<PlaylyfeTeam> {
    return this.http.get(teamRoute(id), options);
  }

  /** One page of a team's members (`GET /admin/teams/:id/members`). */
  async members(
    id: string,
    paging: PlaylyfePaging = {},
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfePage<PlaylyfeTeamMember>> {
    return this.http.get(`${teamRoute(id)}/members`, {
      ...options,
      query: { limit: paging.limit, skip: paging.skip },
    });
  }

  /** Every member of a team, page after page. */
  allMembers(
    id: string,
    options?: PlaylyfePageSize & PlaylyfeCallOptions,
  ): AsyncGenerator<PlaylyfeTeamMember, void> {
    segment(id, 'team id');
    return everyItem((paging) => this.members(id, paging, callOptions(options)), options);
  }

  /** A team's events in a time window, oldest first (`GET /admin/teams/:id/activity`). */
  async activity(
    id: string,
    window?: PlaylyfeActivityWindow,
    options?: PlaylyfeCallOptions,
  ): Promise<PlaylyfeActivityEvent[]> {
    return this.http.get(`${teamRoute(id)}/activity`, { ...options, query: feedQuery(window) });
  }

  /** A team's new events as they happen, by polling its feed. */
  activity$(id: string, options?: PlaylyfeActivityOptions): Observable<PlaylyfeActivityEvent> {
    return pollActivity((window, call) => this.activity(id, window, call), options);
  }
}
