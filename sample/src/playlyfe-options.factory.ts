import type { ConfigService } from '@nestjs/config';
import type { PlaylyfeModuleOptions } from 'nestjs-playlyfe';
import { DEMO_CLIENT } from 'nestjs-playlyfe/testing';
import type { EmbeddedEmulatorService } from './emulator/embedded-emulator.service.js';

/** A set, non-blank variable, or undefined. */
export function setting(config: ConfigService, name: string): string | undefined {
  const value = config.get<string>(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** An integer variable within `[min, max]`, or undefined when unset. */
export function integer(
  config: ConfigService,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = setting(config, name);
  if (value === undefined) return undefined;
  const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got '${value}')`);
  }
  return number;
}

/**
 * Playlyfe options from the environment:
 * - `PLAYLYFE_CLIENT_ID` and `PLAYLYFE_CLIENT_SECRET`: your client; `PLAYLYFE_API_URL` and
 *   `PLAYLYFE_AUTH_URL` override Playlyfe's hosts (defaults: https://api.playlyfe.com, https://playlyfe.com);
 * - no `PLAYLYFE_CLIENT_ID`: the embedded emulator with its demo game (`PLAYLYFE_EMULATOR_PORT`, default any free port);
 * - `PLAYLYFE_TIMEOUT_MS`: upper bound of one Playlyfe call (library default 10000).
 */
export async function playlyfeOptionsFactory(
  config: ConfigService,
  embedded: EmbeddedEmulatorService,
): Promise<PlaylyfeModuleOptions> {
  const timeoutMs = integer(config, 'PLAYLYFE_TIMEOUT_MS', 1, 600_000);
  const clientId = setting(config, 'PLAYLYFE_CLIENT_ID');
  if (clientId === undefined) {
    if (setting(config, 'PLAYLYFE_CLIENT_SECRET') !== undefined) {
      throw new Error(
        'PLAYLYFE_CLIENT_SECRET is set but PLAYLYFE_CLIENT_ID is not: set both, or neither to use the emulator',
      );
    }
    const emulator = await embedded.start(integer(config, 'PLAYLYFE_EMULATOR_PORT', 0, 65_535));
    return {
      clientId: DEMO_CLIENT.id,
      clientSecret: DEMO_CLIENT.secret,
      apiBaseUrl: emulator.url,
      authBaseUrl: emulator.url,
      timeoutMs,
    };
  }
  return {
    clientId,
    clientSecret: config.getOrThrow<string>('PLAYLYFE_CLIENT_SECRET'),
    apiBaseUrl: setting(config, 'PLAYLYFE_API_URL'),
    authBaseUrl: setting(config, 'PLAYLYFE_AUTH_URL'),
    timeoutMs,
  };
}
