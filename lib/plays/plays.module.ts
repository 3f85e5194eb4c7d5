import { Module, type DynamicModule } from '@nestjs/common';
import { PlaylyfePlayInterceptor } from './play.interceptor.js';
import { PLAYS_OPTIONS_TYPE, PlaylyfePlaysConfigurableModule } from './plays.module-definition.js';
import { PlaylyfePlays } from './plays.service.js';

/**
 * Durable plays on the registered Playlyfe client: `PlaylyfePlays` and `@PlaylyfePlay`. Import it
 * after `PlaylyfeModule` (or make that one global), so it drains before the client closes.
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
