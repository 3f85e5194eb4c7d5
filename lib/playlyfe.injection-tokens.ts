/** Injection tokens of the public providers of each registration (not access tokens). */
import { PlaylyfeTokenService } from './auth/playlyfe-token.service.js';
import { PlaylyfeService } from './playlyfe.service.js';

/** The name of the unnamed client. */
export const DEFAULT_PLAYLYFE_CLIENT = 'default';

/** Injection token of the `PlaylyfeService` of a named client; the class itself for the default client. */
export function getPlaylyfeServiceToken(name?: string): string | typeof PlaylyfeService {
  return name === undefined || name === DEFAULT_PLAYLYFE_CLIENT
    ? PlaylyfeService
    : `PlaylyfeService:${name}`;
}

/** Injection token of the `PlaylyfeTokenService` of a named client; the class itself for the default client. */
export function getPlaylyfeTokenServiceToken(name?: string): string | typeof PlaylyfeTokenService {
  return name === undefined || name === DEFAULT_PLAYLYFE_CLIENT
    ? PlaylyfeTokenService
    : `PlaylyfeTokenService:${name}`;
}
