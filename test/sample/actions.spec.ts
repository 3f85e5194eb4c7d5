import { describe, expect, it } from '@jest/globals';
import type { PlaylyfePlayResult } from 'nestjs-playlyfe';
import { score, useEmbeddedSample } from './sample-app.js';

const booted = useEmbeddedSample();

let next = 0;
/** A fresh player, so each test starts from zero scores and plays. */
async function newPlayer(): Promise<string> {
  const id = `act-${++next}`;
  await booted.sample.http().post('/players').send({ id }).expect(201);
  return id;
}

const plays = (): number =>
  Object.entries(booted.emulator.stats.byRoute)
    .filter(([route]) => route.startsWith('POST /runtime/actions/'))
    .reduce((sum, [, count]) => sum + count, 0);

describe('POST /players/:id/actions/:actionId', () => {
  it('plays the action with its variables and answers 200 with the events', async () => {
    const id = await newPlayer();
    const res = await booted.sample
      .http()
      .post(`/players/${id}/actions/complete_quest`)
      .send({ variables: { points: 50 } })
      .expect(200);
    const result = res.body as PlaylyfePlayResult;
    const event = result.events.local[0];
    expect(event).toMatchObject({
      event: 'action',
      actor: { id },
      action: { id: 'complete_quest' },
    });
    expect(event?.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          metric: expect.objectContaining({ id: 'xp' }),
          delta: { old: null, new: '50' }, // a first change has no old value
        }),
      ]),
    );
    const profile = await booted.sample.http().get(`/players/${id}`).expect(200);
    expect(score(profile.body, 'xp')).toBe('50');
    expect(score(profile.body, 'coins')).toBe('10');
  });

  it('plays an action without variables when the body is omitted', async () => {
    const id = await newPlayer();
    await booted.sample.http().post(`/players/${id}/actions/prestige`).expect(200);
    expect(booted.emulator.player(id)?.scores['stars']).toBe(1);
  });

  it('accepts an empty object body and an empty variables object', async () => {
    const id = await newPlayer();
    await booted.sample.http().post(`/players/${id}/actions/daily_bonus`).send({}).expect(200);
    await booted.sample
      .http()
      .post(`/players/${id}/actions/daily_bonus`)
      .send({ variables: {} })
      .expect(200);
    expect(booted.emulator.player(id)?.plays['daily_bonus']).toBe(2);
  });

  it('an action the game does not have answers 400 unknown_action', async () => {
    const id = await newPlayer();
    const res = await booted.sample
      .http()
      .post(`/players/${id}/actions/fly_to_moon`)
      .send({})
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'unknown_action',
      message: "the game has no action 'fly_to_moon'",
    });
  });

  it.each([
    ['variables as an array', { variables: [50] }, 'variables must be a JSON object'],
    ['variables as a string', { variables: 'points=50' }, 'variables must be a JSON object'],
    ['variables as null', { variables: null }, 'variables must be a JSON object'],
    ['a body that is an array', [{ points: 50 }], 'the body must be a JSON object'],
    [
      'variables outside "variables"',
      { points: 50 },
      'unexpected field points: play variables go inside "variables"',
    ],
  ])('%s answers 400 without playing', async (_case, body, message) => {
    const id = await newPlayer();
    const before = plays();
    const res = await booted.sample
      .http()
      .post(`/players/${id}/actions/complete_quest`)
      .send(body)
      .expect(400);
    expect((res.body as { message: string }).message).toContain(message);
    expect(plays()).toBe(before);
  });

  it('variables Playlyfe refuses answer 400 validation_exception', async () => {
    const id = await newPlayer();
    const missing = await booted.sample
      .http()
      .post(`/players/${id}/actions/complete_quest`)
      .send({ variables: {} })
      .expect(400);
    expect(missing.body).toEqual({
      statusCode: 400,
      error: 'validation_exception',
      message: 'Playlyfe refused the input of the request.',
    });
    await booted.sample
      .http()
      .post(`/players/${id}/actions/complete_quest`)
      .send({ variables: { points: 'fifty' } })
      .expect(400);
    expect(booted.emulator.player(id)?.scores['xp']).toBe(0);
  });

  it('a bad action id answers 400 before calling Playlyfe', async () => {
    const before = plays();
    const res = await booted.sample
      .http()
      .post(`/players/alice/actions/${'a'.repeat(65)}`)
      .expect(400);
    expect((res.body as { message: string }).message).toBe(
      'action id must be at most 64 characters',
    );
    await booted.sample.http().post('/players/alice/actions/%20').expect(400);
    expect(plays()).toBe(before);
  });

  it('an unknown player answers 404 player_not_found', async () => {
    const res = await booted.sample.http().post('/players/ghost/actions/prestige').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'player_not_found' });
  });

  it("past the action's play limit answers 429 rate_limit_exceeded", async () => {
    const id = await newPlayer();
    for (let i = 0; i < 3; i++)
      await booted.sample.http().post(`/players/${id}/actions/daily_bonus`).expect(200);
    const res = await booted.sample.http().post(`/players/${id}/actions/daily_bonus`).expect(429);
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'rate_limit_exceeded',
      message: 'The play limit of this action is reached; try again later.',
    });
    expect(booted.emulator.player(id)?.plays['daily_bonus']).toBe(3);
  });

  it("passes Playlyfe's Retry-After on a 429", async () => {
    const id = await newPlayer();
    booted.emulator.failRoute('POST', '/runtime/actions/prestige/play', 1, {
      status: 429,
      body: { error: 'plan_limit_exceeded', error_description: 'The API quota is spent' },
      headers: { 'Retry-After': '7' },
    });
    const res = await booted.sample.http().post(`/players/${id}/actions/prestige`).expect(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'plan_limit_exceeded',
      message: 'The Playlyfe API quota is spent; try again later.',
    });
  });
});

