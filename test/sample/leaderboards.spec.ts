import { describe, expect, it } from '@jest/globals';
import type { PlaylyfeLeaderboardEntry, PlaylyfePage } from 'nestjs-playlyfe';
import { useEmbeddedSample } from './sample-app.js';

const booted = useEmbeddedSample();

const page = (body: unknown) => body as PlaylyfePage<PlaylyfeLeaderboardEntry>;
const ids = (body: unknown): string[] => page(body).data.map((entry) => entry.player.id);

describe('GET /leaderboards/:id', () => {
  it('ranks the players, highest score first', async () => {
    const res = await booted.sample
      .http()
      .get('/leaderboards/xp_leaderboard?cycle=alltime')
      .expect(200);
    expect(page(res.body).data[0]).toEqual({
      player: { id: 'alice', alias: 'Alice' },
      score: '120',
      rank: 1,
    });
    expect(ids(res.body).slice(0, 3)).toEqual(['alice', 'carol', 'bob']);
    expect(page(res.body).total).toBe(4);
  });

  it('shows a new player once they played', async () => {
    await booted.sample
      .http()
      .post('/players')
      .send({ id: 'climber', alias: 'Climber' })
      .expect(201);
    await booted.sample
      .http()
      .post('/players/climber/actions/complete_quest')
      .send({ variables: { points: 500 } })
      .expect(200);
    const res = await booted.sample
      .http()
      .get('/leaderboards/xp_leaderboard?cycle=alltime')
      .expect(200);
    expect(page(res.body).data[0]).toEqual({
      player: { id: 'climber', alias: 'Climber' },
      score: '500',
      rank: 1,
    });
  });

  it('defaults the cycle to alltime and reads as the demo player alice', async () => {
    booted.emulator.resetStats();
    await booted.sample.http().get('/leaderboards/xp_leaderboard').expect(200);
    expect(
      booted.emulator.requestLog.find((e) => e.route === '/runtime/leaderboards/xp_leaderboard')
        ?.query,
    ).toMatchObject({
      cycle: 'alltime',
      player_id: 'alice',
    });
  });

  it('reads as the player named by ?player=', async () => {
    booted.emulator.resetStats();
    await booted.sample
      .http()
      .get('/leaderboards/xp_leaderboard?cycle=weekly&player=bob')
      .expect(200);
    expect(
      booted.emulator.requestLog.find((e) => e.route === '/runtime/leaderboards/xp_leaderboard')
        ?.query,
    ).toMatchObject({
      cycle: 'weekly',
      player_id: 'bob',
    });
  });

  it('pages with limit and skip', async () => {
    const all = await booted.sample.http().get('/leaderboards/xp_leaderboard').expect(200);
    const res = await booted.sample
      .http()
      .get('/leaderboards/xp_leaderboard?limit=2&skip=1')
      .expect(200);
    expect(ids(res.body)).toEqual(ids(all.body).slice(1, 3));
    expect(page(res.body).total).toBe(page(all.body).total);
  });

  it('an unknown leaderboard answers 404 leaderboard_not_found', async () => {
    const res = await booted.sample.http().get('/leaderboards/nope').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'leaderboard_not_found',
      message: 'No leaderboard exists with that id.',
    });
  });

  it('an unknown cycle answers 400 validation_exception', async () => {
    const res = await booted.sample
      .http()
      .get('/leaderboards/xp_leaderboard?cycle=hourly')
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'validation_exception',
      message: 'Playlyfe refused the input of the request.',
    });
  });

  it('an unknown ?player= answers 404 player_not_found', async () => {
    const res = await booted.sample
      .http()
      .get('/leaderboards/xp_leaderboard?player=ghost')
      .expect(404);
    expect(res.body).toMatchObject({ error: 'player_not_found' });
  });

  it.each([
    ['limit=abc', 'limit must be an integer between 1 and 100'],
    ['limit=-3', 'limit must be an integer between 1 and 100'],
    ['skip=x', 'skip must be an integer between 0 and 1000000'],
    ['cycle=', 'cycle must not be empty'],
    ['player=%20', 'player must not be empty'],
    ['player=a&player=b', 'player must be a string'],
  ])('%s answers 400 without calling Playlyfe', async (query, message) => {
    booted.emulator.resetStats();
    const res = await booted.sample.http().get(`/leaderboards/xp_leaderboard?${query}`).expect(400);
    expect((res.body as { message: string }).message).toBe(message);
    expect(booted.emulator.stats.apiRequests).toBe(0);
  });
});
