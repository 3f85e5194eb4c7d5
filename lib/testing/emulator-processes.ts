import { randomUUID } from 'node:crypto';
import { ASSUMED_TEXT } from './emulator-assumptions.js';
import { notFound, validationException } from './emulator-errors.js';
import type { EmulatorGame, Player, Process } from './emulator-game.js';
import { isObject } from './emulator-http.js';
import { page } from './emulator-params.js';

/**
 * A process as the runtime routes answer it. Recorded (PHP and Go SDK v2 tests): `id`, `name`,
 * `state` `ACTIVE`, `access`, and `definition.id`; the other keys are assumed.
 */
export function processView(game: EmulatorGame, process: Process): Record<string, unknown> {
  const owner = game.players.get(process.owner);
  const definition = game.processDefinitions.get(process.definition);
  return {
    id: process.id,
    name: process.name,
    definition: { id: process.definition, name: definition?.name ?? process.definition },
    state: process.state,
    access: process.access,
    created: process.created,
    owner: { id: process.owner, alias: owner?.alias ?? process.owner },
  };
}

/** GET /runtime/definitions/processes. */
export function processDefinitions(game: EmulatorGame): Record<string, unknown>[] {
  return [...game.processDefinitions.values()].map((d) => ({ ...d }));
}

/** GET /runtime/processes: the player's processes, paged. */
export function listProcesses(game: EmulatorGame, player: Player, query: URLSearchParams): unknown {
  const own = [...game.processes.values()].filter((p) => p.owner === player.id);
  return page(
    own.map((p) => processView(game, p)),
    query,
  );
}

/** POST /runtime/processes `{definition}` (v2, recorded), or POST /runtime/definitions/processes/:id. */
export function startProcess(
  game: EmulatorGame,
  player: Player,
  definitionId: string,
  body: unknown,
): unknown {
  const definition = game.processDefinitions.get(definitionId);
  if (definition === undefined) throw notFound('process', definitionId);
  const name = isObject(body) && typeof body['name'] === 'string' ? body['name'] : definition.name;
  const process: Process = {
    id: `process_${randomUUID()}`,
    name,
    definition: definition.id,
    access: 'PRIVATE',
    state: 'ACTIVE',
    created: game.clock.iso(),
    owner: player.id,
  };
  game.processes.set(process.id, process);
  return processView(game, process);
}

function own(game: EmulatorGame, player: Player, id: string): Process {
  const process = game.processes.get(id);
  if (process === undefined || process.owner !== player.id) throw notFound('process', id);
  return process;
}

/** GET /runtime/processes/:id. */
export function getProcess(game: EmulatorGame, player: Player, id: string): unknown {
  return processView(game, own(game, player, id));
}

/** PATCH /runtime/processes/:id: `{name?, access?}`. */
export function patchProcess(
  game: EmulatorGame,
  player: Player,
  id: string,
  body: unknown,
): unknown {
  const process = own(game, player, id);
  if (!isObject(body)) throw validationException('The request body must be a JSON object');
  if (typeof body['name'] === 'string') process.name = body['name'];
  if (body['access'] === 'PUBLIC' || body['access'] === 'PRIVATE') process.access = body['access'];
  return processView(game, process);
}

/** DELETE /runtime/processes/:id: answers a message naming the Process (recorded). */
export function deleteProcess(game: EmulatorGame, player: Player, id: string): unknown {
  own(game, player, id);
  game.processes.delete(id);
  return { message: ASSUMED_TEXT.deleted('Process', id) };
}
