import { SignJWT } from 'jose';
import { DEMO_CLIENT } from '../../lib/testing/index.js';

export const READ_SCOPE = 'player.runtime.read';
export const WRITE_SCOPE = 'player.runtime.write';

export interface JwtOptions {
  playerId?: string;
  scopes?: string[];
  expiresIn?: number;
  secret?: string;
  clientId?: string;
  alg?: 'HS256' | 'HS384';
  omitExp?: boolean;
}

/** Mints `<client_id>:<jwt>` the way the protocol page describes, independently of the library. */
export async function mintJwt(options: JwtOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    player_id: options.playerId ?? 'alice',
    scopes: options.scopes ?? [READ_SCOPE, WRITE_SCOPE],
  };
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: options.alg ?? 'HS256' })
    .setIssuedAt(now);
  if (options.omitExp !== true) jwt = jwt.setExpirationTime(now + (options.expiresIn ?? 3600));
  const signed = await jwt.sign(new TextEncoder().encode(options.secret ?? DEMO_CLIENT.secret));
  return `${options.clientId ?? DEMO_CLIENT.id}:${signed}`;
}
