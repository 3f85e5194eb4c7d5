import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jwtVerify } from 'jose';
import {
  PlaylyfeApiError,
  PlaylyfeError,
  findPlaylyfeScore,
  type PlaylyfePlayer,
} from '../lib/index.js';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../lib/testing/index.js';
import {
  createPlaylyfeClient,
  startEmulator,
  type PlaylyfeTestClient,
} from './utils/playlyfe-client.js';

let emulator: PlaylyfeEmulator;
let c: PlaylyfeTestClient;

beforeAll(async () => {
  emulator = await startEmulator();
  c = await createPlaylyfeClient(emulator);
});

afterAll(async () => {
  await c.close();
  await emulator.stop();
});

const score = (profile: PlaylyfePlayer, metric: string): string | undefined =>
  findPlaylyfeScore(profile.scores, metric, 'point')?.value;

describe('players (admin routes)', () => {
  it('create, get, list and delete', async () => {
    const created = await c.playlyfe.players.create({ id: 'typed-1', alias: 'Typed One' });
    expect(created).toMatchObject({ id: 'typed-1', alias: 'Typed One', enabled: true });

    await expect(c.playlyfe.players.get('typed-1')).resolves.toMatchObject({ id: 'typed-1' });

    const page = await c.playlyfe.players.list({ limit: 2, skip: 1 });
    expect(page.data).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);

    await c.playlyfe.players.delete('typed-1');
    await expect(c.playlyfe.players.get('typed-1')).rejects.toMatchObject({
      status: 404,
      code: 'player_not_found',
    });
  });

  it('a taken id rejects with player_exists', async () => {
    await expect(c.playlyfe.players.create({ id: 'alice' })).rejects.toMatchObject({
      status: 409,
      code: 'player_exists',
    });
  });

  it('ids with reserved characters are encoded as one path segment', async () => {
    const id = 'odd/id?#&%';
    await c.playlyfe.players.create({ id, alias: 'Odd' });
    await expect(c.playlyfe.players.get(id)).resolves.toMatchObject({ id });
    await c.playlyfe.players.delete(id);
  });

  it('an empty id is refused before any request', async () => {
    await expect(c.playlyfe.players.get('')).rejects.toBeInstanceOf(PlaylyfeError);
    await expect(c.playlyfe.players.create({ id: '' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});

describe('forPlayer (runtime routes)', () => {
  beforeAll(async () => {
    await c.playlyfe.players.create({ id: 'runner', alias: 'Runner' });
  });

  it('profile and update', async () => {
    const me = c.playlyfe.forPlayer('runner');
    await expect(me.profile()).resolves.toMatchObject({ id: 'runner', alias: 'Runner' });
    await expect(me.update({ alias: 'Runner Two' })).resolves.toMatchObject({
      alias: 'Runner Two',
    });
    await expect(me.profile()).resolves.toMatchObject({ alias: 'Runner Two' });
  });

  it('actions lists what can be played', async () => {
    const actions = await c.playlyfe.forPlayer('runner').actions();
    expect(actions.map((a) => a.id)).toEqual(
      expect.arrayContaining(['complete_quest', 'daily_bonus']),
    );
  });

  it('play applies rewards, returns the event and creates a notification', async () => {
    const me = c.playlyfe.forPlayer('runner');
    const result = await me.play('complete_quest', { points: 25 });
    const event = result.events.local[0];
    expect(event).toMatchObject({ event: 'action', action: { id: 'complete_quest' } });
    // A player's first change of a metric has no old value.
    expect(event.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          metric: expect.objectContaining({ id: 'xp' }),
          delta: { old: null, new: '25' },
        }),
      ]),
    );
    const profile = await me.profile();
    expect(score(profile, 'xp')).toBe('25');
    expect(score(profile, 'coins')).toBe('10');

    const notes = await me.notifications();
    expect(notes.total).toBeGreaterThanOrEqual(1);
    const unseen = notes.data.filter((n) => !n.seen).map((n) => n.id);
    await me.markNotificationsSeen(unseen);
    const after = await me.notifications({
      start: new Date(Date.now() - 60_000),
      end: new Date(Date.now() + 60_000),
    });
    expect(after.data.every((n) => n.seen)).toBe(true);
  });

  it('play with a missing required variable is a validation error; the play limit is rate_limit_exceeded', async () => {
    const me = c.playlyfe.forPlayer('runner');
    await expect(me.play('complete_quest')).rejects.toMatchObject({
      status: 400,
      code: 'validation_exception',
    });
    for (let i = 0; i < 3; i++) await me.play('daily_bonus');
    const error = await me.play('daily_bonus').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
  });

  it('leaderboards and a ranked leaderboard', async () => {
    const me = c.playlyfe.forPlayer('runner');
    const boards = await me.leaderboards();
    expect(boards.map((b) => b.id)).toContain('xp_leaderboard');
    const top = await me.leaderboard('xp_leaderboard', { limit: 2 });
    expect(top.data.map((row) => row.rank)).toEqual([1, 2]);
    expect(Number(top.data[0].score)).toBeGreaterThanOrEqual(Number(top.data[1].score));
    const around = await me.leaderboard('xp_leaderboard', {
      ranking: 'relative',
      entityId: 'bob',
      radius: 1,
    });
    expect(around.data.some((row) => row.player.id === 'bob')).toBe(true);
  });

  it('metrics lists the metric definitions', async () => {
    const metrics = await c.playlyfe.forPlayer('runner').metrics();
    expect(metrics.map((m) => m.id)).toEqual(expect.arrayContaining(['xp', 'coins']));
  });

  it('an empty player id is refused at once', () => {
    expect(() => c.playlyfe.forPlayer('')).toThrow(PlaylyfeError);
  });
});

describe('createJwt', () => {
  it('mints an HS256 JWT that an independent library verifies and the emulator accepts', async () => {
    const value = c.playlyfe.createJwt({
      playerId: 'alice',
      scopes: ['player.runtime.read'],
      expiresInSeconds: 120,
    });
    const [clientId, jwt] = [
      value.slice(0, value.indexOf(':')),
      value.slice(value.indexOf(':') + 1),
    ];
    expect(clientId).toBe(DEMO_CLIENT.id);

    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      new TextEncoder().encode(DEMO_CLIENT.secret),
    );
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(payload).toMatchObject({ player_id: 'alice', scopes: ['player.runtime.read'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(120);

    const ok = await fetch(
      `${emulator.url}/v2/runtime/player?player_id=alice&jwt=${encodeURIComponent(value)}`,
    );
    expect(ok.status).toBe(200);
    const other = await fetch(
      `${emulator.url}/v2/runtime/player?player_id=bob&jwt=${encodeURIComponent(value)}`,
    );
    expect(other.status).toBe(403);
  });

  it('defaults: no scopes, one hour', async () => {
    const value = c.playlyfe.createJwt({ playerId: 'bob' });
    const { payload } = await jwtVerify(
      value.split(':')[1],
      new TextEncoder().encode(DEMO_CLIENT.secret),
    );
    expect(payload.scopes).toEqual([]);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('refuses bad input', () => {
    expect(() => c.playlyfe.createJwt({ playerId: '' })).toThrow(PlaylyfeError);
    expect(() => c.playlyfe.createJwt({ playerId: 'a', expiresInSeconds: 0 })).toThrow(
      /expiresInSeconds/,
    );
    expect(() => c.playlyfe.createJwt({ playerId: 'a', scopes: [''] })).toThrow(/scopes/);
  });
});
