import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { PlaylyfePlayInterceptor } from './play.interceptor.js';
import {
  PLAYLYFE_PLAY_METADATA,
  type PlaylyfeHandlerRequest,
  type PlaylyfePlayOptions,
} from './play.metadata.js';

/**
 * Queues a play of `actionId` once the handler succeeds (never when it throws), before the answer
 * is sent; the answer does not wait for Playlyfe. Needs PlaylyfePlaysModule.
 */
export function PlaylyfePlay<Req = PlaylyfeHandlerRequest, Result = unknown>(
  actionId: string,
  options: PlaylyfePlayOptions<Req, Result>,
): MethodDecorator & ClassDecorator {
  if (typeof actionId !== 'string' || actionId === '') {
    throw new TypeError('@PlaylyfePlay: the action id must be a non-empty string');
  }
  if (typeof options?.playerId !== 'function') {
    throw new TypeError('@PlaylyfePlay: options.playerId must be a function of the request');
  }
  if (options.respond !== undefined && typeof options.respond !== 'function') {
    throw new TypeError(
      '@PlaylyfePlay: options.respond must be a function of the result and the play id',
    );
  }
  return applyDecorators(
    SetMetadata(PLAYLYFE_PLAY_METADATA, { actionId, ...options }),
    UseInterceptors(PlaylyfePlayInterceptor),
  );
}
