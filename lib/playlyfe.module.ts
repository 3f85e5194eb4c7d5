import { HttpModule, HttpService } from '@nestjs/axios';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { PlaylyfeModuleAsyncOptions } from './interfaces/playlyfe-module-options.interface.js';
import { PlaylyfeHttpClient } from './http/playlyfe-http-client.js';
import { resolvePlaylyfeOptions } from './options/resolved-options.js';
import {
  PLAYLYFE_CLIENT_NAME,
  PLAYLYFE_CLOCK,
  PLAYLYFE_HTTP_CLIENT,
  PLAYLYFE_RESOLVED_OPTIONS,
} from './playlyfe.constants.js';
import { PlaylyfeError } from './playlyfe.errors.js';
import {
  ConfigurableModuleClass,
  OPTIONS_TYPE,
  PLAYLYFE_MODULE_OPTIONS,
} from './playlyfe.module-definition.js';
import { PlaylyfeService } from './playlyfe.service.js';
import { PlaylyfeTelemetry } from './telemetry/playlyfe.telemetry.js';
import {
  DEFAULT_PLAYLYFE_CLIENT,
  getPlaylyfeServiceToken,
  getPlaylyfeTokenServiceToken,
} from './playlyfe.injection-tokens.js';
import { systemClock } from './utils/clock.js';

/** Client names taken in each application, so two registrations with one name fail bootstrap. */
const claimedNames = new WeakMap<ModulesContainer, Set<string>>();

/** Registers a Playlyfe client: `PlaylyfeService` for the app, with tokens handled behind it. */
@Module({})
export class PlaylyfeModule extends ConfigurableModuleClass {
  static forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withClient(super.forRoot(options), options.name);
  }

  static forRootAsync(options: PlaylyfeModuleAsyncOptions): DynamicModule {
    return withClient(super.forRootAsync(options), options.name);
  }
}

function withClient(definition: DynamicModule, rawName: unknown): DynamicModule {
  const name = clientName(rawName);
  const serviceToken = getPlaylyfeServiceToken(name);
  const tokenServiceToken = getPlaylyfeTokenServiceToken(name);
  // A named client registers its classes only under its own tokens, so `app.get(PlaylyfeService)`
  // never finds a named client's service instead of the default one.
  const providers: Provider[] = [
    ...(definition.providers ?? []),
    { provide: PLAYLYFE_CLIENT_NAME, useValue: name },
    {
      provide: PLAYLYFE_RESOLVED_OPTIONS,
      useFactory: (raw: unknown, container: ModulesContainer) => {
        claimName(container, name);
        return resolvePlaylyfeOptions(raw, registrationLabel(container, name));
      },
      inject: [PLAYLYFE_MODULE_OPTIONS, ModulesContainer],
    },
    { provide: PLAYLYFE_CLOCK, useValue: systemClock },
    // telemetry: spans and metrics of this registration (no-ops without @opentelemetry/api).
    PlaylyfeTelemetry,
    // The one place the client is built: axios instance, transport, interceptor, token service.
    {
      provide: PLAYLYFE_HTTP_CLIENT,
      useFactory: (...args: Parameters<typeof PlaylyfeHttpClient.create>) =>
        PlaylyfeHttpClient.create(...args),
      inject: [
        HttpService,
        PLAYLYFE_RESOLVED_OPTIONS,
        PLAYLYFE_CLIENT_NAME,
        PLAYLYFE_CLOCK,
        PlaylyfeTelemetry,
      ],
    },
    {
      provide: tokenServiceToken,
      useFactory: (client: PlaylyfeHttpClient) => client.tokens,
      inject: [PLAYLYFE_HTTP_CLIENT],
    },
    { provide: serviceToken, useClass: PlaylyfeService },
  ];
  return {
    ...definition,
    // Our own axios instance: the interceptor never touches the app's HttpService. registerAsync
    // makes it when the module is instantiated: `register({})` makes one when this definition is,
    // so two apps built from one AppModule would share it and each other's interceptors.
    imports: [...(definition.imports ?? []), HttpModule.registerAsync({ useFactory: () => ({}) })],
    providers,
    exports: [serviceToken, tokenServiceToken],
  };
}

function clientName(name: unknown): string {
  if (name === undefined) return DEFAULT_PLAYLYFE_CLIENT;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new PlaylyfeError('Invalid Playlyfe options: `name` must be a non-empty string', {
      code: 'invalid_options',
    });
  }
  return name;
}

/** How an options error names its registration: always when named, when there are several otherwise. */
function registrationLabel(container: ModulesContainer, name: string): string | undefined {
  if (name !== DEFAULT_PLAYLYFE_CLIENT) return `registration "${name}"`;
  let registrations = 0;
  for (const module of container.values()) if (module.metatype === PlaylyfeModule) registrations++;
  return registrations > 1 ? 'the default registration, the one without `name`' : undefined;
}

function claimName(container: ModulesContainer, name: string): void {
  let names = claimedNames.get(container);
  if (!names) claimedNames.set(container, (names = new Set()));
  if (names.has(name)) {
    const which =
      name === DEFAULT_PLAYLYFE_CLIENT ? 'the default (unnamed) client' : `the name "${name}"`;
    throw new PlaylyfeError(
      `PlaylyfeModule is registered twice with ${which}; give each registration its own \`name\``,
      { code: 'duplicate_client' },
    );
  }
  names.add(name);
}
