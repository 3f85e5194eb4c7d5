import { randomUUID } from 'node:crypto';
import {
  actionDefinition,
  applyRewards,
  compileAction,
  resolveVariables,
  type Action,
  type Metric,
} from './emulator-actions.js';
import {
  notFound,
  playerExists,
  rateLimitExceeded,
  validationException,
} from './emulator-errors.js';
import { isObject } from './emulator-http.js';
import { compileLeaderboard, type Leaderboard } from './emulator-leaderboard.js';
import type {
  EmulatorGameSeed,
  EmulatorNotification,
  EmulatorPlayerSeed,
  EmulatorPlayerState,
} from './emulator.types.js';

/** A player as the game holds it. */
export interface Player {
  readonly id: string;
  alias: string;
  readonly created: string;
  enabled: boolean;
  readonly scores: Map<string, number>;
  readonly plays: Map<string, number>;
  /** Oldest first. */
  readonly notifications: EmulatorNotification[];
}

function unique(kind: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string' || id === '')
      throw new Error(`PlaylyfeEmulator: a ${kind} needs an id`);
    if (seen.has(id)) throw new Error(`PlaylyfeEmulator: ${kind} '${id}' is declared twice`);
    seen.add(id);
  }
}

/** The in-memory game: metrics, actions, leaderboards, players and their notifications. */
export class EmulatorGame {
  readonly metrics = new Map<string, Metric>();
  readonly actions = new Map<string, Action>();
  readonly leaderboards = new Map<string, Leaderboard>();
  readonly players = new Map<string, Player>();
  /** Players in id order, rebuilt lazily after a player is created or deleted. */
  private sorted: Player[] | undefined;

  constructor(private readonly seed: EmulatorGameSeed) {
    unique(
      'metric',
      seed.metrics.map((m) => m.id),
    );
    unique(
      'action',
      seed.actions.map((a) => a.id),
    );
    unique(
      'leaderboard',
      seed.leaderboards.map((l) => l.id),
    );
    unique(
      'player',
      seed.players.map((p) => p.id),
    );
    for (const m of seed.metrics) {
      const ref = { id: m.id, name: m.name, type: 'point' } as const;
      this.metrics.set(m.id, {
        ref,
        description: m.description ?? '',
        initial: m.default ?? 0,
        min: m.min,
        max: m.max,
      });
    }
    for (const a of seed.actions) this.actions.set(a.id, compileAction(a, this.metrics));
    for (const l of seed.leaderboards) {
      this.leaderboards.set(l.id, compileLeaderboard(l, this.metrics));
    }
    this.reset();
  }

  /** Restores the players of the seed, dropping every change. */
  reset(): void {
    this.players.clear();
    this.sorted = undefined;
    for (const p of this.seed.players) this.addPlayer(p);
  }

  private addPlayer(seed: EmulatorPlayerSeed): Player {
    const scores = new Map<string, number>();
    for (const metric of this.metrics.values()) scores.set(metric.ref.id, metric.initial);
    for (const [metricId, value] of Object.entries(seed.scores ?? {})) {
      if (!this.metrics.has(metricId)) {
        throw new Error(
          `PlaylyfeEmulator: player '${seed.id}' scores unknown metric '${metricId}'`,
        );
      }
      scores.set(metricId, value);
    }
    const player: Player = {
      id: seed.id,
      alias: seed.alias ?? seed.id,
      created: new Date().toISOString(),
      enabled: seed.enabled ?? true,
      scores,
      plays: new Map(),
      notifications: [],
    };
    this.players.set(player.id, player);
    this.sorted = undefined;
    return player;
  }

  /** Every player, in id order. */
  playerList(): readonly Player[] {
    this.sorted ??= [...this.players.values()].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    return this.sorted;
  }

  /** Creates a player from a `{id, alias}` body. */
  createPlayer(body: unknown): Player {
    if (!isObject(body)) throw validationException('The request body must be a JSON object');
    const id = body['id'];
    const alias = body['alias'];
    if (typeof id !== 'string' || id.trim() === '') {
      throw validationException('The player id is required', [
        { field: 'id', message: 'is required and must be a non-empty string' },
      ]);
    }
    if (alias !== undefined && typeof alias !== 'string') {
      throw validationException('The player alias must be a string', [
        { field: 'alias', message: 'must be a string' },
      ]);
    }
    if (this.players.has(id)) throw playerExists(id);
    return this.addPlayer({ id, alias: alias ?? id });
  }

  deletePlayer(id: string): boolean {
    this.sorted = undefined;
    return this.players.delete(id);
  }

  /** Updates a player from a `{alias}` body. */
  updatePlayer(player: Player, body: unknown): void {
    if (!isObject(body)) throw validationException('The request body must be a JSON object');
    const alias = body['alias'];
    if (typeof alias !== 'string' || alias.trim() === '') {
      throw validationException('The alias must be a non-empty string', [
        { field: 'alias', message: 'is required and must be a non-empty string' },
      ]);
    }
    player.alias = alias;
  }

  /** The profile of a player, metric values as strings. */
  profile(player: Player): Record<string, unknown> {
    const scores = [];
    for (const metric of this.metrics.values()) {
      scores.push({
        metric: metric.ref,
        value: String(player.scores.get(metric.ref.id) ?? metric.initial),
      });
    }
    return {
      id: player.id,
      alias: player.alias,
      created: player.created,
      enabled: player.enabled,
      scores,
      teams: [],
    };
  }

  /** An action as the runtime routes show it to a player, with the player's play count. */
  actionView(action: Action, player: Player): Record<string, unknown> {
    const definition = actionDefinition(action);
    delete definition['play_limit'];
    return { ...definition, count: player.plays.get(action.id) ?? 0 };
  }

  /** Plays an action for a player: checks the limit and variables, applies the rewards. */
  play(player: Player, actionId: string, body: unknown): Record<string, unknown> {
    const action = this.actions.get(actionId);
    if (action === undefined) throw notFound('action', actionId);
    const vars = resolveVariables(action, body);
    const played = player.plays.get(action.id) ?? 0;
    if (action.playLimit !== undefined && played >= action.playLimit) {
      throw rateLimitExceeded(action.id, action.playLimit);
    }
    const changes = applyRewards(action, vars, player.scores);
    player.plays.set(action.id, played + 1);
    const id = randomUUID();
    const timestamp = new Date().toISOString();
    const actor = { id: player.id, alias: player.alias };
    const actionRef = { id: action.id, name: action.name, vars };
    const event = { id, event: 'action', actor, action: actionRef, count: 1, changes, timestamp };
    player.notifications.push({
      id,
      seen: false,
      event: 'action',
      actor: { ...actor },
      action: { ...actionRef, vars: { ...vars } },
      changes: changes.map((c) => ({ metric: c.metric, delta: { ...c.delta } })),
      timestamp,
    });
    return {
      actions: [this.actionView(action, player)],
      events: { local: [event], global: [] },
    };
  }

  /** A deep copy of a player's state. */
  state(id: string): EmulatorPlayerState | undefined {
    const player = this.players.get(id);
    if (player === undefined) return undefined;
    return {
      id: player.id,
      alias: player.alias,
      created: player.created,
      enabled: player.enabled,
      scores: Object.fromEntries(player.scores),
      plays: Object.fromEntries(player.plays),
      notifications: structuredClone(player.notifications),
    };
  }
}
