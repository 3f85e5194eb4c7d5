import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EmulatorAuth } from './emulator-auth.js';
import { invalidAccessToken } from './emulator-errors.js';
import { isObject } from './emulator-http.js';

/** What a verified front-end JWT allows. */
export interface PlayerJwtClaims {
  readonly clientId: string;
  readonly playerId: string;
  readonly scopes: readonly string[];
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a `?jwt=<client_id>:<jwt>` value: HS256 signed with the client's secret, an `exp` in the
 * future, a `player_id` claim. Every failure is a 401 invalid_access_token that names no secret.
 */
export function verifyPlayerJwt(value: string, auth: EmulatorAuth): PlayerJwtClaims {
  const colon = value.lastIndexOf(':');
  if (colon <= 0) throw invalidAccessToken('The jwt parameter must be <client_id>:<jwt>');
  const clientId = value.slice(0, colon);
  const parts = value.slice(colon + 1).split('.');
  const client = auth.client(clientId);
  if (client === undefined) throw invalidAccessToken('The jwt names an unknown client');
  if (parts.length !== 3) throw invalidAccessToken('The jwt is malformed');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeJson(headerPart);
  if (!isObject(header) || header['alg'] !== 'HS256') {
    throw invalidAccessToken('The jwt must be signed with HS256');
  }
  const expected = createHmac('sha256', client.secret)
    .update(`${headerPart}.${payloadPart}`)
    .digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalidAccessToken('The jwt signature is invalid');
  }

  const claims = decodeJson(payloadPart);
  if (!isObject(claims)) throw invalidAccessToken('The jwt claims are malformed');
  const exp = claims['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw invalidAccessToken('The jwt has no exp claim');
  }
  if (exp * 1000 <= Date.now()) throw invalidAccessToken('The jwt has expired');
  const playerId = claims['player_id'];
  if (typeof playerId !== 'string' || playerId === '') {
    throw invalidAccessToken('The jwt has no player_id claim');
  }
  const scopes = claims['scopes'] ?? [];
  if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === 'string')) {
    throw invalidAccessToken('The jwt scopes claim must be an array of strings');
  }
  return { clientId, playerId, scopes };
}
