export { PlaylyfePlaysModule } from './plays.module.js';
export { PlaylyfePlays } from './plays.service.js';
export { PlaylyfePlay } from './play.decorator.js';
export { PlaylyfePlayInterceptor } from './play.interceptor.js';
export type { PlaylyfeHandlerRequest, PlaylyfePlayOptions } from './play.metadata.js';
export type {
  PlaylyfeAppliedPlay,
  PlaylyfeFailedPlay,
  PlaylyfePlayOutcome,
  PlaylyfePlayRequest,
  PlaylyfePlaysBullMqBackend,
  PlaylyfePlaysEmbeddedBackend,
  PlaylyfePlaysModuleExtras,
  PlaylyfePlaysOptions,
  PlaylyfePlaysRedisConnection,
  PlaylyfePlaysStats,
} from './plays.interfaces.js';
