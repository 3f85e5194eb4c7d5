/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- contract tests read the emulator's untyped JSON answers */
import { describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator, type EmulatorGameSeed } from '../../lib/testing/index.js';
import { DemoCaller, expectError, useStartedEmulator } from './emulator-helpers.js';

/** Scores chosen so that ties (b/c and e/f) must be broken by id. */
const SCORES: Record<string, number> = { a: 50, b: 40, c: 40, d: 30, e: 10, f: 10, g: 5, h: 0 };

const GAME: EmulatorGameSeed = {
  metrics: [{ id: 'xp', name: 'XP' }],
  actions: [{ id: 'gain', name: 'Gain', rewards: [{ metric: 'xp', verb: 'add', value: 100 }] }],
  leaderboards: [
    { id: 'board', name: 'Board', metric: 'xp' },
    { id: 'weekly_only', name: 'Weekly', metric: 'xp', cycles: ['weekly'] },
  ],
  // declared out of order on purpose
  players: Object.keys(SCORES)
    .reverse()
    .map((id) => ({ id, alias: id.toUpperCase(), scores: { xp: SCORES[id] } })),
};

const ids = (body: { data: { player: { id: string } }[] }): string[] =>
  body.data.map((entry) => entry.player.id);

describe('emulator leaderboards', () => {
  const { demo } = useStartedEmulator({ game: GAME });

  it('lists leaderboards with their cycles and metric', async () => {
    const answer = await demo.asPlayer('a', 'GET', '/runtime/leaderboards');
    expect(answer.body).toEqual([
      {
        id: 'board',
        name: 'Board',
        entity_type: 'players',
        cycles: ['alltime', 'daily', 'weekly', 'monthly', 'yearly'],
        metric: { id: 'xp', name: 'XP', type: 'point' },
        scope: { type: 'game' },
      },
      expect.objectContaining({ id: 'weekly_only', cycles: ['weekly'] }),
    ]);
  });

  it('ranks by score descending, ties by id, rank 1-based, scores as strings', async () => {
    const answer = await demo.asPlayer('a', 'GET', '/runtime/leaderboards/board', {
      query: { cycle: 'alltime' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(8);
    expect(answer.body.data).toHaveLength(8);
    expect(answer.body.data.slice(0, 3)).toEqual([
      { player: { id: 'a', alias: 'A' }, score: '50', rank: 1 },
      { player: { id: 'b', alias: 'B' }, score: '40', rank: 2 },
      { player: { id: 'c', alias: 'C' }, score: '40', rank: 3 },
    ]);
    expect(ids(answer.body)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('pages with limit (default 10) and skip, keeping absolute ranks', async () => {
    const answer = await demo.asPlayer('a', 'GET', '/runtime/leaderboards/board', {
      query: { cycle: 'alltime', limit: 3, skip: 4 },
    });
    expect(answer.body.total).toBe(8);
    expect(answer.body.data.map((e: { rank: number }) => e.rank)).toEqual([5, 6, 7]);
    expect(ids(answer.body)).toEqual(['e', 'f', 'g']);
    const beyond = await demo.asPlayer('a', 'GET', '/runtime/leaderboards/board', {
      query: { skip: 20 },
    });
    expect(beyond.body).toEqual({ data: [], total: 8 });
  });

  it('answers the radius around an entity with ranking=relative', async () => {
    const answer = await demo.asPlayer('a', 'GET', '/runtime/leaderboards/board', {
      query: { cycle: 'alltime', ranking: 'relative', entity_id: 'd', radius: 1 },
    });
    expect(ids(answer.body)).toEqual(['c', 'd', 'e']);
    expect(answer.body.data.map((e: { rank: number }) => e.rank)).toEqual([3, 4, 5]);
    const top = await demo.asPlayer('a', 'GET', '/runtime/leaderboards/board', {
      query: { ranking: 'relative', radius: 2 },
    });
    expect(ids(top.body)).toEqual(['a', 'b', 'c']);
    const unknown = await demo.asPlayer('a', 'GET', '/runtime/leaderboards/board', {
      query: { ranking: 'relative', entity_id: 'zed' },
    });
    expectError(unknown, 404, 'player_not_found');
  });

  it('follows scores as actions are played', async () => {
    await demo.asPlayer('h', 'POST', '/runtime/actions/gain/play', { body: {} });
    const answer = await demo.asPlayer('h', 'GET', '/runtime/leaderboards/board', {
      query: { cycle: 'weekly', limit: 2 },
    });
    expect(answer.body.data[0]).toEqual({ player: { id: 'h', alias: 'H' }, score: '100', rank: 1 });
  });

  it('rejects an unknown cycle or ranking, and answers leaderboard_not_found', async () => {
    expectError(
      await demo.asPlayer('a', 'GET', '/runtime/leaderboards/weekly_only', {
        query: { cycle: 'alltime' },
      }),
      400,
      'validation_exception',
    );
    expectError(
      await demo.asPlayer('a', 'GET', '/runtime/leaderboards/board', { query: { ranking: 'x' } }),
      400,
      'validation_exception',
    );
    expectError(
      await demo.asPlayer('a', 'GET', '/runtime/leaderboards/nothing'),
      404,
      'leaderboard_not_found',
    );
  });

  it('ranks the demo game xp leaderboard (alice and carol tie at 120)', async () => {
    const demoEmulator = new PlaylyfeEmulator();
    await demoEmulator.start();
    try {
      const answer = await new DemoCaller(demoEmulator).asPlayer(
        'bob',
        'GET',
        '/runtime/leaderboards/xp_leaderboard',
        { query: { cycle: 'alltime' } },
      );
      expect(
        answer.body.data.map((e: { player: { id: string }; score: string }) => [
          e.player.id,
          e.score,
        ]),
      ).toEqual([
        ['alice', '120'],
        ['carol', '120'],
        ['bob', '80'],
        ['dave', '0'],
      ]);
    } finally {
      await demoEmulator.stop();
    }
  });
});
