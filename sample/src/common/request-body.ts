import { BadRequestException } from '@nestjs/common';
import { idProblem, MAX_ID_LENGTH } from './id.pipe.js';

/** A JSON object that is not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpected(body: Record<string, unknown>, allowed: readonly string[], hint = ''): void {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) {
    throw new BadRequestException(
      `unexpected field${extra.length > 1 ? 's' : ''} ${extra.join(', ')}${hint}`,
    );
  }
}

/** The body of `POST /players`: `{id, alias?}`. */
export interface CreatePlayerBody {
  id: string;
  alias?: string;
}

export function parseCreatePlayerBody(body: unknown): CreatePlayerBody {
  if (!isPlainObject(body))
    throw new BadRequestException('the body must be a JSON object {"id": "...", "alias": "..."}');
  unexpected(body, ['id', 'alias']);
  const idIssue = idProblem(body['id'], 'id');
  if (idIssue !== undefined) throw new BadRequestException(idIssue);
  const alias = body['alias'];
  if (
    alias !== undefined &&
    (typeof alias !== 'string' || alias.trim() === '' || alias.length > MAX_ID_LENGTH)
  ) {
    throw new BadRequestException(
      `alias must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
    );
  }
  return { id: body['id'] as string, alias };
}

/**
 * The play variables from the body of `POST /players/:id/actions/:actionId`: `{variables: {...}}`,
 * `{}` or no body at all (undefined: the action's defaults).
 */
export function parsePlayBody(body: unknown): Record<string, unknown> | undefined {
  // Express leaves `{}` when no body was sent.
  if (body === undefined || (isPlainObject(body) && Object.keys(body).length === 0))
    return undefined;
  if (!isPlainObject(body))
    throw new BadRequestException('the body must be a JSON object {"variables": {...}}');
  unexpected(
    body,
    ['variables'],
    ': play variables go inside "variables", e.g. {"variables": {"points": 50}}',
  );
  const variables = body['variables'];
  if (variables === undefined) return undefined;
  if (!isPlainObject(variables))
    throw new BadRequestException('variables must be a JSON object, e.g. {"points": 50}');
  return variables;
}
