import { describe, expect, it } from '@jest/globals';
import { PlaylyfePlays } from 'nestjs-playlyfe/plays';
import { score, useEmbeddedSample } from './sample-app.js';

const booted = useEmbeddedSample();

let next = 0;
/** A fresh player, so each test starts from zero scores and plays. */
async function newPlayer(): Promise<string> {
  const id = `quester-${++next}`;
  await booted.sample.http().post('/players').send({ id }).expect(201);
  return id;
}

const questPlays = (): number =>
  booted.emulator.stats.byRoute['POST /runtime/actions/complete_quest/play'] ?? 0;

describe('POST /players/:id/quests/:quest (queued)', () => {
  it("answers 202 with the play's id at once; GET /plays/:id answers the applied play with its level and badge events", async () => {
    const id = await newPlayer();
    const accepted = await booted.sample.http().post(`/players/${id}/quests/main`).expect(202);
    const body = accepted.body as { playId: string };
    expect(body).toEqual({
      playerId: id,
      quest: 'main',
      points: 300,
      status: 'queued',
      playId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const outcome = await booted.sample.http().get(`/plays/${body.playId}?wait=5000`).expect(200);
    expect(outcome.body).toMatchObject({
      status: 'applied',
      playId: body.playId,
      playerId: id,
      actionId: 'complete_quest',
      attempts: 1,
      reconciled: false,
    });
    const events = (outcome.body as { events: { event: string }[] }).events;
    expect(events.map((e) => e.event)).toEqual(['action', 'level', 'achievement']);
    const profile = await booted.sample.http().get(`/players/${id}`).expect(200);
    expect(score(profile.body, 'xp')).toBe('300');
    expect(booted.emulator.player(id)?.notifications.at(-1)?.action.vars).toMatchObject({
      quest: 'main',
      points: 300,
    });
  });

  it("answers before Playlyfe does: 202 while Playlyfe stalls, GET /plays/:id 202 'queued' until the play lands", async () => {
    const id = await newPlayer();
    booted.emulator.setApiLatency(1500);
    try {
      const started = Date.now();
      const accepted = await booted.sample.http().post(`/players/${id}/quests/side`).expect(202);
      expect(Date.now() - started).toBeLessThan(1000);
      const { playId } = accepted.body as { playId: string };
      const held = await booted.sample.http().get(`/plays/${playId}?wait=100`).expect(202);
      expect(held.body).toEqual({ playId, status: 'queued' });
      const ended = await booted.sample.http().get(`/plays/${playId}?wait=5000`).expect(200);
      expect(ended.body).toMatchObject({ status: 'applied', playId });
    } finally {
      booted.emulator.setApiLatency(0);
    }
    expect(booted.emulator.player(id)?.scores['xp']).toBe(50);
  });

  it('an unknown quest answers 400 unknown_quest and queues nothing', async () => {
    const id = await newPlayer();
    const before = questPlays();
    const res = await booted.sample.http().post(`/players/${id}/quests/dragon`).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'unknown_quest',
      message: "no quest 'dragon': the quests are main, side",
    });
    expect((await booted.sample.app.get(PlaylyfePlays).stats()).depth).toBe(0);
    expect(questPlays()).toBe(before);
  });

  it('a quest of a player Playlyfe does not know is accepted, and its play ends failed with player_not_found', async () => {
    const accepted = await booted.sample.http().post('/players/ghost/quests/main').expect(202);
    const { playId } = accepted.body as { playId: string };
    const outcome = await booted.sample.http().get(`/plays/${playId}?wait=5000`).expect(200);
    expect(outcome.body).toMatchObject({
      status: 'failed',
      code: 'player_not_found',
      attempts: 1,
    });
  });
});

describe('GET /plays/:id', () => {
  it('an id no play has answers 404 play_not_found', async () => {
    const res = await booted.sample.http().get('/plays/no-such-play').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'play_not_found',
      message: 'No play exists with that id.',
    });
  });

  it.each(['abc', '-1', '10001'])('wait=%s answers 400', async (wait) => {
    const res = await booted.sample.http().get(`/plays/no-such-play?wait=${wait}`).expect(400);
    expect((res.body as { message: string }).message).toBe(
      'wait must be an integer between 0 and 10000',
    );
  });
});

describe('POST /players/:id/quests/:quest/now (synchronous)', () => {
  it('answers 200 with the level reached and the badge earned', async () => {
    const id = await newPlayer();
    const res = await booted.sample.http().post(`/players/${id}/quests/main/now`).expect(200);
    expect(res.body).toMatchObject({
      playerId: id,
      quest: 'main',
      points: 300,
      status: 'applied',
      level: 'Hero',
      badges: ['Quest Master'],
    });
    const events = (res.body as { events: { event: string }[] }).events;
    expect(events.map((e) => e.event)).toEqual(['action', 'level', 'achievement']);
  });

  it('answers the level only when the quest changed it, and no badges when it earned none', async () => {
    const id = await newPlayer();
    const levels: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await booted.sample.http().post(`/players/${id}/quests/side/now`).expect(200);
      expect(res.body).toMatchObject({ points: 50, badges: [] });
      levels.push((res.body as { level: unknown }).level);
    }
    // 50 xp: a first level, as Playlyfe gives one with the first play; 100: Adventurer; 150: unchanged.
    expect(levels).toEqual(['Novice', 'Adventurer', null]);
  });

  it('waits for Playlyfe and fails with it: 503 while the play route is unreachable', async () => {
    const id = await newPlayer();
    booted.emulator.failRoute('POST', '/runtime/actions/complete_quest/play', 1, 'drop');
    const res = await booted.sample.http().post(`/players/${id}/quests/main/now`).expect(503);
    expect(res.body).toMatchObject({ statusCode: 503 });
  });

  it('an unknown quest answers 400 without calling Playlyfe', async () => {
    const before = questPlays();
    await booted.sample.http().post('/players/alice/quests/dragon/now').expect(400);
    expect(questPlays()).toBe(before);
  });
});
