import { describe, expect, it } from '@jest/globals';
import type { PlaylyfePlayerSummary, PlaylyfeTeam } from '../../lib/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';

// Shapes recorded in foton/playlyfe-ruby-client test/stubbed_api/v2_expected_responses.rb
// (full_game_hash, full_teams_hash, full_team1_members_hash, full_teams_leaderboard_hash).
const suite = useEmulatorSuite();

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const requestsTo = (route: string): number => suite.emulator.stats.byRoute[route] ?? 0;

describe('game info', () => {
  it('GET /admin: the API and the game', async () => {
    const { playlyfe } = await suite.open();
    const info = await playlyfe.game.info();
    expect(Object.keys(info).sort()).toEqual(['game', 'name', 'status', 'version']);
    expect(Object.keys(info.game).sort()).toEqual([
      'access',
      'created',
      'description',
      'id',
      'image',
      'listed',
      'template',
      'timezone',
      'title',
      'type',
    ]);
    expect(info.game.listed).toBe(false);
  });
});

describe('teams', () => {
  it('list, get and members', async () => {
    const { playlyfe } = await suite.open();
    const page = await playlyfe.teams.list({ limit: 1 });
    expect(page).toMatchObject({ total: 2, data: [expect.any(Object)] });
    const guild: PlaylyfeTeam = await playlyfe.teams.get('team_guild');
    expect(guild).toMatchObject({
      id: 'team_guild',
      name: 'Quest Guild',
      owner: { id: 'alice', alias: 'Alice' },
      definition: { id: 'guild', name: 'Guild' },
    });
    expect(Object.keys(guild).sort()).toEqual([
      'access',
      'created',
      'definition',
      'game_id',
      'id',
      'name',
      'owner',
      'roles',
    ]);
    const members = await playlyfe.teams.members('team_guild');
    expect(members).toEqual({
      data: [
        { id: 'alice', alias: 'Alice' },
        { id: 'bob', alias: 'Bob' },
      ],
      total: 2,
    });
    await expect(playlyfe.teams.get('no_such_team')).rejects.toMatchObject({ status: 404 });
  });

  it('all() and allMembers() page to the end, one request per page', async () => {
    const { playlyfe } = await suite.open();
    const teams = await collect(playlyfe.teams.all({ pageSize: 1 }));
    expect(teams.map((t) => t.id)).toEqual(['team_guild', 'team_watch']);
    expect(requestsTo('GET /admin/teams')).toBe(2);

    const members = await collect(playlyfe.teams.allMembers('team_watch', { pageSize: 1 }));
    expect(members.map((m) => m.id)).toEqual(['carol', 'dave']);
    expect(requestsTo('GET /admin/teams/team_watch/members')).toBe(2);
  });

  it('a profile lists the player’s teams with roles; a team leaderboard ranks teams', async () => {
    const { playlyfe } = await suite.open();
    const bob = await playlyfe.forPlayer('bob').profile();
    expect(bob.teams).toEqual([
      {
        id: 'team_guild',
        name: 'Quest Guild',
        definition: { id: 'guild', name: 'Guild' },
        roles: expect.any(Array),
      },
    ]);
    const board = await playlyfe.forPlayer('bob').teamLeaderboard('guild_leaderboard');
    expect(board.data.map((row) => Object.keys(row).sort())).toEqual([
      ['rank', 'score', 'team'],
      ['rank', 'score', 'team'],
    ]);
    expect(board.data[0]).toMatchObject({
      team: { id: expect.any(String), name: expect.any(String) },
      rank: 1,
    });
  });

  it('team definitions', async () => {
    const { playlyfe } = await suite.open();
    const definitions = await playlyfe.forPlayer('alice').teamDefinitions();
    expect(definitions).toContainEqual(expect.objectContaining({ id: 'guild', name: 'Guild' }));
  });
});

describe('paged players', () => {
  it('players.all() yields every player once, in ceil(total / pageSize) requests', async () => {
    const { playlyfe } = await suite.open();
    for (let i = 0; i < 3; i++) await playlyfe.players.create({ id: `paged-${i}` });
    const { total } = await playlyfe.players.list({ limit: 1 });
    suite.emulator.resetStats();

    const players: PlaylyfePlayerSummary[] = await collect(playlyfe.players.all({ pageSize: 2 }));
    expect(players).toHaveLength(total);
    expect(new Set(players.map((p) => p.id)).size).toBe(total);
    expect(requestsTo('GET /admin/players')).toBe(Math.ceil(total / 2));

    const runtime = await collect(playlyfe.forPlayer('alice').allPlayers({ pageSize: 3 }));
    expect(runtime.map((p) => p.id).sort()).toEqual(players.map((p) => p.id).sort());
    expect(requestsTo('GET /runtime/players')).toBe(Math.ceil(total / 3));
  });

  it('the default page size is used, and a bad one is refused before any request', async () => {
    const { playlyfe } = await suite.open();
    await collect(playlyfe.players.all());
    expect(
      suite.emulator.requestLog.find((e) => e.route === '/admin/players')?.query,
    ).toMatchObject({
      limit: '50',
      skip: '0',
    });
    suite.emulator.resetStats();
    for (const pageSize of [0, 1.5, -1]) {
      await expect(collect(playlyfe.players.all({ pageSize }))).rejects.toMatchObject({
        code: 'invalid_argument',
      });
    }
    expect(suite.emulator.stats.apiRequests).toBe(0);
  });

  it('all() stops when its signal aborts, mid-iteration', async () => {
    const { playlyfe } = await suite.open();
    const controller = new AbortController();
    const seen: string[] = [];
    const iterate = async () => {
      for await (const player of playlyfe.players.all({ pageSize: 1, signal: controller.signal })) {
        seen.push(player.id);
        if (seen.length === 2) controller.abort();
      }
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'aborted' });
    expect(seen).toHaveLength(2);
    expect(requestsTo('GET /admin/players')).toBe(2);
  });

  it('runtime players page with limit and skip', async () => {
    const { playlyfe } = await suite.open();
    const page = await playlyfe.forPlayer('alice').players({ limit: 2, skip: 1 });
    expect(page.data).toHaveLength(2);
    expect(Object.keys(page.data[0]).sort()).toEqual(['alias', 'enabled', 'id']);
  });
});
