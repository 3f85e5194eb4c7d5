import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { mergeMap, type Observable } from 'rxjs';
import { PlaylyfeError } from '../playlyfe.errors.js';
import { PLAYLYFE_PLAY_METADATA, type PlaylyfePlayMetadata } from './play.metadata.js';
import { PlaylyfePlays } from './plays.service.js';

/** Queues the play of a `@PlaylyfePlay` handler after the handler's result, never after a throw. */
@Injectable()
export class PlaylyfePlayInterceptor implements NestInterceptor {
  private plays: PlaylyfePlays | undefined;

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.getAllAndOverride<PlaylyfePlayMetadata | undefined>(
      PLAYLYFE_PLAY_METADATA,
      [context.getHandler(), context.getClass()],
    );
    if (meta === undefined) return next.handle();
    const req: never = context.switchToHttp().getRequest();
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        const result = value as never;
        const variables = meta.variables?.(req, result);
        const playId = await this.service().enqueue({
          playerId: meta.playerId(req, result),
          actionId: meta.actionId,
          ...(variables === undefined ? {} : { variables }),
        });
        return meta.respond === undefined ? value : meta.respond(result, playId);
      }),
    );
  }

  private service(): PlaylyfePlays {
    if (this.plays !== undefined) return this.plays;
    try {
      const plays = this.moduleRef.get(PlaylyfePlays, { strict: false });
      this.plays = plays;
      return plays;
    } catch {
      throw new PlaylyfeError(
        '@PlaylyfePlay needs PlaylyfePlaysModule: import PlaylyfePlaysModule.forRoot()',
        {
          code: 'invalid_options',
        },
      );
    }
  }
}
