import { Module, type DynamicModule } from '@nestjs/common';
import { PlaylyfePlayInterceptor } from './play.interceptor.js';
import { PLAYS_OPTIONS_TYPE, PlaylyfePlaysConfigurableModule } from './plays.module-definition.js';
import { PlaylyfePlays } from './plays.service.js';

/**
 * Durable plays on the registered Playlyfe client: `PlaylyfePlays` and `@PlaylyfePlay`. On
 * `app.close()` the queue drains in `onModuleDestroy`, before the client closes (it closes in
 * `onApplicationShutdown`), whatever the order of the imports.
 */
@Module({
  providers: [PlaylyfePlays, PlaylyfePlayInterceptor],
  exports: [PlaylyfePlays, PlaylyfePlayInterceptor],
})
export class PlaylyfePlaysModule extends PlaylyfePlaysConfigurableModule {
  /** Registers the plays queue; every option has a default. */
  static forRoot(options: typeof PLAYS_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
