import { describe, expect, it } from '@jest/globals';
import { useEmulatorSuite } from '../utils/emulator-suite.js';

// Feeds as recorded in foton/playlyfe-ruby-client v2_expected_responses.rb
// (full_player2_activity_feed_array, game_events_array): bare arrays, oldest first; a player's
// own feed leaves out `actor`.
const suite = useEmulatorSuite();

describe('activity feeds', () => {
  it('player and game feeds answer the events of a window, oldest first', async () => {
    const { playlyfe } = await suite.open();
    const before = Date.now();
    const played = await playlyfe.forPlayer('bob').play('complete_quest', { points: 200 });
    const after = Date.now();
    const ids = played.events.local.map((e) => e.id);

    const own = await playlyfe.players.activity('bob', { start: before, end: new Date(after) });
    expect(own.map((e) => e.id)).toEqual(ids);
    expect(own.map((e) => e.event)).toEqual(['action', 'level', 'achievement']);
    expect(own.every((e) => e.actor === undefined)).toBe(true);

    const game = await playlyfe.game.activity({
      start: new Date(before).toISOString(),
      end: after,
    });
    expect(game.filter((e) => ids.includes(e.id)).map((e) => e.actor?.id)).toEqual([
      'bob',
      'bob',
      'bob',
    ]);
    const stamps = game.map((e) => Date.parse(e.timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));

    const earlier = await playlyfe.players.activity('bob', {
      start: before - 60_000,
      end: before - 1,
    });
    expect(earlier.filter((e) => ids.includes(e.id))).toEqual([]);
  });

  it('a team feed carries the team’s events without the team key', async () => {
    const { playlyfe } = await suite.open();
    const events = await playlyfe.teams.activity('team_watch');
    const created = events.find((e) => e.event === 'create');
    expect(created).toMatchObject({ actor: { id: 'carol' } });
    expect(created).not.toHaveProperty('team');
  });

  it('a window that is not a time is refused before any request', async () => {
    const { playlyfe } = await suite.open();
    await expect(playlyfe.game.activity({ start: 'last tuesday' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(playlyfe.players.activity('bob', { end: Number.NaN })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect(suite.emulator.stats.apiRequests).toBe(0);
  });
});
