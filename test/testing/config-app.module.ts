import { Controller, Get, Module, Param } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { PlaylyfeExceptionFilter, PlaylyfeModule, PlaylyfeService } from '../../lib/index.js';

@Controller('players')
class PlayersController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  @Get(':id')
  profile(@Param('id') id: string): Promise<unknown> {
    return this.playlyfe.get('/runtime/player', { playerId: id });
  }
}

/** An app's AppModule as the README registers it: ConfigModule, forRootAsync with ConfigService, the filter. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    PlaylyfeModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        clientId: config.getOrThrow<string>('PLAYLYFE_CLIENT_ID'),
        clientSecret: config.getOrThrow<string>('PLAYLYFE_CLIENT_SECRET'),
        apiBaseUrl: config.get<string>('PLAYLYFE_API_URL'),
        authBaseUrl: config.get<string>('PLAYLYFE_AUTH_URL'),
      }),
    }),
  ],
  controllers: [PlayersController],
  providers: [{ provide: APP_FILTER, useClass: PlaylyfeExceptionFilter }],
})
export class ConfigAppModule {}
