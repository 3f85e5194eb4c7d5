import { notFound, playerNotFound } from './emulator-errors.js';
import type { Player } from './emulator-game.js';
import { page } from './emulator-params.js';
import { runRule } from './emulator-play.js';
import { revertEvents } from './emulator-revert.js';
import type { RouteContext, RouteDefinition } from './emulator-router.js';
import { memberViews, teamView, type Team } from './emulator-teams.js';

const param = (ctx: RouteContext, i: number): string => ctx.params[i];

function playerParam(ctx: RouteContext): Player {
  const player = ctx.game.players.get(param(ctx, 0));
  if (player === undefined) throw playerNotFound();
  return player;
}

function teamParam(ctx: RouteContext): Team {
  const team = ctx.game.teams.get(param(ctx, 0));
  if (team === undefined) throw notFound('team', param(ctx, 0));
  return team;
}

function leaderboardParam(ctx: RouteContext): void {
  if (!ctx.game.leaderboards.has(param(ctx, 0))) throw notFound('leaderboard', param(ctx, 0));
}

/** Server fields of GET /admin, as recorded (ruby client stub). */
const SERVER = { name: 'Playlyfe Hermes', version: 'v1', status: 'ok' } as const;

/** The `/admin` routes. */
export const ADMIN_ROUTES: readonly RouteDefinition[] = [
  {
    route: 'GET /admin',
    handler: ({ game }) => ({
      ...SERVER,
      game: {
        id: game.info.id,
        title: game.info.title,
        description: game.info.description,
        timezone: game.info.timezone,
        type: 'native',
        template: 'custom',
        listed: false,
        access: 'PRIVATE',
        image: 'default-game',
        created: game.info.created,
      },
    }),
  },
  {
    route: 'GET /admin/players',
    handler: (ctx) =>
      page(
        ctx.game.playerList().map((p) => ({ id: p.id, alias: p.alias, enabled: p.enabled })),
        ctx.query,
      ),
  },
  {
    route: 'POST /admin/players',
    handler: (ctx) => ({ ...ctx.game.profile(ctx.game.createPlayer(ctx.body)), bootstrap: true }),
  },
  { route: 'GET /admin/players/:id', handler: (ctx) => ctx.game.profile(playerParam(ctx)) },
  {
    route: 'DELETE /admin/players/:id',
    handler: (ctx) => {
      const player = playerParam(ctx);
      ctx.game.deletePlayer(player.id);
      return { id: player.id, deleted: true };
    },
  },
  {
    route: 'GET /admin/players/:id/activity',
    handler: (ctx) =>
      ctx.game.activity.player(playerParam(ctx).id, ctx.query, ctx.game.clock.now()),
  },
  {
    route: 'POST /admin/players/:id/revert',
    handler: (ctx) => revertEvents(ctx.game, playerParam(ctx), ctx.body),
  },
  {
    route: 'GET /admin/activity',
    handler: (ctx) => ctx.game.activity.game(ctx.query, ctx.game.clock.now()),
  },
  {
    route: 'GET /admin/teams',
    handler: (ctx) =>
      page(
        [...ctx.game.teams.values()].map((t) => teamView(t, ctx.game.info.id, ctx.game.players)),
        ctx.query,
      ),
  },
  {
    route: 'GET /admin/teams/:id',
    handler: (ctx) => teamView(teamParam(ctx), ctx.game.info.id, ctx.game.players),
  },
  {
    route: 'GET /admin/teams/:id/members',
    handler: (ctx) => page(memberViews(teamParam(ctx), ctx.game.players), ctx.query),
  },
  {
    route: 'GET /admin/teams/:id/activity',
    handler: (ctx) => ctx.game.activity.team(teamParam(ctx).id, ctx.query, ctx.game.clock.now()),
  },
  { route: 'POST /admin/rules/:id', handler: (ctx) => runRule(ctx.game, param(ctx, 0), ctx.body) },
  // moodle-playlyfe course.php opens and closes a scope of a custom leaderboard; answers assumed {}
  {
    route: 'POST /admin/leaderboards/:id/:scope',
    handler: (ctx) => {
      leaderboardParam(ctx);
      return {};
    },
  },
  {
    route: 'DELETE /admin/leaderboards/:id/:scope',
    handler: (ctx) => {
      leaderboardParam(ctx);
      return {};
    },
  },
];
