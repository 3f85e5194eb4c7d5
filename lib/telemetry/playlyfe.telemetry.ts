import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PLAYLYFE_CLIENT_NAME, PLAYLYFE_RESOLVED_OPTIONS } from '../playlyfe.constants.js';
import type { ResolvedPlaylyfeOptions } from '../options/resolved-options.js';
import { ActiveCall, activeCall, type ClientInfo } from './call-telemetry.js';
import { nothingRegistered, otel, otelLoaded } from './otel-api.js';
import { instruments } from './telemetry-instruments.js';
import { ATTR_CLIENT } from './telemetry-names.js';
import {
  NO_CALL_TELEMETRY,
  NO_TOKEN_TELEMETRY,
  type CallTelemetry,
  type TokenRefreshTelemetry,
} from './telemetry.interfaces.js';
import { ActiveTokenRefresh } from './token-telemetry.js';

/**
 * OpenTelemetry traces and metrics of one registration, when the app has `@opentelemetry/api`:
 * a CLIENT span per call, a `playlyfe.token` span per refresh, and the module's metrics. Without the
 * package every method returns a shared no-op.
 *
 * The call path drives it at the lines marked `// telemetry:`: a call starts (`callStarted`), runs
 * its sends in the returned handle's context (`run`) and ends (`end`, with its attempts and status);
 * the interceptor reports a rejected token (`tokenRejected`); the token service starts one handle
 * per refresh (`tokenRefreshStarted`), runs the refresh in it, reports joiners (`joined`) and a
 * request actually sent (`requested`).
 */
@Injectable()
export class PlaylyfeTelemetry implements OnModuleInit {
  private readonly client: ClientInfo;
  private readonly authAddress: string;

  constructor(
    @Inject(PLAYLYFE_CLIENT_NAME) clientName: string,
    @Inject(PLAYLYFE_RESOLVED_OPTIONS) options: ResolvedPlaylyfeOptions,
  ) {
    const api = new URL(options.apiUrl);
    this.client = {
      name: clientName,
      serverAddress: api.hostname,
      serverPort: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
      tokenInQuery: options.tokenPlacement === 'query',
    };
    this.authAddress = new URL(options.tokenUrl).hostname;
  }

  /** The optional peer is loaded (or known absent) before the app takes its first call. */
  onModuleInit(): Promise<void> {
    return otelLoaded;
  }

  /** A call starts: `route` is the path after the version, `url` the URL without the token. */
  callStarted(method: string, route: string, url: string): CallTelemetry {
    const api = otel();
    if (api === undefined || nothingRegistered()) return NO_CALL_TELEMETRY;
    return new ActiveCall(api, this.client, method, route, url);
  }

  /** A token refresh starts (the caller's context is its parent). */
  tokenRefreshStarted(): TokenRefreshTelemetry {
    const api = otel();
    if (api === undefined || nothingRegistered()) return NO_TOKEN_TELEMETRY;
    return new ActiveTokenRefresh(api, this.client.name, this.authAddress);
  }

  /** Playlyfe rejected a call's token; the call is re-sent once with a fresh one. */
  tokenRejected(): void {
    const api = otel();
    if (api === undefined || nothingRegistered()) return;
    instruments(api).tokenRejections.add(1, { [ATTR_CLIENT]: this.client.name });
    activeCall(api)?.resent();
  }
}
