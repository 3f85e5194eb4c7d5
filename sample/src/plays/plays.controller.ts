import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { PlaylyfePlays, type PlaylyfePlayOutcome } from 'nestjs-playlyfe/plays';
import { OptionalIntPipe } from '../common/optional-int.pipe.js';

/** How long `GET /plays/:id` waits for a held play by default, in ms. */
const DEFAULT_WAIT_MS = 1000;

/** `GET /plays/:id` while the play is held. */
export interface HeldPlay {
  playId: string;
  status: 'queued';
}

interface ReplyStatus {
  status(code: number): unknown;
}

/** The outcome of a queued play (`POST /players/:id/quests/:quest` answers its id). */
@Controller('plays')
export class PlaysController {
  constructor(private readonly plays: PlaylyfePlays) {}

  /**
   * → 200 with the outcome once the play ended (`status: 'applied'` with its events, or
   * `'failed'` with a code); 202 `{playId, status: 'queued'}` when it is still held after `?wait=`
   * ms (default 1000, at most 10000); 404 `play_not_found` when no play with this id is held or
   * ended recently.
   */
  @Get(':id')
  async outcome(
    @Param('id') id: string,
    @Query('wait', new OptionalIntPipe('wait', 0, 10_000)) wait: number | undefined,
    @Res({ passthrough: true }) res: ReplyStatus,
  ): Promise<PlaylyfePlayOutcome | HeldPlay> {
    let timer: NodeJS.Timeout | undefined;
    const held = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), wait ?? DEFAULT_WAIT_MS);
    });
    let outcome: PlaylyfePlayOutcome | undefined;
    try {
      // result() rejects at once with play_not_found (404 through PlaylyfeExceptionFilter) for an
      // id the queue does not know.
      outcome = await Promise.race([this.plays.result(id), held]);
    } finally {
      clearTimeout(timer);
    }
    if (outcome !== undefined) return outcome;
    res.status(202);
    return { playId: id, status: 'queued' };
  }
}
