export { PlaylyfeModule } from './playlyfe.module.js';
export { PlaylyfeService, type PlaylyfeMethod } from './playlyfe.service.js';
export { PlaylyfeTokenService } from './auth/playlyfe-token.service.js';
export { PlaylyfeApiError, PlaylyfeAuthError, PlaylyfeError } from './playlyfe.errors.js';
export type { PlaylyfeErrorDetails, PlaylyfeLibraryErrorCode } from './playlyfe.errors.js';
export {
  PlaylyfeExceptionFilter,
  type PlaylyfeErrorBody,
} from './filters/playlyfe-exception.filter.js';
export {
  InjectPlaylyfe,
  InjectPlaylyfeTokenService,
  InjectPlaylyfeTokens,
} from './playlyfe.decorators.js';
export {
  DEFAULT_PLAYLYFE_CLIENT,
  getPlaylyfeServiceToken,
  getPlaylyfeTokenServiceToken,
} from './playlyfe.injection-tokens.js';
export type {
  PlaylyfeModuleAsyncOptions,
  PlaylyfeModuleExtras,
  PlaylyfeModuleOptions,
  PlaylyfeOptionsFactory,
  PlaylyfeRetryOptions,
  PlaylyfeTokenPlacement,
} from './interfaces/playlyfe-module-options.interface.js';
export type {
  PlaylyfeQueryValue,
  PlaylyfeRequestOptions,
} from './interfaces/playlyfe-request-options.interface.js';
// Types only: the service builds them (`playlyfe.players`, `forPlayer(id)`, `game`, `teams`).
export type { PlaylyfePlayersApi } from './api/playlyfe-players.api.js';
export type { PlaylyfePlayerScope } from './api/playlyfe-player.scope.js';
export type { PlaylyfeGameApi } from './api/playlyfe-game.api.js';
export type { PlaylyfeTeamsApi } from './api/playlyfe-teams.api.js';
export { findPlaylyfeScore, isPlaylyfeChange, isPlaylyfeScore } from './api/playlyfe-scores.js';
export type { PlaylyfeChangeOf, PlaylyfeScoreOf } from './api/playlyfe-scores.js';
export type { PlaylyfeCallOptions } from './api/playlyfe-requester.js';
export type * from './interfaces/playlyfe-api.interfaces.js';
export { InMemoryTokenStore } from './stores/in-memory-token.store.js';
export type {
  PlaylyfeTokenStore,
  PlaylyfeTokenStoreLock,
} from './interfaces/playlyfe-token-store.interface.js';
