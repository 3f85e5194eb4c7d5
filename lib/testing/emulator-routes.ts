import { actionDefinition } from './emulator-actions.js';
import { invalidPlayer, notFound, playerNotFound, routeNotFound } from './emulator-errors.js';
import type { EmulatorGame, Player } from './emulator-game.js';
import { leaderboardView, rankPlayers } from './emulator-leaderboard.js';
import { listNotifications, markSeen } from './emulator-notifications.js';
import { page } from './emulator-params.js';
import type { RouteContext, RouteDefinition } from './emulator-router.js';
import type { Metric } from './emulator-actions.js';

/** The only design version the emulator serves. */
const DESIGN_VERSION = 'latest';

function metricDefinition(metric: Metric): Record<string, unknown> {
  const constraints: Record<string, string> = { default: String(metric.initial) };
  if (metric.min !== undefined) constraints['min'] = String(metric.min);
  if (metric.max !== undefined) constraints['max'] = String(metric.max);
  return { ...metric.ref, description: metric.description, constraints };
}

const param = (ctx: RouteContext, i: number): string => ctx.params[i];

function playerParam(ctx: RouteContext): Player {
  const player = ctx.game.players.get(param(ctx, 0));
  if (player === undefined) throw playerNotFound();
  return player;
}

function designVersion(ctx: RouteContext): void {
  if (param(ctx, 0) !== DESIGN_VERSION) throw routeNotFound();
}

/** A design list (`metrics`, `actions`, `leaderboards`, `rules`) by id, or undefined. */
function designList(game: EmulatorGame, kind: string): Map<string, unknown> | undefined {
  const view = <T>(source: Map<string, T>, fn: (item: T) => unknown) =>
    new Map([...source].map(([id, item]) => [id, fn(item)]));
  switch (kind) {
    case 'metrics':
      return view(game.metrics, metricDefinition);
    case 'actions':
      return view(game.actions, actionDefinition);
    case 'leaderboards':
      return view(game.leaderboards, leaderboardView);
    case 'rules':
      return new Map();
    default:
      return undefined;
  }
}

/** The acting player of a runtime route (the dispatcher resolves it before the handler runs). */
function me(ctx: RouteContext): Player {
  if (ctx.player === undefined) throw invalidPlayer();
  return ctx.player;
}

/** Every route the emulator serves (paths after the version). */
export const ROUTES: readonly RouteDefinition[] = [
  // admin
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
    handler: (ctx) => ctx.game.profile(ctx.game.createPlayer(ctx.body)),
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
  // runtime
  { route: 'GET /runtime/player', handler: (ctx) => ctx.game.profile(me(ctx)) },
  {
    route: 'PATCH /runtime/player',
    handler: (ctx) => {
      ctx.game.updatePlayer(me(ctx), ctx.body);
      return ctx.game.profile(me(ctx));
    },
  },
  {
    route: 'GET /runtime/actions',
    handler: (ctx) => [...ctx.game.actions.values()].map((a) => ctx.game.actionView(a, me(ctx))),
  },
  {
    route: 'GET /runtime/actions/:id',
    handler: (ctx) => {
      const action = ctx.game.actions.get(param(ctx, 0));
      if (action === undefined) throw notFound('action', param(ctx, 0));
      return ctx.game.actionView(action, me(ctx));
    },
  },
  {
    route: 'POST /runtime/actions/:id/play',
    handler: (ctx) => ctx.game.play(me(ctx), param(ctx, 0), ctx.body),
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
      return rankPlayers(board, ctx.game.playerList(), ctx.query, me(ctx).id);
    },
  },
  { route: 'GET /runtime/notifications', handler: (ctx) => listNotifications(me(ctx), ctx.query) },
  { route: 'POST /runtime/notifications', handler: (ctx) => markSeen(me(ctx), ctx.body) },
  {
    route: 'GET /runtime/definitions/metrics',
    handler: (ctx) => [...ctx.game.metrics.values()].map(metricDefinition),
  },
  // design (read-only)
  { route: 'GET /design/versions', handler: () => [{ name: DESIGN_VERSION }] },
  {
    route: 'GET /design/versions/:version/:kind',
    handler: (ctx) => {
      designVersion(ctx);
      const list = designList(ctx.game, param(ctx, 1));
      if (list === undefined) throw routeNotFound();
      return [...list.values()];
    },
  },
  {
    route: 'GET /design/versions/:version/:kind/:id',
    handler: (ctx) => {
      designVersion(ctx);
      const kind = param(ctx, 1);
      const list = designList(ctx.game, kind);
      if (list === undefined) throw routeNotFound();
      const item = list.get(param(ctx, 2));
      if (item === undefined) {
        if (kind === 'metrics' || kind === 'actions' || kind === 'leaderboards') {
          throw notFound(kind.slice(0, -1) as 'metric' | 'action' | 'leaderboard', param(ctx, 2));
        }
        throw routeNotFound();
      }
      return item;
    },
  },
];
