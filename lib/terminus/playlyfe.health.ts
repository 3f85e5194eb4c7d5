import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { PlaylyfeTokenService } from '../auth/playlyfe-token.service.js';
import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeService } from '../playlyfe.service.js';
import {
  DEFAULT_PLAYLYFE_CLIENT,
  getPlaylyfeServiceToken,
  getPlaylyfeTokenServiceToken,
} from '../playlyfe.injection-tokens.js';
import {
  DEFAULT_HEALTH_TIMEOUT_MS,
  type PlaylyfeHealthCheckOptions,
} from './playlyfe-health.options.js';

/**
 * Terminus health indicator of a Playlyfe client: `up` while it holds a valid access token or can
 * get one now, `down` with a reason code otherwise. Spends no API call unless `probe` is set.
 */
@Injectable()
export class PlaylyfeHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Checks the client (the default one unless `options.client` names another), reported under `key`. */
  async isHealthy<const Key extends string>(
    key: Key,
    options: PlaylyfeHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const session = this.health.check(key);
    const client = options.client ?? DEFAULT_PLAYLYFE_CLIENT;
    const tokens = this.find<PlaylyfeTokenService>(getPlaylyfeTokenServiceToken(client));
    if (tokens === undefined) return session.down({ client, reason: 'unknown_client' });
    const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
    try {
      await tokens.getAccessToken(signal); // no I/O while a valid token is held
      if (options.probe) await this.probe(client, options.probe, signal);
      return session.up({ client });
    } catch (error) {
      return session.down({ client, ...reasonOf(error, signal) });
    }
  }

  private async probe(
    client: string,
    { route, ...rest }: NonNullable<PlaylyfeHealthCheckOptions['probe']>,
    signal: AbortSignal,
  ): Promise<void> {
    const service = this.find<PlaylyfeService>(getPlaylyfeServiceToken(client));
    await service?.get(route, { ...rest, signal });
  }

  private find<T>(token: string | (abstract new (...args: never[]) => unknown)): T | undefined {
    try {
      return this.moduleRef.get<unknown, T>(token, { strict: false });
    } catch {
      return undefined;
    }
  }
}

/** Only a code and an HTTP status (terminus reserves `status`): never a message, which could echo what Playlyfe answered. */
function reasonOf(error: unknown, signal: AbortSignal): { reason: string; httpStatus?: number } {
  if (signal.aborted) return { reason: 'timeout' };
  if (error instanceof PlaylyfeError) {
    return error.status === undefined
      ? { reason: error.code }
      : { reason: error.code, httpStatus: error.status };
  }
  return { reason: 'unknown_error' };
}
