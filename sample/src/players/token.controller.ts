import { Controller, Get, Param } from '@nestjs/common';
import { PlaylyfeService } from 'nestjs-playlyfe';
import { IdPipe } from '../common/id.pipe.js';

/** Scopes of the front-end token: read and play as the player. */
export const FRONT_END_SCOPES = ['player.runtime.read', 'player.runtime.write'];
/** Lifetime of the front-end token, in seconds. */
export const FRONT_END_TOKEN_SECONDS = 3600;

/** What `GET /players/:id/token` answers. */
export interface FrontEndToken {
  playerId: string;
  /** `<client_id>:<jwt>`: the front end sends it to Playlyfe as `?jwt=`. */
  token: string;
  scopes: string[];
  expiresInSeconds: number;
}

/** Front-end tokens that let a browser call Playlyfe's runtime routes directly as one player. */
@Controller('players/:id/token')
export class TokenController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  /**
   * `GET /players/:id/token` → a JWT for the player (404 `player_not_found` for an unknown one).
   * A real app authenticates its user first and mints a token only for that user's own player.
   */
  @Get()
  async token(@Param('id', new IdPipe('player id')) id: string): Promise<FrontEndToken> {
    const player = this.playlyfe.forPlayer(id);
    await player.profile(); // the player must exist
    const token = this.playlyfe.createJwt({
      playerId: id,
      scopes: FRONT_END_SCOPES,
      expiresInSeconds: FRONT_END_TOKEN_SECONDS,
    });
    return {
      playerId: id,
      token,
      scopes: [...FRONT_END_SCOPES],
      expiresInSeconds: FRONT_END_TOKEN_SECONDS,
    };
  }
}
