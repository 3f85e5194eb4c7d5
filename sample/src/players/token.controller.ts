import { Controller, Get, Header, Param } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PlaylyfeService } from 'nestjs-playlyfe';
import { IdPipe } from '../common/id.pipe.js';
import { integer } from '../playlyfe-options.factory.js';

/** Scopes of the front-end token: read the player's runtime routes, nothing else (plays go through the backend). */
export const FRONT_END_SCOPES = ['player.runtime.read'];
/** Default lifetime of the front-end token, in seconds (`PLAYLYFE_FRONT_END_TOKEN_SECONDS` changes it). */
export const FRONT_END_TOKEN_SECONDS = 3600;

/** What `GET /players/:id/token` answers. */
export interface FrontEndToken {
  playerId: string;
  /** `<client_id>:<jwt>`: the front end sends it to Playlyfe as `?jwt=`. */
  token: string;
  scopes: string[];
  expiresInSeconds: number;
}

/** Front-end tokens that let a browser read Playlyfe's runtime routes directly as one player. */
@Controller('players/:id/token')
export class TokenController {
  private readonly lifetimeSeconds: number;

  constructor(
    private readonly playlyfe: PlaylyfeService,
    config: ConfigService,
  ) {
    this.lifetimeSeconds =
      integer(config, 'PLAYLYFE_FRONT_END_TOKEN_SECONDS', 1, 86_400) ?? FRONT_END_TOKEN_SECONDS;
  }

  /**
   * `GET /players/:id/token` → a read-only JWT for the player (404 `player_not_found` for an
   * unknown one). A real app authenticates its user first and mints a token only for that user's
   * own player.
   */
  @Get()
  @Header('Cache-Control', 'no-store')
  async token(@Param('id', new IdPipe('player id')) id: string): Promise<FrontEndToken> {
    await this.playlyfe.forPlayer(id).profile(); // the player must exist
    const token = this.playlyfe.createJwt({
      playerId: id,
      scopes: FRONT_END_SCOPES,
      expiresInSeconds: this.lifetimeSeconds,
    });
    return {
      playerId: id,
      token,
      scopes: [...FRONT_END_SCOPES],
      expiresInSeconds: this.lifetimeSeconds,
    };
  }
}
