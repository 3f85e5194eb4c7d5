import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { Controller, HttpCode, Param, Post, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { APP_FILTER } from '@nestjs/core';
import { PlaylyfeExceptionFilter, PlaylyfeModule } from '../../lib/index.js';
import { PlaylyfePlay, PlaylyfePlays, PlaylyfePlaysModule } from '../../lib/plays/index.js';
import { Test } from '@nestjs/testing';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { emulatorOptions } from '../utils/playlyfe-client.js';
import { CaptureLogger } from '../utils/capture-logger.js';
import { until } from './plays-app.js';

@Controller('quests')
class QuestsController {
  @Post(':player')
  @HttpCode(200)
  @PlaylyfePlay('complete_quest', {
    playerId: (req) => req.params['player'],
    variables: (_req, result: { points: number }) => ({ points: result.points }),
  })
  complete(@Param('player') player: string) {
    return { player, points: 7 };
  }

  @Post(':player/accepted')
  @HttpCode(202)
  @PlaylyfePlay('complete_quest', {
    playerId: (req) => req.params['player'],
    variables: () => ({ points: 9 }),
    respond: (result: { player: string }, playId) => ({ ...result, playId }),
  })
  accept(@Param('player') player: string) {
    return { player };
  }

  @Post(':player/fail')
  @PlaylyfePlay('complete_quest', { playerId: (req) => req.params['player'] })
  fail(): never {
    throw new Error('the quest is not done');
  }
}

describe('@PlaylyfePlay', () => {
  const suite = useEmulatorSuite();
  let app: INestApplication;

  beforeEach(async () => {
    const module = await Test.createTestingModule({
      imports: [
        PlaylyfeModule.forRoot(emulatorOptions(suite.emulator)),
        PlaylyfePlaysModule.forRoot(),
      ],
      controllers: [QuestsController],
    })
      .setLogger(new CaptureLogger())
      .compile();
    app = module.createNestApplication({ logger: false });
    await app.init();
  });
  afterEach(async () => {
    await app.close();
    suite.emulator.resetGame();
  });

  it('queues the play after the handler succeeds, with variables from its result', async () => {
    const plays = app.get(PlaylyfePlays);
    const outcomes: unknown[] = [];
    plays.results$.subscribe((o) => outcomes.push(o));
    await request(app.getHttpServer() as Server)
      .post('/quests/bob')
      .expect(200, { player: 'bob', points: 7 });
    await until(() => outcomes.length === 1);
    expect(outcomes[0]).toMatchObject({ status: 'applied', playerId: 'bob' });
    expect(suite.emulator.player('bob')?.plays['complete_quest']).toBe(1);
    const feed = suite.emulator.player('bob')?.notifications.at(-1);
    expect(feed?.action.vars).toMatchObject({ points: 7 });
  });

  it("answers what respond makes of the result and the play's id, and that id awaits the outcome", async () => {
    const plays = app.get(PlaylyfePlays);
    const res = await request(app.getHttpServer() as Server)
      .post('/quests/carol/accepted')
      .expect(202);
    const body = res.body as { player: string; playId: string };
    expect(body).toEqual({ player: 'carol', playId: expect.any(String) });
    await expect(plays.result(body.playId)).resolves.toMatchObject({
      status: 'applied',
      playId: body.playId,
      playerId: 'carol',
    });
    expect(suite.emulator.player('carol')?.notifications.at(-1)?.action.vars).toMatchObject({
      points: 9,
    });
  });

  it('refuses a respond that is not a function', () => {
    expect(() =>
      PlaylyfePlay('complete_quest', {
        playerId: () => 'bob',
        respond: 'playId' as never,
      }),
    ).toThrow('options.respond must be a function');
  });

  it('never queues a play when the handler throws', async () => {
    const plays = app.get(PlaylyfePlays);
    await request(app.getHttpServer() as Server)
      .post('/quests/bob/fail')
      .expect(500);
    expect((await plays.stats()).depth).toBe(0);
    await app.close();
    expect(
      suite.emulator.stats.byRoute['POST /runtime/actions/complete_quest/play'],
    ).toBeUndefined();
  });
});

describe('@PlaylyfePlay with a full queue', () => {
  const suite = useEmulatorSuite();
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
    suite.emulator.clearFaults();
    suite.emulator.resetGame();
  });

  it('answers 503 queue_full through PlaylyfeExceptionFilter, after the handler ran', async () => {
    const module = await Test.createTestingModule({
      imports: [
        PlaylyfeModule.forRoot(emulatorOptions(suite.emulator)),
        PlaylyfePlaysModule.forRoot({ maxQueued: 1, drainTimeoutMs: 0 }),
      ],
      controllers: [QuestsController],
      providers: [{ provide: APP_FILTER, useClass: PlaylyfeExceptionFilter }],
    })
      .setLogger(new CaptureLogger())
      .compile();
    app = module.createNestApplication({ logger: false });
    await app.init();
    // Every send dropped before it is applied: the first play stays held, retrying.
    suite.emulator.setRandomFaults('POST', '/runtime/actions/:id/play', [
      { mode: 'drop-before-apply', rate: 1 },
    ]);
    const http = request(app.getHttpServer() as Server);
    await http.post('/quests/bob').expect(200);
    const res = await request(app.getHttpServer() as Server)
      .post('/quests/bob')
      .expect(503);
    expect(res.body).toEqual({
      statusCode: 503,
      error: 'queue_full',
      message: 'Too many plays are waiting; try again later.',
    });
    expect((await app.get(PlaylyfePlays).stats()).depth).toBe(1);
  });
});
