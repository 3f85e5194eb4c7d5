import { describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT } from 'nestjs-playlyfe/testing';
import { score, useEmbeddedSample } from './sample-app.js';

const booted = useEmbeddedSample();

/** How many player creations reached the booted.emulator. */
const creations = (): number => booted.emulator.stats.byRoute['POST /admin/players'] ?? 0;

describe('POST /players', () => {
  it('creates a player on Playlyfe and answers 201 with it', async () => {
    const res = await booted.sample
      .http()
      .post('/players')
      .send({ id: 'p-create', alias: 'Creator' })
      .expect(201);
    expect(res.body).toMatchObject({ id: 'p-create', alias: 'Creator', enabled: true });
    expect(score(res.body, 'xp')).toBe('0');
    expect(booted.emulator.player('p-create')).toMatchObject({ id: 'p-create', alias: 'Creator' });
  });

  it('uses the id as alias when none is given', async () => {
    const res = await booted.sample.http().post('/players').send({ id: 'p-noalias' }).expect(201);
    expect(res.body).toMatchObject({ id: 'p-noalias', alias: 'p-noalias' });
  });

  it('a taken id answers 409 player_exists', async () => {
    const res = await booted.sample
      .http()
      .post('/players')
      .send({ id: 'alice', alias: 'Again' })
      .expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'player_exists',
      message: 'A player with that id already exists.',
    });
  });

  it.each([
    ['no body', undefined, 'the body must be a JSON object'],
    ['an array', [{ id: 'x' }], 'the body must be a JSON object'],
    ['no id', { alias: 'Nobody' }, 'id must be a string'],
    ['an id that is not a string', { id: 42 }, 'id must be a string'],
    ['an empty id', { id: '' }, 'id must not be empty'],
    ['a whitespace id', { id: '   ' }, 'id must not be empty'],
    ['an id too long', { id: 'x'.repeat(65) }, 'id must be at most 64 characters'],
    ['an id with a space', { id: 'two words' }, 'id must not contain whitespace'],
    ['an empty alias', { id: 'p-bad-alias', alias: ' ' }, 'alias must be a non-empty string'],
    [
      'an alias that is not a string',
      { id: 'p-bad-alias', alias: 7 },
      'alias must be a non-empty string',
    ],
    ['an unknown field', { id: 'p-extra', name: 'Extra' }, 'unexpected field name'],
  ])(
    '%s answers 400 and says what is wrong, without calling Playlyfe',
    async (_case, body, message) => {
      const before = creations();
      const req = booted.sample.http().post('/players');
      const res = await (body === undefined ? req : req.send(body)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400 });
      expect((res.body as { message: string }).message).toContain(message);
      expect(creations()).toBe(before);
    },
  );

  it('accepts an id of exactly 64 characters', async () => {
    const id = 'y'.repeat(64);
    await booted.sample.http().post('/players').send({ id }).expect(201);
    expect(booted.emulator.player(id)).toBeDefined();
  });
});

describe('GET /players/:id', () => {
  it("answers the player's profile with scores", async () => {
    const res = await booted.sample.http().get('/players/alice').expect(200);
    expect(res.body).toMatchObject({ id: 'alice', alias: 'Alice', enabled: true });
    expect(score(res.body, 'xp')).toBe('120');
    expect(score(res.body, 'coins')).toBe('30');
  });

  it('passes ids with reserved characters as one segment', async () => {
    await booted.sample
      .http()
      .post('/players')
      .send({ id: 'ann@example.com', alias: 'Ann' })
      .expect(201);
    const res = await booted.sample
      .http()
      .get(`/players/${encodeURIComponent('ann@example.com')}`)
      .expect(200);
    expect(res.body).toMatchObject({ id: 'ann@example.com', alias: 'Ann' });
  });

  it('an unknown player answers 404 player_not_found', async () => {
    const res = await booted.sample.http().get('/players/ghost').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'player_not_found',
      message: 'No player exists with that id.',
    });
  });

  it.each([
    ['a whitespace id', '%20%20', 'player id must not be empty'],
    ['an id too long', 'z'.repeat(65), 'player id must be at most 64 characters'],
    ['an id with a tab', 'a%09b', 'player id must not contain whitespace'],
  ])('%s answers 400 without calling Playlyfe', async (_case, id, message) => {
    const before = booted.emulator.stats.byRoute['GET /runtime/player'] ?? 0;
    const res = await booted.sample.http().get(`/players/${id}`).expect(400);
    expect((res.body as { message: string }).message).toContain(message);
    expect(booted.emulator.stats.byRoute['GET /runtime/player'] ?? 0).toBe(before);
  });

  it('never shows the client secret or an access token in an answer', async () => {
    const res = await booted.sample.http().get('/players/ghost').expect(404);
    expect(res.text).not.toContain(DEMO_CLIENT.secret);
    expect(res.text).not.toContain('access_token=');
  });
});