describe('GET /players/:id/notifications', () => {
  it('lists the notifications of the plays, newest first', async () => {
    const id = await newPlayer();
    await booted.sample
      .http()
      .post(`/players/${id}/actions/complete_quest`)
      .send({ variables: { points: 5 } })
      .expect(200);
    await booted.sample.http().post(`/players/${id}/actions/prestige`).expect(200);
    const res = await booted.sample.http().get(`/players/${id}/notifications`).expect(200);
    const page = res.body as {
      data: { seen: boolean; event: string; action: { id: string } }[];
      total: number;
    };
    expect(page.total).toBe(2);
    expect(page.data.map((n) => n.action.id)).toEqual(['prestige', 'complete_quest']);
    expect(page.data.every((n) => n.event === 'action' && !n.seen)).toBe(true);
  });

  it('pages with limit and skip', async () => {
    const id = await newPlayer();
    for (let i = 0; i < 3; i++)
      await booted.sample.http().post(`/players/${id}/actions/daily_bonus`).expect(200);
    const res = await booted.sample
      .http()
      .get(`/players/${id}/notifications?limit=1&skip=1`)
      .expect(200);
    const page = res.body as { data: unknown[]; total: number };
    expect(page.data).toHaveLength(1);
    expect(page.total).toBe(3);
  });

  it.each([
    ['limit=abc', 'limit must be an integer between 1 and 100'],
    ['limit=0', 'limit must be an integer between 1 and 100'],
    ['limit=101', 'limit must be an integer between 1 and 100'],
    ['limit=2.5', 'limit must be an integer between 1 and 100'],
    ['skip=-1', 'skip must be an integer between 0 and 1000000'],
  ])('%s answers 400', async (query, message) => {
    const res = await booted.sample.http().get(`/players/alice/notifications?${query}`).expect(400);
    expect((res.body as { message: string }).message).toBe(message);
  });

  it('an unknown player answers 404 player_not_found', async () => {
    const res = await booted.sample.http().get('/players/ghost/notifications').expect(404);
    expect(res.body).toMatchObject({ error: 'player_not_found' });
  });
});
