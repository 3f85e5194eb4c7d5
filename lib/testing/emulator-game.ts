import { randomUUID } from 'node:crypto';
import { compileAction, type Action } from './emulator-actions.js';
import { ActivityLog } from './emulator-activity.js';
import { ASSUMED_GAME_INFO } from './emulator-assumptions.js';
import { EmulatorClock } from './emulator-clock.js';
import { playerExists, validationException } from './emulator-errors.js';
import { isObject } from './emulator-http.js';
import { compileLeaderboard, type Leaderboard } from './emulator-leaderboard.js';
import { compileMetrics, scoreView, type Metric } from './emulator-metrics.js';
import type { Player } from './emulator-player.js';
import { compileRule, seedLevels, type Rule } from './emulator-rules.js';
import type {
  EmulatorGameSeed,
  EmulatorPlayerSeed,
  EmulatorTeamDefinitionSeed,
} from './emulator-seed.types.js';
import { compileTeam, profileTeams, type Team } from './emulator-teams.js';
import type { EmulatorPlayerState } from './emulator.types.js';

export type { Player } from './emulator-player.js';

/** A runtime process a player started. */
export interface Process {
  readonly id: string;
  name: string;
  readonly definition: string;
  access: string;
  readonly state: 'ACTIVE';
  readonly created: string;
  readonly owner: string;
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

/** The in-memory game: design (metrics, actions, leaderboards, rules), players, teams, activity. */
export class EmulatorGame {
  readonly metrics = new Map<string, Metric>();
  readonly actions = new Map<string, Action>();
  readonly leaderboards = new Map<string, Leaderboard>();
  readonly rules = new Map<string, Rule>();
  readonly teamDefinitions = new Map<string, EmulatorTeamDefinitionSeed>();
  readonly teams = new Map<string, Team>();
  readonly processDefinitions = new Map<string, { id: string; name: string }>();
  readonly processes = new Map<string, Process>();
  readonly players = new Map<string, Player>();
  readonly activity: ActivityLog;
  /** Ids of the events taken back by POST /admin/players/:id/revert. */
  readonly reverted = new Set<string>();
  readonly info: Readonly<Required<NonNullable<EmulatorGameSeed['info']>>> & { created: string };
  /** Players in id order, rebuilt lazily after a player is created or deleted. */
  private sorted: Player[] | undefined;

  constructor(
    private readonly seed: EmulatorGameSeed,
    readonly clock: EmulatorClock = new EmulatorClock(),
    activityLimit?: number,
  ) {
    this.activity = new ActivityLog(activityLimit);
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
      'rule',
      (seed.rules ?? []).map((r) => r.id),
    );
    unique(
      'team',
      (seed.teams ?? []).map((t) => t.id),
    );
    unique(
      'player',
      seed.players.map((p) => p.id),
    );
    const info = seed.info ?? ASSUMED_GAME_INFO;
    this.info = {
      id: info.id,
      title: info.title,
      description: info.description ?? '',
      timezone: info.timezone ?? 'UTC',
      created: clock.iso(),
    };
    this.reset();
  }

  /** Restores the seed: design, players, teams; drops every play, process and event. */
  reset(): void {
    const seed = this.seed;
    this.metrics.clear();
    for (const [id, m] of compileMetrics(seed.metrics)) this.metrics.set(id, m);
    this.actions.clear();
    for (const a of seed.actions) this.actions.set(a.id, compileAction(a, this.metrics));
    this.leaderboards.clear();
    for (const l of seed.leaderboards)
      this.leaderboards.set(l.id, compileLeaderboard(l, this.metrics));
    this.rules.clear();
    for (const r of seed.rules ?? []) this.rules.set(r.id, compileRule(r, this.metrics));
    this.teamDefinitions.clear();
    for (const d of seed.teamDefinitions ?? []) this.teamDefinitions.set(d.id, d);
    this.processDefinitions.clear();
    for (const d of seed.processDefinitions ?? []) this.processDefinitions.set(d.id, { ...d });
    this.processes.clear();
    this.activity.clear();
    this.reverted.clear();
    this.players.clear();
    this.sorted = undefined;
    for (const p of seed.players) this.addPlayer(p);
    this.teams.clear();
    const ids = new Set(this.players.keys());
    for (const t of seed.teams ?? []) {
      const team = compileTeam(t, this.teamDefinitions, ids, this.clock.iso());
      this.teams.set(team.id, team);
      const owner = this.players.get(team.owner);
      this.activity.record(
        this.clock.now(),
        {
          event: 'create',
          timestamp: team.created,
          team: { id: team.id, name: team.name },
          actor: { id: team.owner, alias: owner?.alias ?? team.owner },
          id: randomUUID(),
        },
        [team.owner],
        [team.id],
      );
    }
  }

  private addPlayer(seed: EmulatorPlayerSeed): Player {
    const player: Player = {
      id: seed.id,
      alias: seed.alias ?? seed.id,
      created: this.clock.iso(),
      enabled: seed.enabled ?? true,
      scores: new Map(),
      touched: new Set(),
      items: new Map(),
      states: new Map(),
      plays: new Map(),
      playTimes: new Map(),
      scoped: new Map(),
      achieved: new Set(),
      notifications: [],
    };
    for (const metric of this.metrics.values()) {
      if (metric.kind === 'point') player.scores.set(metric.ref.id, metric.initial);
    }
    for (const [metricId, value] of Object.entries(seed.scores ?? {})) {
      if (this.metrics.get(metricId)?.kind !== 'point') {
        throw new Error(
          `PlaylyfeEmulator: player '${seed.id}' scores unknown point metric '${metricId}'`,
        );
      }
      player.scores.set(metricId, value);
      player.touched.add(metricId);
    }
    for (const [setId, counts] of Object.entries(seed.items ?? {})) {
      const metric = this.metrics.get(setId);
      if (metric?.kind !== 'set')
        throw new Error(`PlaylyfeEmulator: player '${seed.id}' has unknown set '${setId}'`);
      for (const [item, count] of Object.entries(counts)) {
        player.items.set(
          setId,
          (player.items.get(setId) ?? new Map<string, number>()).set(item, count),
        );
        player.touched.add(`${setId}\u0000${item}`);
      }
    }
    seedLevels(player, this.rules.values());
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
    for (const team of this.teams.values()) team.members.delete(id);
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

  /** The profile of a player: a score per metric, in design order, and the player's teams. */
  profile(player: Player): Record<string, unknown> {
    return {
      id: player.id,
      alias: player.alias,
      created: player.created,
      enabled: player.enabled,
      scores: [...this.metrics.values()].map((m) => scoreView(m, player)),
      teams: profileTeams(player, this.teams.values()),
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
      items: Object.fromEntries(
        [...player.items].map(([id, counts]) => [id, Object.fromEntries(counts)]),
      ),
      states: Object.fromEntries(player.states),
      plays: Object.fromEntries(player.plays),
      notifications: structuredClone(player.notifications),
    };
  }
}
