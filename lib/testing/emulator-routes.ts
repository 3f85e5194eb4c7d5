import { createAction, createRule, updateAction, updateRule } from './emulator-design-logic.js';
import {
  createLeaderboard,
  createMetric,
  deleteDesignItem,
  deleteMetric,
  designItem,
  designList,
  updateMetric,
  type DesignKind,
} from './emulator-design.js';
import { routeNotFound } from './emulator-errors.js';
import type { RouteContext, RouteDefinition } from './emulator-router.js';
import { ADMIN_ROUTES } from './emulator-routes-admin.js';
import { RUNTIME_ROUTES } from './emulator-routes-runtime.js';

/** The only design version the emulator serves. */
const DESIGN_VERSION = 'latest';
const KINDS: ReadonlySet<string> = new Set(['metrics', 'actions', 'leaderboards', 'rules']);

const param = (ctx: RouteContext, i: number): string => ctx.params[i];

/** Checks the version and the kind of a `/design/versions/:version/:kind` route. */
function kind(ctx: RouteContext): DesignKind {
  if (param(ctx, 0) !== DESIGN_VERSION || !KINDS.has(param(ctx, 1))) throw routeNotFound();
  return param(ctx, 1) as DesignKind;
}

/** Writes allowed per kind. */
function writable<T>(ctx: RouteContext, fns: Partial<Record<DesignKind, () => T>>): T {
  const fn = fns[kind(ctx)];
  if (fn === undefined) throw routeNotFound();
  return fn();
}

/** The `/design` routes. */
const DESIGN_ROUTES: readonly RouteDefinition[] = [
  { route: 'GET /design/versions', handler: () => [{ name: DESIGN_VERSION }] },
  // moodle-playlyfe publish.php reads the design issues and simulates the design (answers assumed)
  { route: 'GET /design/issues', handler: () => [] },
  {
    route: 'POST /design/versions/:version/simulate',
    handler: (ctx) => {
      if (param(ctx, 0) !== DESIGN_VERSION) throw routeNotFound();
      return {};
    },
  },
  {
    route: 'GET /design/versions/:version/:kind',
    handler: (ctx) => designList(ctx.game, kind(ctx), ctx.query),
  },
  {
    route: 'GET /design/versions/:version/:kind/:id',
    handler: (ctx) => designItem(ctx.game, kind(ctx), param(ctx, 2)),
  },
  {
    route: 'POST /design/versions/:version/:kind',
    handler: (ctx) =>
      writable(ctx, {
        metrics: () => createMetric(ctx.game, ctx.body),
        actions: () => createAction(ctx.game, ctx.body),
        leaderboards: () => createLeaderboard(ctx.game, ctx.body),
        rules: () => createRule(ctx.game, ctx.body),
      }),
  },
  {
    route: 'PATCH /design/versions/:version/:kind/:id',
    handler: (ctx) =>
      writable(ctx, {
        metrics: () => updateMetric(ctx.game, param(ctx, 2), ctx.body),
        actions: () => updateAction(ctx.game, param(ctx, 2), ctx.body),
        rules: () => updateRule(ctx.game, param(ctx, 2), ctx.body),
      }),
  },
  {
    route: 'DELETE /design/versions/:version/:kind/:id',
    handler: (ctx) =>
      writable(ctx, {
        metrics: () => deleteMetric(ctx.game, param(ctx, 2)),
        actions: () => deleteDesignItem(ctx.game, 'actions', param(ctx, 2)),
        leaderboards: () => deleteDesignItem(ctx.game, 'leaderboards', param(ctx, 2)),
        rules: () => deleteDesignItem(ctx.game, 'rules', param(ctx, 2)),
      }),
  },
];

/** Every route the emulator serves (paths after the version). */
export const ROUTES: readonly RouteDefinition[] = [
  ...ADMIN_ROUTES,
  ...RUNTIME_ROUTES,
  ...DESIGN_ROUTES,
];
