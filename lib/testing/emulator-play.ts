import { randomUUID } from 'node:crypto';
import { actionDefinition, resolveVariables, type Action } from './emulator-actions.js';
import { windowStart } from './emulator-clock.js';
import { notFound, rateLimitExceeded, validationException } from './emulator-errors.js';
import type { EmulatorGame, Player } from './emulator-game.js';
import { isObject } from './emulator-http.js';
import { giveRewards } from './emulator-rewards.js';
import { fireRules } from './emulator-rules.js';
import type { EmulatorChange } from './emulator.types.js';

type Json = Record<string, unknown>;

/** An action as the runtime routes show it to a player, with the player's play count. */
export function actionView(action: Action, player: Player): Json {
  const definition = actionDefinition(action);
  delete definition['play_limit'];
  return { ...definition, count: player.plays.get(action.id) ?? 0 };
}

/** The `scopes` of a play body: `[{id, entity_id}]`, echoed by the event. */
function playScopes(body: Json): { id: string; entity_id?: string }[] {
  const scopes = body['scopes'] ?? [];
  if (!Array.isArray(scopes) || !scopes.every((s) => isObject(s) && typeof s['id'] === 'string')) {
    throw validationException('scopes must be an array of {id, entity_id}', [
      { field: 'scopes', message: 'must be an array' },
    ]);
  }
  return scopes.map((s: Json) => ({ ...s })) as { id: string; entity_id?: string }[];
}

/** Checks the action's play limit in the current window of the emulator clock. */
function checkLimit(player: Player, action: Action, now: number): void {
  const limit = action.playLimit;
  if (limit === undefined) return;
  const from = windowStart(limit.every, now);
  const times = (player.playTimes.get(action.id) ?? []).filter((t) => t >= from);
  player.playTimes.set(action.id, times);
  if (times.length >= limit.times) throw rateLimitExceeded(action.id, limit.times, limit.every);
}

/**
 * Stamps and records the level and achievement events that follow a change, at the time of the
 * change (recorded: a level event shares its action's timestamp); returns them.
 */
function ruleEvents(
  game: EmulatorGame,
  player: Player,
  changes: readonly EmulatorChange[],
  at: number,
): Json[] {
  const actor = { id: player.id, alias: player.alias };
  return fireRules(player, game.rules.values(), game.metrics, changes).map((o) => {
    const event = {
      id: randomUUID(),
      event: o.event,
      actor: { ...actor },
      changes: o.changes,
      rule: { id: o.rule.id },
      timestamp: new Date(at).toISOString(),
    };
    game.activity.record(at, event, [player.id]);
    return event;
  });
}

/** Plays an action for a player: limit, variables, rewards, rules; answers `{actions, events}`. */
export function play(game: EmulatorGame, player: Player, actionId: string, body: unknown): Json {
  const action = game.actions.get(actionId);
  if (action === undefined) throw notFound('action', actionId);
  const vars = resolveVariables(action, body);
  const scopes = playScopes(body as Json);
  const now = game.clock.now();
  checkLimit(player, action, now);
  const changes = giveRewards(
    player,
    action.rewards,
    vars,
    game.metrics,
    scopes.map((s) => s.id),
  );
  player.plays.set(action.id, (player.plays.get(action.id) ?? 0) + 1);
  player.playTimes.set(action.id, [...(player.playTimes.get(action.id) ?? []), now]);
  const id = randomUUID();
  const timestamp = new Date(now).toISOString();
  const actor = { id: player.id, alias: player.alias };
  const actionRef = { id: action.id, name: action.name, vars };
  const event = {
    id,
    event: 'action',
    actor,
    action: actionRef,
    count: 1,
    changes,
    timestamp,
    scopes,
  };
  player.notifications.push(
    structuredClone({
      id,
      seen: false,
      event: 'action' as const,
      actor,
      action: actionRef,
      changes,
      timestamp,
    }),
  );
  game.activity.record(now, event, [player.id]);
  const followers = ruleEvents(game, player, changes, now);
  return {
    actions: [...game.actions.values()].map((a) => actionView(a, player)),
    events: { local: [structuredClone(event), ...followers], global: [] },
  };
}

/**
 * Runs a custom rule for players: body `{data: [{player_ids, variables, scopes}]}`. Answers one
 * list per data entry holding one `{events}` per player (assumed shape, read by moodle-playlyfe).
 */
export function runRule(game: EmulatorGame, ruleId: string, body: unknown): Json[][] {
  const rule = game.rules.get(ruleId);
  if (rule === undefined) throw notFound('rule', ruleId);
  if (rule.kind !== 'custom')
    throw validationException(`The rule '${ruleId}' is not a custom rule`);
  const data = isObject(body) ? body['data'] : undefined;
  if (!Array.isArray(data) || !data.every(isObject)) {
    throw validationException('data must be an array of {player_ids, variables, scopes}', [
      { field: 'data', message: 'is required' },
    ]);
  }
  return data.map((entry: Json) => {
    const ids = entry['player_ids'];
    if (!Array.isArray(ids) || !ids.every((p) => typeof p === 'string')) {
      throw validationException('player_ids must be an array of player ids', [
        { field: 'player_ids', message: 'is required' },
      ]);
    }
    const scopes = playScopes(entry);
    const players = ids.map((p) => {
      const player = game.players.get(p);
      if (player === undefined)
        throw validationException(`No player exists with the id '${p}'`, [
          { field: 'player_ids', message: p },
        ]);
      return player;
    });
    return players.map((player) => {
      const vars = isObject(entry['variables']) ? entry['variables'] : {};
      const changes = giveRewards(
        player,
        rule.rewards,
        vars,
        game.metrics,
        scopes.map((s) => s.id),
      );
      const now = game.clock.now();
      const event = {
        id: randomUUID(),
        event: 'custom_rule',
        actor: { id: player.id, alias: player.alias },
        rule: { id: rule.id, name: rule.name },
        changes,
        timestamp: new Date(now).toISOString(),
        scopes,
      };
      game.activity.record(now, event, [player.id]);
      return { events: { local: [event, ...ruleEvents(game, player, changes, now)], global: [] } };
    });
  });
}
