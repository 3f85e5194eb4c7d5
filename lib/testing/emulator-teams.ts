import type { Player } from './emulator-player.js';
import type { EmulatorTeamDefinitionSeed, EmulatorTeamSeed } from './emulator-seed.types.js';

/** A team as the game holds it. */
export interface Team {
  readonly id: string;
  name: string;
  readonly definition: Readonly<EmulatorTeamDefinitionSeed>;
  readonly access: 'PRIVATE' | 'PUBLIC';
  readonly created: string;
  readonly owner: string;
  /** Roles by member id, in joining order. */
  readonly members: Map<string, string[]>;
}

/** Compiles a team seed; throws when it names an unknown definition, player or role. */
export function compileTeam(
  seed: EmulatorTeamSeed,
  definitions: ReadonlyMap<string, EmulatorTeamDefinitionSeed>,
  players: ReadonlySet<string>,
  created: string,
): Team {
  const definition = definitions.get(seed.definition);
  if (definition === undefined) {
    throw new Error(
      `PlaylyfeEmulator: team '${seed.id}' has unknown definition '${seed.definition}'`,
    );
  }
  const members = new Map<string, string[]>();
  for (const m of [...seed.members]) {
    if (!players.has(m.player))
      throw new Error(`PlaylyfeEmulator: team '${seed.id}' has unknown player '${m.player}'`);
    for (const role of m.roles) {
      if (!definition.roles.includes(role))
        throw new Error(`PlaylyfeEmulator: team '${seed.id}' has unknown role '${role}'`);
    }
    members.set(m.player, [...m.roles]);
  }
  if (!members.has(seed.owner))
    throw new Error(`PlaylyfeEmulator: team '${seed.id}' owner is not a member`);
  return {
    id: seed.id,
    name: seed.name,
    definition: { ...definition, roles: [...definition.roles] },
    access: seed.access ?? 'PRIVATE',
    created,
    owner: seed.owner,
    members,
  };
}

const alias = (players: ReadonlyMap<string, Player>, id: string): string =>
  players.get(id)?.alias ?? id;

/** A team as /admin/teams answers it (recorded keys). */
export function teamView(
  team: Team,
  gameId: string,
  players: ReadonlyMap<string, Player>,
): Record<string, unknown> {
  return {
    id: team.id,
    name: team.name,
    definition: { id: team.definition.id, name: team.definition.name },
    access: team.access,
    created: team.created,
    game_id: gameId,
    owner: { id: team.owner, alias: alias(players, team.owner) },
    roles: [...team.definition.roles],
  };
}

/** The member list of a team, `{id, alias}` each. */
export function memberViews(
  team: Team,
  players: ReadonlyMap<string, Player>,
): { id: string; alias: string }[] {
  return [...team.members.keys()].map((id) => ({ id, alias: alias(players, id) }));
}

/** A player's teams, as the profile shows them (recorded keys). */
export function profileTeams(player: Player, teams: Iterable<Team>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const team of teams) {
    const roles = team.members.get(player.id);
    if (roles === undefined) continue;
    out.push({
      id: team.id,
      name: team.name,
      definition: { id: team.definition.id, name: team.definition.name },
      roles: [...roles],
    });
  }
  return out;
}

/** A team definition, as GET /runtime/definitions/teams answers it (assumed keys). */
export function teamDefinitionView(
  definition: EmulatorTeamDefinitionSeed,
): Record<string, unknown> {
  return { id: definition.id, name: definition.name, roles: [...definition.roles] };
}
