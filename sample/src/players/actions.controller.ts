import { BadRequestException, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { PlaylyfeError, PlaylyfeService, type PlaylyfePlayResult } from 'nestjs-playlyfe';
import { IdPipe } from '../common/id.pipe.js';
import { parsePlayBody } from '../common/request-body.js';

/** Plays actions as a player. */
@Controller('players/:id/actions')
export class ActionsController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  /**
   * `POST /players/:id/actions/:actionId` with `{variables: {...}}` (or no body) → 200 and the play's
   * events. An action the game does not have is bad input: 400 `unknown_action` (Playlyfe answers 404).
   */
  @Post(':actionId')
  @HttpCode(200)
  async play(
    @Param('id', new IdPipe('player id')) id: string,
    @Param('actionId', new IdPipe('action id')) actionId: string,
    @Body() body: unknown,
  ): Promise<PlaylyfePlayResult> {
    const variables = parsePlayBody(body);
    try {
      return await this.playlyfe.forPlayer(id).play(actionId, variables);
    } catch (error) {
      if (
        error instanceof PlaylyfeError &&
        error.status === 404 &&
        error.code !== 'player_not_found'
      ) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'unknown_action',
          message: `the game has no action '${actionId}'`,
        });
      }
      throw error;
    }
  }
}
