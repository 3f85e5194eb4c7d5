import { createHmac } from 'node:crypto';
import type { PlaylyfeJwtOptions } from '../interfaces/playlyfe-api.interfaces.js';
import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeCredentials } from '../options/credentials.js';

const HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');
const DEFAULT_LIFETIME_SECONDS = 3600;

function invalid(message: string): PlaylyfeError {
  return new PlaylyfeError(message, { code: 'invalid_argument' });
}

/**
 * The `<client_id>:<jwt>` value a front end sends as `?jwt=`: an HS256 JWT signed with the client
 * secret, with claims `{player_id, scopes, iat, exp}`.
 */
export function createPlaylyfeJwt(
  credentials: PlaylyfeCredentials,
  options: PlaylyfeJwtOptions,
  now = Date.now(),
): string {
  if (typeof options?.playerId !== 'string' || options.playerId === '') {
    throw invalid('createJwt: `playerId` must be a non-empty string');
  }
  const scopes = options.scopes ?? [];
  if (
    !Array.isArray(scopes) ||
    !scopes.every((scope) => typeof scope === 'string' && scope !== '')
  ) {
    throw invalid('createJwt: `scopes` must be an array of non-empty strings');
  }
  const lifetime = options.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
  if (typeof lifetime !== 'number' || !Number.isFinite(lifetime) || lifetime <= 0) {
    throw invalid('createJwt: `expiresInSeconds` must be a positive number');
  }
  const iat = Math.floor(now / 1000);
  const claims = {
    player_id: options.playerId,
    scopes: [...scopes],
    iat,
    exp: iat + Math.ceil(lifetime),
  };
  const unsigned = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = createHmac('sha256', credentials.revealSecret())
    .update(unsigned)
    .digest('base64url');
  return `${credentials.clientId}:${unsigned}.${signature}`;
}
