/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- tests read the emulator's untyped JSON answers */
import { describe, expect, it } from '@jest/globals';
import {} from '../../lib/testing/index.js';
import { expectError, useStartedEmulator } from './emulator-helpers.js';

describe("emulator revert of a player's events (POST /admin/players/:id/revert)", () => {
  const { emulator, demo } = useStartedEmulator();

  it('takes back the points and items of an event once, and moves the level back', async () => {
    const played = await demo.asPlayer('carol', 'POST', '/runtime/actions/complete_quest/play', {
      body: { variables: { points: 200 } },
    });
    const [action, level, badge] = played.body.events.local;
    expect([level.event, badge.event]).toEqual(['level', 'achievement']);
    expect(emulator.player('carol')).toMatchObject({
      scores: { xp: 320, coins: 22 },
      states: { level: 'Hero' },
    });
    const reverted = await demo.call('POST', '/admin/players/carol/revert', {
      body: { event_ids: [action.id, badge.id] },
    });
    expect(reverted.body).toEqual({});
    expect(emulator.player('carol')).toMatchObject({
      scores: { xp: 120, coins: 12 },
      states: { level: 'Adventurer' },
      items: { badges: { 'Quest Master': 0, Star: 1 } },
    });
    expectError(
      await demo.call('POST', '/admin/players/carol/revert', { body: { event_ids: [action.id] } }),
      400,
      'validation_exception',
    );
  });

  it("refuses an unknown id, another player's event or a bad body", async () => {
    const played = await demo.asPlayer('bob', 'POST', '/runtime/actions/daily_bonus/play', {
      body: {},
    });
    const id = played.body.events.local[0].id as string;
    expectError(
      await demo.call('POST', '/admin/players/alice/revert', { body: { event_ids: [id] } }),
      400,
      'validation_exception',
    );
    expectError(
      await demo.call('POST', '/admin/players/bob/revert', { body: { event_ids: ['nope'] } }),
      400,
      'validation_exception',
    );
    expectError(
      await demo.call('POST', '/admin/players/bob/revert', { body: { event_ids: 'x' } }),
      400,
      'validation_exception',
    );
    expectError(
      await demo.call('POST', '/admin/players/ghost/revert', { body: { event_ids: [] } }),
      404,
      'player_not_found',
    );
    expect(emulator.player('bob')?.scores.xp).toBe(85);
  });
});
