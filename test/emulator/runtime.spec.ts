/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- contract tests read the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator } from '../../lib/testing/index.js';
import { DemoCaller, expectError } from './emulator-helpers.js';

const XP = { id: 'xp', name: 'Experience', type: 'point' };
const COINS = { id: 'coins', name: 'Coins', type: 'point' };
const POWER = { id: 'power', name: 'Power', type: 'compound' };
const LEVEL = { id: 'level', name: 'Level', type: 'state' };
const BADGES = { id: 'badges', name: 'Badges', type: 'set' };

describe('emulator runtime routes', () => {
  const emulator = new PlaylyfeEmulator();
  const demo = new DemoCaller(emulator);
  let next = 0;
  /** A new player with zero scores, so tests do not share state. */
  const freshPlayer = async (): Promise<string> => {
    const id = `runner-${++next}`;
    await demo.createPlayer(id, `Runner ${next}`);
    return id;
  };

  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  describe('player_id', () => {
    it('answers invalid_player without player_id and player_not_found for an unknown one', async () => {
      expectError(await demo.call('GET', '/runtime/player'), 400, 'invalid_player');
      expectError(
        await demo.call('GET', '/runtime/player', { query: { player_id: '' } }),
        400,
        'invalid_player',
      );
      const unknown = await demo.asPlayer('ghost', 'GET', '/runtime/actions');
      expectError(unknown, 404, 'player_not_found');
    });
  });

  describe('player', () => {
    it('answers the profile with metric values as strings', async () => {
      const answer = await demo.asPlayer('bob', 'GET', '/runtime/player');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.body).toMatchObject({ id: 'bob', alias: 'Bob', enabled: true });
      expect(answer.body.teams).toEqual([
        {
          id: 'team_guild',
          name: 'Quest Guild',
          definition: { id: 'guild', name: 'Guild' },
          roles: ['Member'],
        },
      ]);
      expect(answer.body.scores.slice(0, 3)).toEqual([
        { metric: XP, value: '80' },
        { metric: COINS, value: '5' },
        { metric: { id: 'stars', name: 'Stars', type: 'point' }, value: '0' },
      ]);
    });

    it('updates the alias with PATCH and validates it', async () => {
      const id = await freshPlayer();
      const patched = await demo.asPlayer(id, 'PATCH', '/runtime/player', {
        body: { alias: 'Renamed' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.alias).toBe('Renamed');
      expect((await demo.asPlayer(id, 'GET', '/runtime/player')).body.alias).toBe('Renamed');
      const bad = await demo.asPlayer(id, 'PATCH', '/runtime/player', { body: { alias: '' } });
      expectError(bad, 400, 'validation_exception');
      expect(bad.body.data).toEqual([expect.objectContaining({ field: 'alias' })]);
    });
  });

  describe('actions', () => {
    it('lists actions as a bare array with variables, rewards and the play count', async () => {
      const id = await freshPlayer();
      await demo.asPlayer(id, 'POST', '/runtime/actions/daily_bonus/play', { body: {} });
      const answer = await demo.asPlayer(id, 'GET', '/runtime/actions');
      expect(Array.isArray(answer.body)).toBe(true);
      const quest = answer.body.find((a: { id: string }) => a.id === 'complete_quest');
      expect(quest).toEqual({
        id: 'complete_quest',
        name: 'Complete a quest',
        description: expect.any(String),
        variables: [
          { name: 'points', type: 'int', required: true, default: null },
          { name: 'quest', type: 'string', required: false, default: 'main' },
        ],
        rewards: [
          { metric: XP, value: "$vars['points']", verb: 'add', probability: 1 },
          { metric: COINS, value: '10', verb: 'add', probability: 1 },
        ],
        count: 0,
      });
      const bonus = answer.body.find((a: { id: string }) => a.id === 'daily_bonus');
      expect(bonus.count).toBe(1);
      expect((await demo.asPlayer(id, 'GET', '/runtime/actions/daily_bonus')).body.count).toBe(1);
    });

    it('plays an action: adds $vars points and constants, answers the event', async () => {
      const id = await freshPlayer();
      const answer = await demo.asPlayer(id, 'POST', '/runtime/actions/complete_quest/play', {
        body: { variables: { points: 25 } },
      });
      expect(answer.status).toBe(200);
      // Playlyfe answers every action of the game, each with this player's play count.
      expect(
        answer.body.actions.map((a: { id: string; count: number }) => [a.id, a.count]),
      ).toEqual([
        ['complete_quest', 1],
        ['buy_item', 0],
        ['prestige', 0],
        ['daily_bonus', 0],
      ]);
      expect(answer.body.events.global).toEqual([]);
      expect(answer.body.events.local).toEqual([
        {
          id: expect.any(String),
          event: 'action',
          actor: { id, alias: `Runner ${next}` },
          action: {
            id: 'complete_quest',
            name: 'Complete a quest',
            vars: { points: 25, quest: 'main' },
          },
          count: 1,
          changes: [
            { metric: XP, delta: { old: null, new: '25' } },
            { metric: COINS, delta: { old: null, new: '10' } },
            { metric: POWER, delta: { old: '0', new: '25' } },
          ],
          timestamp: expect.any(String),
          scopes: [],
        },
        {
          id: expect.any(String),
          event: 'level',
          actor: { id, alias: `Runner ${next}` },
          changes: [{ metric: LEVEL, delta: { old: null, new: 'Novice' } }],
          rule: { id: 'level_rule' },
          timestamp: expect.any(String),
        },
      ]);
      await demo.asPlayer(id, 'POST', '/runtime/actions/complete_quest/play', {
        body: { variables: { points: 7 } },
      });
      expect(emulator.player(id)?.scores).toMatchObject({ xp: 32, coins: 20 });
      expect(emulator.player(id)?.plays).toEqual({ complete_quest: 2 });
    });

    it('removes $vars coins, never below the metric minimum, and sets values', async () => {
      const id = await freshPlayer();
      await demo.asPlayer(id, 'POST', '/runtime/actions/complete_quest/play', {
        body: { variables: { points: 40 } },
      });
      const spend = await demo.asPlayer(id, 'POST', '/runtime/actions/buy_item/play', {
        body: { variables: { price: 4 } },
      });
      expect(spend.body.events.local[0].changes).toEqual([
        { metric: COINS, delta: { old: '10', new: '6' } },
      ]);
      const overspend = await demo.asPlayer(id, 'POST', '/runtime/actions/buy_item/play', {
        body: { variables: { price: 100 } },
      });
      expect(overspend.body.events.local[0].changes[0].delta).toEqual({ old: '6', new: '0' });
      const prestige = await demo.asPlayer(id, 'POST', '/runtime/actions/prestige/play', {
        body: {},
      });
      expect(prestige.body.events.local[0].changes).toEqual([
        { metric: XP, delta: { old: '40', new: '0' } },
        { metric: { id: 'stars', name: 'Stars', type: 'point' }, delta: { old: null, new: '1' } },
        { metric: BADGES, delta: { Star: { old: null, new: '1' } } },
        { metric: POWER, delta: { old: '40', new: '10' } },
      ]);
      expect(emulator.player(id)?.scores).toEqual({ xp: 0, coins: 0, stars: 1 });
    });

    it('answers validation_exception for a missing or mistyped required variable', async () => {
      const id = await freshPlayer();
      const missing = await demo.asPlayer(id, 'POST', '/runtime/actions/complete_quest/play', {
        body: {},
      });
      expectError(missing, 400, 'validation_exception');
      expect(missing.body.data).toEqual([{ name: 'points', error: 'required' }]);
      const mistyped = await demo.asPlayer(id, 'POST', '/runtime/actions/complete_quest/play', {
        body: { variables: { points: 'ten' } },
      });
      expectError(mistyped, 400, 'validation_exception');
      const notObject = await demo.asPlayer(id, 'POST', '/runtime/actions/complete_quest/play', {
        body: { variables: [1] },
      });
      expectError(notObject, 400, 'validation_exception');
      expect(emulator.player(id)?.scores.xp).toBe(0);
      expect(emulator.player(id)?.plays).toEqual({});
    });

    it('answers 404 action_not_found for an unknown action', async () => {
      const id = await freshPlayer();
      expectError(
        await demo.asPlayer(id, 'POST', '/runtime/actions/fly/play', { body: {} }),
        404,
        'action_not_found',
      );
    });

    it('enforces the play limit with rate_limit_exceeded, per player', async () => {
      const id = await freshPlayer();
      for (let i = 0; i < 3; i++) {
        const ok = await demo.asPlayer(id, 'POST', '/runtime/actions/daily_bonus/play', {
          body: {},
        });
        expect(ok.status).toBe(200);
      }
      const limited = await demo.asPlayer(id, 'POST', '/runtime/actions/daily_bonus/play', {
        body: {},
      });
      expectError(limited, 429, 'rate_limit_exceeded');
      expect(emulator.player(id)?.scores).toMatchObject({ xp: 15, coins: 3 });
      const other = await freshPlayer();
      const fine = await demo.asPlayer(other, 'POST', '/runtime/actions/daily_bonus/play', {
        body: {},
      });
      expect(fine.status).toBe(200);
    });
  });

  describe('notifications', () => {
    it('creates one notification per play, newest first, and marks them seen', async () => {
      const id = await freshPlayer();
      const first = await demo.asPlayer(id, 'POST', '/runtime/actions/daily_bonus/play', {
        body: {},
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await demo.asPlayer(id, 'POST', '/runtime/actions/prestige/play', {
        body: {},
      });
      const list = await demo.asPlayer(id, 'GET', '/runtime/notifications');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      expect(list.body.data.map((n: { id: string }) => n.id)).toEqual([
        second.body.events.local[0].id,
        first.body.events.local[0].id,
      ]);
      expect(list.body.data[1]).toMatchObject({
        seen: false,
        event: 'action',
        changes: first.body.events.local[0].changes,
        timestamp: first.body.events.local[0].timestamp,
      });
      const marked = await demo.asPlayer(id, 'POST', '/runtime/notifications', {
        body: { ids: [first.body.events.local[0].id, 'unknown'] },
      });
      expect(marked.status).toBe(200);
      expect(marked.body).toEqual({ seen: 1 });
      const after = await demo.asPlayer(id, 'GET', '/runtime/notifications');
      expect(after.body.data.map((n: { seen: boolean }) => n.seen)).toEqual([false, true]);
    });

    it('filters by start and end (ISO or epoch ms) and pages', async () => {
      const id = await freshPlayer();
      await demo.asPlayer(id, 'POST', '/runtime/actions/daily_bonus/play', { body: {} });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const cut = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await demo.asPlayer(id, 'POST', '/runtime/actions/daily_bonus/play', { body: {} });
      await demo.asPlayer(id, 'POST', '/runtime/actions/daily_bonus/play', { body: {} });
      const later = await demo.asPlayer(id, 'GET', '/runtime/notifications', {
        query: { start: new Date(cut).toISOString() },
      });
      expect(later.body.total).toBe(2);
      const earlier = await demo.asPlayer(id, 'GET', '/runtime/notifications', {
        query: { end: cut },
      });
      expect(earlier.body.total).toBe(1);
      const paged = await demo.asPlayer(id, 'GET', '/runtime/notifications', {
        query: { limit: 1, skip: 1 },
      });
      expect(paged.body).toMatchObject({ total: 3 });
      expect(paged.body.data).toHaveLength(1);
      expectError(
        await demo.asPlayer(id, 'GET', '/runtime/notifications', { query: { start: 'soon' } }),
        400,
        'validation_exception',
      );
    });

    it('answers validation_exception when ids is not an array of strings', async () => {
      expectError(
        await demo.asPlayer('alice', 'POST', '/runtime/notifications', { body: { ids: 'x' } }),
        400,
        'validation_exception',
      );
    });
  });

  describe('definitions', () => {
    it('lists the metric definitions', async () => {
      const answer = await demo.asPlayer('alice', 'GET', '/runtime/definitions/metrics');
      expect(answer.status).toBe(200);
      expect(answer.body.map((m: { id: string }) => m.id)).toEqual([
        'xp',
        'coins',
        'stars',
        'level',
        'badges',
        'power',
      ]);
      // ruby client stub: a point definition is exactly id, name, type, description
      expect(answer.body[0]).toEqual({ ...XP, description: 'Experience points' });
    });
  });
});
