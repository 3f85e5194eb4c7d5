import { invalidPlayer, notFound } from './emulator-errors.js';
import type { Player } from './emulator-game.js';
import { isObject } from './emulator-http.js';
import { leaderboardView, rankEntities } from './emulator-leaderboard.js';
import { runtimeDefinition } from './emulator-metrics.js';
import { listNotifications, markSeen } from './emulator-notifications.js';
import { page } from './emulator-params.js';
import { actionView, play } from './emulator-play.js';
import {
  deleteProcess,
  getProcess,
  listProcesses,
  patchProcess,
  processDefinitions,
  startProcess,
} from './emulator-processes.js';
import type { RouteContext, RouteDefinition } from './emulator-router.js';
import { memberViews, profileTeams, teamDefinitionView } from './emulator-teams.js';

const param = (ctx: RouteContext, i: number): string => ctx.params[i];

/** The acting player of a runtime route (the dispatcher resolves it before the handler runs). */
function me(ctx: RouteContext): Player {
  if (ctx.player === undefined) throw invalidPlayer();
  return ctx.player;
}

/** The `/runtime` routes: every one acts as the `player_id` player. */
export const RUNTIME_ROUTES: readonly RouteDefinition[] = [
  { route: 'GET /runtime/player', handler: (ctx) => ctx.game.profile(me(ctx)) },
  {
    route: 'PATCH /runtime/player',
    handler: (ctx) => {
      ctx.game.updatePlayer(me(ctx), ctx.body);
      return ctx.game.profile(me(ctx));
    },
  },
  {
    route: 'GET /runtime/players',
    handler: (ctx) =>
      page(
        ctx.game.playerList().map((p) => ({ id: p.id, alias: p.alias, enabled: p.enabled })),
        ctx.query,
      ),
  },
  {
    route: 'GET /runtime/actions',
    handler: (ctx) => [...ctx.game.actions.values()].map((a) => actionView(a, me(ctx))),
  },
  {
    route: 'GET /runtime/actions/:id',
    handler: (ctx) => {
      const action = ctx.game.actions.get(param(ctx, 0));
      if (action === undefined) throw notFound('action', param(ctx, 0));
      return actionView(action, me(ctx));
    },
  },
  {
    route: 'POST /runtime/actions/:id/play',
    handler: (ctx) => play(ctx.game, me(ctx), param(ctx, 0), ctx.body),
  },
  {
    route: 'GET /runtime/leaderboards',
    handler: (ctx) => [...ctx.game.leaderboards.values()].map(leaderboardView),
  },
  {
    route: 'GET /runtime/leaderboards/:id',
    handler: (ctx) => {
      const board = ctx.game.leaderboards.get(param(ctx, 0));
      if (board === undefined) throw notFound('leaderboard', param(ctx, 0));
      return rankEntities(
        board,
        ctx.game.playerList(),
        [...ctx.game.teams.values()],
        ctx.query,
        me(ctx).id,
      );
    },
  },
  { route: 'GET /runtime/notifications', handler: (ctx) => listNotifications(me(ctx), ctx.query) },
  { route: 'POST /runtime/notifications', handler: (ctx) => markSeen(me(ctx), ctx.body) },
  {
    route: 'GET /runtime/definitions/metrics',
    handler: (ctx) => [...ctx.game.metrics.values()].map(runtimeDefinition),
  },
  {
    route: 'GET /runtime/definitions/teams',
    handler: (ctx) => [...ctx.game.teamDefinitions.values()].map(teamDefinitionView),
  },
  { route: 'GET /runtime/teams', handler: (ctx) => profileTeams(me(ctx), ctx.game.teams.values()) },
  {
    route: 'GET /runtime/teams/:id/members',
    handler: (ctx) => {
      const team = ctx.game.teams.get(param(ctx, 0));
      if (team === undefined) throw notFound('team', param(ctx, 0));
      return page(memberViews(team, ctx.game.players), ctx.query);
    },
  },
  { route: 'GET /runtime/definitions/processes', handler: (ctx) => processDefinitions(ctx.game) },
  {
    route: 'POST /runtime/definitions/processes/:id',
    handler: (ctx) => startProcess(ctx.game, me(ctx), param(ctx, 0), ctx.body),
  },
  {
    route: 'GET /runtime/processes',
    handler: (ctx) => listProcesses(ctx.game, me(ctx), ctx.query),
  },
  {
    route: 'POST /runtime/processes',
    handler: (ctx) => {
      const definition = isObject(ctx.body) ? ctx.body['definition'] : undefined;
      return startProcess(
        ctx.game,
        me(ctx),
        typeof definition === 'string' ? definition : '',
        ctx.body,
      );
    },
  },
  {
    route: 'GET /runtime/processes/:id',
    handler: (ctx) => getProcess(ctx.game, me(ctx), param(ctx, 0)),
  },
  {
    route: 'PATCH /runtime/processes/:id',
    handler: (ctx) => patchProcess(ctx.game, me(ctx), param(ctx, 0), ctx.body),
  },
  {
    route: 'DELETE /runtime/processes/:id',
    handler: (ctx) => deleteProcess(ctx.game, me(ctx), param(ctx, 0)),
  },
];
