import { Controller, Get, Param, Query } from '@nestjs/common';
import { PlaylyfeService, type PlaylyfeNotification, type PlaylyfePage } from 'nestjs-playlyfe';
import { IdPipe } from '../common/id.pipe.js';
import { LimitPipe, SkipPipe } from '../common/optional-int.pipe.js';

/** A player's notifications (one per action played, with the score changes). */
@Controller('players/:id/notifications')
export class NotificationsController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  /** `GET /players/:id/notifications?limit=&skip=` → `{data, total}`, newest first. */
  @Get()
  list(
    @Param('id', new IdPipe('player id')) id: string,
    @Query('limit', LimitPipe) limit?: number,
    @Query('skip', SkipPipe) skip?: number,
  ): Promise<PlaylyfePage<PlaylyfeNotification>> {
    return this.playlyfe.forPlayer(id).notifications({ limit, skip });
  }
}
