/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- tests read the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator } from '../../lib/testing/index.js';
import { DemoCaller, expectError, useStartedEmulator } from './emulator-helpers.js';

const HOUR = 60 * 60 * 1000;

interface FeedEvent {
  event: string;
  actor: { id: string };
  changes: { delta: unknown }[];
}

describe('emulator teams and team leaderboards', () => {
  const { emulator, demo } = useStartedEmulator();

  it('pages the teams and answers one team with its owner and the roles of its definition', async () => {
    const page = await demo.call('GET', '/admin/teams', { query: { limit: 1, skip: 1 } });
    expect(page.body.total).toBe(2);
    expect(page.body.data.map((t: { id: string }) => t.id)).toEqual(['team_watch']);
    const guild = await demo.call('GET', '/admin/teams/team_guild');
    expect(guild.body).toEqual({
      id: 'team_guild',
      name: 'Quest Guild',
      definition: { id: 'guild', name: 'Guild' },
      access: 'PRIVATE',
      created: expect.any(String),
      game_id: 'demo_game',
      owner: { id: 'alice', alias: 'Alice' },
      roles: ['Member', 'Captain'],
    });
    expectError(await demo.call('GET', '/admin/teams/nope'), 404, 'team_not_found');
  });

  it('lists members, and a deleted player leaves its team', async () => {
    const members = await demo.call('GET', '/admin/teams/team_watch/members');
    expect(members.body).toEqual({
      data: [
        { id: 'carol', alias: 'Carol' },
        { id: 'dave', alias: 'Dave' },
      ],
      total: 2,
    });
    const runtime = await demo.asPlayer('bob', 'GET', '/runtime/teams/team_guild/members');
    expect(runtime.body.total).toBe(2);
    expect((await demo.asPlayer('dave', 'GET', '/runtime/teams')).body).toEqual([
      {
        id: 'team_watch',
        name: 'Night Watch',
        definition: { id: 'guild', name: 'Guild' },
        roles: ['Member'],
      },
    ]);
    await demo.call('DELETE', '/admin/players/dave');
    expect((await demo.call('GET', '/admin/teams/team_watch/members')).body.total).toBe(1);
    emulator.resetGame();
    expect((await demo.call('GET', '/admin/teams/team_watch/members')).body.total).toBe(2);
  });

  it("ranks teams by the sum of their members' scores, relative to a team id", async () => {
    const board = await demo.asPlayer('bob', 'GET', '/runtime/leaderboards/guild_leaderboard');
    expect(board.body).toEqual({
      data: [
        { team: { id: 'team_guild', name: 'Quest Guild' }, score: '200', rank: 1 },
        { team: { id: 'team_watch', name: 'Night Watch' }, score: '120', rank: 2 },
      ],
      total: 2,
    });
    const relative = await demo.asPlayer('bob', 'GET', '/runtime/leaderboards/guild_leaderboard', {
      query: { ranking: 'relative', entity_id: 'team_watch', radius: 0 },
    });
    expect(relative.body.data).toEqual([
      { team: { id: 'team_watch', name: 'Night Watch' }, score: '120', rank: 2 },
    ]);
    const own = await demo.asPlayer('dave', 'GET', '/runtime/leaderboards/guild_leaderboard', {
      query: { ranking: 'relative', radius: 0 },
    });
    expect(own.body.data.map((e: { team: { id: string } }) => e.team.id)).toEqual(['team_watch']);
    const unknown = await demo.asPlayer('bob', 'GET', '/runtime/leaderboards/guild_leaderboard', {
      query: { ranking: 'relative', entity_id: 'nope' },
    });
    expectError(unknown, 404, 'team_not_found');
  });
});

describe('emulator activity feeds', () => {
  const emulator = new PlaylyfeEmulator({ clockStart: new Date('2030-03-01T08:00:00Z') });
  const demo = new DemoCaller(emulator);
  const feed = (route: string, query?: Record<string, string>) =>
    demo.call('GET', route, { query });

  beforeAll(async () => {
    await emulator.start();
    emulator.advanceClock(HOUR); // 09:00
    await demo.asPlayer('bob', 'POST', '/runtime/actions/complete_quest/play', {
      body: { variables: { points: 30 } },
    });
    emulator.advanceClock(HOUR); // 10:00
    await demo.asPlayer('dave', 'POST', '/runtime/actions/daily_bonus/play', { body: {} });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('answers the game feed as a bare array, oldest first, actors included', async () => {
    const events = (await feed('/admin/activity')).body as FeedEvent[];
    expect(Array.isArray(events)).toBe(true);
    expect(events.map((e: FeedEvent) => [e.event, e.actor.id])).toEqual([
      ['create', 'alice'],
      ['create', 'carol'],
      ['action', 'bob'],
      ['level', 'bob'],
      ['action', 'dave'],
      ['level', 'dave'],
    ]);
    expect(events[3].changes[0].delta).toEqual({ old: 'Novice', new: 'Adventurer' });
    expect(events[5].changes[0].delta).toEqual({ old: null, new: 'Novice' });
  });

  it('filters by start and end (ISO 8601 or epoch ms, inclusive)', async () => {
    const bobs = await feed('/admin/activity', {
      start: '2030-03-01T08:30:00Z',
      end: '2030-03-01T09:30:00Z',
    });
    expect(bobs.body.map((e: FeedEvent) => e.event)).toEqual(['action', 'level']);
    const later = await feed('/admin/activity', {
      start: String(Date.parse('2030-03-01T09:30:00Z')),
    });
    expect(later.body.map((e: FeedEvent) => e.actor.id)).toEqual(['dave', 'dave']);
    expectError(await feed('/admin/activity', { start: 'yesterday' }), 400, 'validation_exception');
    expectError(
      await feed('/admin/activity', { start: '2030-03-02T00:00:00Z', end: '2030-03-01T00:00:00Z' }),
      400,
      'validation_exception',
    );
  });

  it("answers a player's feed without the actor, and a team's feed without the team", async () => {
    const bob = (await feed('/admin/players/bob/activity')).body as FeedEvent[];
    expect(bob.map((e: FeedEvent) => e.event)).toEqual(['action', 'level']);
    expect(bob.every((e: FeedEvent) => !('actor' in e))).toBe(true);
    expect(bob[0]).toMatchObject({ action: { id: 'complete_quest' }, scopes: [] });
    const alice = (await feed('/admin/players/alice/activity')).body;
    expect(alice).toEqual([
      {
        event: 'create',
        timestamp: expect.any(String),
        team: { id: 'team_guild', name: 'Quest Guild' },
        id: expect.any(String),
      },
    ]);
    const team = (await feed('/admin/teams/team_watch/activity')).body;
    expect(team).toEqual([
      {
        event: 'create',
        timestamp: expect.any(String),
        actor: { id: 'carol', alias: 'Carol' },
        id: expect.any(String),
      },
    ]);
    expectError(await feed('/admin/players/ghost/activity'), 404, 'player_not_found');
    expectError(await feed('/admin/teams/ghost/activity'), 404, 'team_not_found');
  });

  it('answers the last 24 hours of the emulator clock without start', async () => {
    emulator.advanceClock(22.5 * HOUR); // 08:30 the next day: the team creations (08:00) are older than a day
    const events = (await feed('/admin/activity')).body as FeedEvent[];
    expect(events.map((e: FeedEvent) => e.event)).toEqual(['action', 'level', 'action', 'level']);
  });
});
