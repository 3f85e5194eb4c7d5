import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PlaylyfeService, type PlaylyfeLeaderboardEntry, type PlaylyfePage } from 'nestjs-playlyfe';
import { EmbeddedEmulatorService } from '../emulator/embedded-emulator.service.js';
import { idProblem, IdPipe } from '../common/id.pipe.js';
import { LimitPipe, SkipPipe } from '../common/optional-int.pipe.js';

/** The demo game's player that reads leaderboards when no `?player=` is given (embedded emulator only). */
export const DEMO_VIEWER = 'alice';

/**
 * Leaderboards. Playlyfe serves them on runtime routes, which act as a player: the one named by
 * `?player=`, else `PLAYLYFE_DEFAULT_PLAYER`, else (embedded emulator only) the demo player `alice`.
 */
@Controller('leaderboards')
export class LeaderboardsController {
  constructor(
    private readonly playlyfe: PlaylyfeService,
    private readonly config: ConfigService,
    private readonly embedded: EmbeddedEmulatorService,
  ) {}

  /** `GET /leaderboards/:id?cycle=alltime&limit=&skip=&player=` → `{data: [{player, score, rank}], total}`. */
  @Get(':id')
  leaderboard(
    @Param('id', new IdPipe('leaderboard id')) id: string,
    @Query('cycle') cycle: unknown,
    @Query('player') player: unknown,
    @Query('limit', LimitPipe) limit?: number,
    @Query('skip', SkipPipe) skip?: number,
  ): Promise<PlaylyfePage<PlaylyfeLeaderboardEntry>> {
    if (cycle !== undefined) {
      const problem = idProblem(cycle, 'cycle');
      if (problem !== undefined) throw new BadRequestException(problem);
    }
    return this.playlyfe
      .forPlayer(this.viewer(player))
      .leaderboard(id, { cycle: (cycle as string | undefined) ?? 'alltime', limit, skip });
  }

  private viewer(player: unknown): string {
    const chosen = player ?? (this.config.get<string>('PLAYLYFE_DEFAULT_PLAYER') || undefined);
    if (chosen === undefined) {
      if (this.embedded.emulator !== undefined) return DEMO_VIEWER;
      throw new BadRequestException(
        'player is required: leaderboards are read as a player (?player=<id>)',
      );
    }
    const problem = idProblem(chosen, 'player');
    if (problem !== undefined) throw new BadRequestException(problem);
    return chosen as string;
  }
}
