import { Controller, Param, Query, Sse, type MessageEvent } from '@nestjs/common';
import { PlaylyfeService } from 'nestjs-playlyfe';
import { map, type Observable } from 'rxjs';
import { IdPipe } from '../common/id.pipe.js';
import { OptionalIntPipe } from '../common/optional-int.pipe.js';

const EveryPipe = new OptionalIntPipe('every', 10, 600_000);

/** A player's activity as it happens: level-ups, badges, actions played. */
@Controller('players/:id/activity')
export class ActivityController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  /**
   * `GET /players/:id/activity?every=<ms>` → Server-Sent Events: one event per new Playlyfe event
   * of the player (`event: level`, `event: achievement`...), polled every `every` ms (default
   * 2000). Closing the connection stops the polling; an unknown player answers 404.
   */
  @Sse()
  async stream(
    @Param('id', new IdPipe('player id')) id: string,
    @Query('every', EveryPipe) every = 2000,
  ): Promise<Observable<MessageEvent>> {
    await this.playlyfe.players.get(id); // 404 player_not_found before the stream starts
    return this.playlyfe.players
      .activity$(id, { every })
      .pipe(map((event) => ({ type: event.event, data: event })));
  }
}
