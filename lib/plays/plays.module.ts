import { Module } from '@nestjs/common';
import { PlaylyfePlayInterceptor } from './play.interceptor.js';
import { PlaylyfePlaysConfigurableModule } from './plays.module-definition.js';
import { PlaylyfePlays } from './plays.service.js';

/**
 * Durable plays on the registered Playlyfe client: `PlaylyfePlays` and `@PlaylyfePlay`. Import it
 * after `PlaylyfeModule` (or make that one global), so it drains before the client closes.
 */
@Module({
  providers: [PlaylyfePlays, PlaylyfePlayInterceptor],
  exports: [PlaylyfePlays, PlaylyfePlayInterceptor],
})
export class PlaylyfePlaysModule extends PlaylyfePlaysConfigurableModule {}
