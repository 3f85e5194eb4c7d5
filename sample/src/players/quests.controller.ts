import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { PlaylyfeService, type PlaylyfeEvent } from 'nestjs-playlyfe';
import { PlaylyfePlay } from 'nestjs-playlyfe/plays';
import { IdPipe } from '../common/id.pipe.js';
import {
  badgesEarned,
  completedQuest,
  levelReached,
  type CompletedQuest,
} from './quest-rewards.js';

/** `POST /players/:id/quests/:quest`: the quest is recorded, its play queued (`GET /plays/:playId`). */
export interface QueuedQuest extends CompletedQuest {
  status: 'queued';
  playId: string;
}

/** `POST /players/:id/quests/:quest/now`: the play made, and what it changed. */
export interface PlayedQuest extends CompletedQuest {
  status: 'applied';
  /** The level the quest took the player to, or null when the level did not change. */
  level: string | null;
  /** The badges the quest earned. */
  badges: string[];
  /** The play's events: the action, then level and achievement events. */
  events: PlaylyfeEvent[];
}

/** Completes the demo game's quests (`complete_quest` with the quest's points). */
@Controller('players/:id/quests')
export class QuestsController {
  constructor(private readonly playlyfe: PlaylyfeService) {}

  /**
   * → 202 `{playerId, quest, points, status: 'queued', playId}` at once: the play is queued after
   * the handler returns and sent in the background, through Playlyfe outages. An unknown quest
   * answers 400 and queues nothing.
   */
  @Post(':quest')
  @HttpCode(202)
  @PlaylyfePlay('complete_quest', {
    playerId: (_req, quest: CompletedQuest) => quest.playerId,
    variables: (_req, quest: CompletedQuest) => ({ quest: quest.quest, points: quest.points }),
    respond: (quest: CompletedQuest, playId): QueuedQuest => ({
      ...quest,
      status: 'queued',
      playId,
    }),
  })
  complete(
    @Param('id', new IdPipe('player id')) id: string,
    @Param('quest') quest: string,
  ): CompletedQuest {
    return completedQuest(id, quest);
  }

  /**
   * → 200 with the level and badges the quest earned: the request waits for Playlyfe, and fails
   * when Playlyfe does (503 while it is down).
   */
  @Post(':quest/now')
  @HttpCode(200)
  async completeNow(
    @Param('id', new IdPipe('player id')) id: string,
    @Param('quest') quest: string,
  ): Promise<PlayedQuest> {
    const completed = completedQuest(id, quest);
    const result = await this.playlyfe
      .forPlayer(id)
      .play('complete_quest', { quest: completed.quest, points: completed.points });
    const events = result.events.local;
    return {
      ...completed,
      status: 'applied',
      level: levelReached(events),
      badges: badgesEarned(events),
      events,
    };
  }
}
