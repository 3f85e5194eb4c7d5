import {
  Body,
  Controller,
  Get,
  Module,
  Param,
  Post,
  Query,
  type INestApplication,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  PlaylyfeError,
  PlaylyfeExceptionFilter,
  PlaylyfeModule,
  PlaylyfeService,
  type PlaylyfeLibraryErrorCode,
  type PlaylyfeModuleOptions,
} from '../../lib/index.js';
import { CaptureLogger } from '../utils/capture-logger.js';

/** Routes that pass a Playlyfe call through, as an app's controller does. */
@Controller('probe')
class ProbeController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  @Get('get')
  get(@Query('route') route: string, @Query('player') player?: string): Promise<unknown> {
    return this.playlyfe.get(route, { playerId: player });
  }

  @Post('post')
  post(
    @Query('route') route: string,
    @Body() body: unknown,
    @Query('player') player?: string,
  ): Promise<unknown> {
    return this.playlyfe.post(route, body, { playerId: player });
  }

  @Get('aborted')
  aborted(): Promise<unknown> {
    return this.playlyfe.get('/runtime/player', {
      playerId: 'alice',
      signal: AbortSignal.abort(),
    });
  }

  /** Codes the library raises only at bootstrap, thrown here as they would be from a call. */
  @Get('library/:code')
  library(@Param('code') code: PlaylyfeLibraryErrorCode): never {
    throw new PlaylyfeError('a library error', { code });
  }
}

export interface FilterApp {
  http(): ReturnType<typeof request>;
  readonly logger: CaptureLogger;
  close(): Promise<void>;
}

/** A real Nest app with PlaylyfeExceptionFilter registered as APP_FILTER (or, with `global`, through useGlobalFilters). */
export async function bootFilterApp(
  options: PlaylyfeModuleOptions,
  how: 'app-filter' | 'global' = 'app-filter',
): Promise<FilterApp> {
  @Module({
    imports: [PlaylyfeModule.forRoot(options)],
    controllers: [ProbeController],
    providers:
      how === 'app-filter' ? [{ provide: APP_FILTER, useClass: PlaylyfeExceptionFilter }] : [],
  })
  class FilterAppModule {}

  const logger = new CaptureLogger();
  const moduleRef = await Test.createTestingModule({ imports: [FilterAppModule] })
    .setLogger(logger)
    .compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger });
  if (how === 'global') app.useGlobalFilters(new PlaylyfeExceptionFilter());
  await app.init();
  return {
    logger,
    http: () => request(app.getHttpServer() as Parameters<typeof request>[0]),
    close: () => app.close(),
  };
}
