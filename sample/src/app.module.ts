import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { PlaylyfeExceptionFilter, PlaylyfeModule } from 'nestjs-playlyfe';
import { PlaylyfePlaysModule } from 'nestjs-playlyfe/plays';
import { EmbeddedEmulatorModule } from './emulator/embedded-emulator.module.js';
import { EmbeddedEmulatorService } from './emulator/embedded-emulator.service.js';
import { HealthModule } from './health/health.module.js';
import { PageModule } from './page/page.module.js';
import { LeaderboardsController } from './leaderboards/leaderboards.controller.js';
import { playlyfeOptionsFactory } from './playlyfe-options.factory.js';
import { PlaysController } from './plays/plays.controller.js';
import { SAMPLE_PLAYS_OPTIONS } from './plays/plays-options.js';
import { ActionsController } from './players/actions.controller.js';
import { ActivityController } from './players/activity.controller.js';
import { NotificationsController } from './players/notifications.controller.js';
import { PlayersController } from './players/players.controller.js';
import { QuestsController } from './players/quests.controller.js';
import { TokenController } from './players/token.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    EmbeddedEmulatorModule,
    PlaylyfeModule.forRootAsync({
      imports: [ConfigModule, EmbeddedEmulatorModule],
      inject: [ConfigService, EmbeddedEmulatorService],
      useFactory: playlyfeOptionsFactory,
    }),
    // Plays queued and sent in the background on the Playlyfe client above (POST /players/:id/quests/:quest).
    PlaylyfePlaysModule.forRoot(SAMPLE_PLAYS_OPTIONS),
    HealthModule,
    PageModule,
  ],
  controllers: [
    PlayersController,
    ActionsController,
    QuestsController,
    PlaysController,
    ActivityController,
    NotificationsController,
    TokenController,
    LeaderboardsController,
  ],
  providers: [{ provide: APP_FILTER, useClass: PlaylyfeExceptionFilter }],
})
export class AppModule {}
