// The Nest app of the plays part, in its own process, listening on 127.0.0.1 (a free port):
//   POST /quests/:player/plain   the handler alone
//   POST /quests/:player/noop    the same handler with a no-op interceptor (Nest's own cost of one)
//   POST /quests/:player/queued  the same handler with @PlaylyfePlay('complete_quest') (embedded queue)
//   POST /quests/:player/sync    the same handler awaiting the play on Playlyfe before it answers
// Every endpoint answers 200 with the same small JSON. The library comes from dist/ (npm run bench
// builds it). Messages in: { stats: true } (the queue's stats), { stop: true }.
//   node bench/src/plays-child.js <emulator url> <players>
import 'reflect-metadata';
import { Controller, HttpCode, Inject, Module, Param, Post, UseInterceptors } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mergeMap } from 'rxjs';
import { PlaylyfeModule, PlaylyfeService } from '../../dist/esm/index.js';
import { PlaylyfePlay, PlaylyfePlays, PlaylyfePlaysModule } from '../../dist/esm/plays/index.js';
import { DEMO_CLIENT } from '../../dist/esm/testing/index.js';

const [url, players] = process.argv.slice(2);

/** What every endpoint does and answers: the handler's own work. */
const questDone = (player) => ({ player, quest: 'side', points: 50 });

class QuestsController {
  constructor(playlyfe) {
    this.playlyfe = playlyfe;
  }

  plain(player) {
    return questDone(player);
  }

  noop(player) {
    return questDone(player);
  }

  queued(player) {
    return questDone(player);
  }

  async sync(player) {
    const done = questDone(player);
    await this.playlyfe.forPlayer(player).play('complete_quest', { points: done.points });
    return done;
  }
}

// The decorators a TypeScript controller would carry, applied by hand (this file is plain JS).
const proto = QuestsController.prototype;
const decorate = (name, ...decorators) => {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  Object.defineProperty(proto, name, Reflect.decorate(decorators, proto, name, descriptor));
  Param('player')(proto, name, 0);
};
/** What PlaylyfePlayInterceptor does around the handler, minus the enqueue. */
class NoopInterceptor {
  intercept(_context, next) {
    return next.handle().pipe(mergeMap(async (value) => value));
  }
}

decorate('plain', Post(':player/plain'), HttpCode(200));
decorate('noop', Post(':player/noop'), HttpCode(200), UseInterceptors(new NoopInterceptor()));
decorate(
  'queued',
  Post(':player/queued'),
  HttpCode(200),
  PlaylyfePlay('complete_quest', {
    playerId: (req) => req.params.player,
    variables: (_req, result) => ({ points: result.points }),
  }),
);
decorate('sync', Post(':player/sync'), HttpCode(200));
Inject(PlaylyfeService)(QuestsController, undefined, 0);
Controller('quests')(QuestsController);

class BenchModule {}
Module({
  imports: [
    PlaylyfeModule.forRoot({
      clientId: DEMO_CLIENT.id,
      clientSecret: DEMO_CLIENT.secret,
      apiBaseUrl: url,
      authBaseUrl: url,
    }),
    // maxQueued: every queued request of the run stays held while Playlyfe stalls.
    // drainTimeoutMs 0: on close, what is held ends not_delivered at once.
    PlaylyfePlaysModule.forRoot({ maxQueued: 1_000_000, drainTimeoutMs: 0 }),
  ],
  controllers: [QuestsController],
})(BenchModule);

const app = await NestFactory.create(BenchModule, { logger: false });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address();
const playlyfe = app.get(PlaylyfeService);
for (let i = 0; i < Number(players); i++) {
  await playlyfe.players.create({ id: `bench-${i}` }).catch((error) => {
    if (error.code !== 'player_exists') throw error;
  });
}
const plays = app.get(PlaylyfePlays);
const outcomes = { applied: 0, failed: 0 };
plays.results$.subscribe((o) => (outcomes[o.status] += 1));
process.send({ ready: `http://127.0.0.1:${port}` });

process.on('message', async (message) => {
  if (message.stats) {
    process.send({ stats: { ...(await plays.stats()), ...outcomes } });
    return;
  }
  if (message.stop) {
    await app.close();
    process.disconnect();
  }
});
