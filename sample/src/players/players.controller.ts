import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { PlaylyfeService, type PlaylyfePlayer } from 'nestjs-playlyfe';
import { IdPipe } from '../common/id.pipe.js';
import { parseCreatePlayerBody } from '../common/request-body.js';

/** Creates players and reads their profiles. */
@Controller('players')
export class PlayersController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  /** `POST /players` with `{id, alias?}` → 201 and the new player; 409 `player_exists` for a taken id. */
  @Post()
  create(@Body() body: unknown): Promise<PlaylyfePlayer> {
    return this.playlyfe.players.create(parseCreatePlayerBody(body));
  }

  /** `GET /players/:id` → the player's profile with scores; 404 `player_not_found`. */
  @Get(':id')
  profile(@Param('id', new IdPipe('player id')) id: string): Promise<PlaylyfePlayer> {
    return this.playlyfe.forPlayer(id).profile();
  }
}
