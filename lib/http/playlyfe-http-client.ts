import type { HttpService } from '@nestjs/axios';
import type { OnApplicationShutdown } from '@nestjs/common';
import { PlaylyfeAuthInterceptor } from '../auth/playlyfe-auth.interceptor.js';
import { PlaylyfeTokenClient } from '../auth/playlyfe-token.client.js';
import { PlaylyfeTokenService } from '../auth/playlyfe-token.service.js';
import type { ResolvedPlaylyfeOptions } from '../options/resolved-options.js';
import type { PlaylyfeTelemetry } from '../telemetry/playlyfe.telemetry.js';
import { UndiciTransport } from '../transport/undici-transport.js';
import type { PlaylyfeClock } from '../utils/clock.js';
import { CallsInFlight } from './calls-in-flight.js';
import { configureAxiosInstance } from './configure-axios-instance.js';

/**
 * The configured client of one registration, built in one place: the module's own axios instance
 * (from its `HttpModule.register`) with the undici transport and the auth interceptor on it, and
 * the token service, whose token requests go over the same transport. Closing the module stops
 * every call in flight (`aborted`), refuses new ones (`closed`) and closes them all.
 */
export class PlaylyfeHttpClient implements OnApplicationShutdown {
  private constructor(
    readonly axios: HttpService['axiosRef'],
    readonly tokens: PlaylyfeTokenService,
    readonly telemetry: PlaylyfeTelemetry,
    /** The calls not yet settled, stopped on close. */
    readonly calls: CallsInFlight,
    private readonly interceptor: PlaylyfeAuthInterceptor,
    private readonly transport: UndiciTransport,
  ) {}

  /** The factory of the registration's `PLAYLYFE_HTTP_CLIENT` provider. */
  static create(
    http: HttpService,
    options: ResolvedPlaylyfeOptions,
    clientName: string,
    clock: PlaylyfeClock,
    telemetry: PlaylyfeTelemetry,
  ): PlaylyfeHttpClient {
    const axios = http.axiosRef;
    const transport = new UndiciTransport();
    configureAxiosInstance(axios, options, transport.adapter);
    const tokenClient = new PlaylyfeTokenClient(options, transport.adapter, clock);
    const tokens = new PlaylyfeTokenService(options, clientName, tokenClient, clock, telemetry);
    const interceptor = new PlaylyfeAuthInterceptor(
      axios,
      tokens,
      options.tokenPlacement,
      telemetry,
    );
    return new PlaylyfeHttpClient(
      axios,
      tokens,
      telemetry,
      new CallsInFlight(),
      interceptor,
      transport,
    );
  }

  /**
   * The last shutdown hook, as database modules close their connections: every provider's
   * `onModuleDestroy` (the plays queue draining, an app flushing its own work) may still call
   * Playlyfe, whatever the order the modules were imported in.
   */
  async onApplicationShutdown(): Promise<void> {
    this.calls.close();
    this.interceptor.eject();
    await this.tokens.close();
    await this.transport.close();
  }
}
