/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- contract tests read the emulator's untyped JSON answers */
import { describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT } from '../../lib/testing/index.js';
import { call, expectError, tokenFor, useStartedEmulator } from './emulator-helpers.js';

const RUNTIME_ONLY = { id: 'runtime-only', secret: 'runtime-secret' };
const ADMIN_READ = { id: 'admin-read', secret: 'admin-read-secret' };

describe('emulator admin and design routes', () => {
  const { emulator, demo } = useStartedEmulator({
    clients: [
      { ...DEMO_CLIENT, routes: { admin: 'write', design: 'write', runtime: 'write' } },
      RUNTIME_ONLY,
      { ...ADMIN_READ, routes: { admin: 'read', design: 'read', runtime: 'none' } },
    ],
  });

  describe('players', () => {
    it('lists players in id order, paged by limit (default 10) and skip', async () => {
      for (let i = 0; i < 12; i++) await demo.createPlayer(`p${String(i).padStart(2, '0')}`);
      const first = await demo.call('GET', '/admin/players');
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(16);
      expect(first.body.data).toHaveLength(10);
      expect(first.body.data[0]).toEqual({ id: 'alice', alias: 'Alice', enabled: true });
      const rest = await demo.call('GET', '/admin/players', { query: { limit: 5, skip: 14 } });
      expect(rest.body.data.map((p: { id: string }) => p.id)).toEqual(['p10', 'p11']);
      expect(rest.body.total).toBe(16);
      for (let i = 0; i < 12; i++) {
        await demo.call('DELETE', `/admin/players/p${String(i).padStart(2, '0')}`);
      }
    });

    it('rejects a bad limit or skip with validation_exception', async () => {
      expectError(
        await demo.call('GET', '/admin/players', { query: { limit: -1 } }),
        400,
        'validation_exception',
      );
      expectError(
        await demo.call('GET', '/admin/players', { query: { skip: 'x' } }),
        400,
        'validation_exception',
      );
    });

    it('creates a player with zero scores, answering the new profile', async () => {
      const created = await demo.call('POST', '/admin/players', {
        body: { id: 'erin', alias: 'Erin' },
      });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        id: 'erin',
        alias: 'Erin',
        created: expect.any(String),
        enabled: true,
        scores: expect.any(Array),
        teams: [],
        bootstrap: true,
      });
      expect(created.body.scores.slice(0, 3)).toEqual([
        { metric: { id: 'xp', name: 'Experience', type: 'point' }, value: '0' },
        { metric: { id: 'coins', name: 'Coins', type: 'point' }, value: '0' },
        { metric: { id: 'stars', name: 'Stars', type: 'point' }, value: '0' },
      ]);
      expect(Number.isNaN(Date.parse(created.body.created))).toBe(false);
      expect(emulator.player('erin')?.scores).toEqual({ xp: 0, coins: 0, stars: 0 });
    });

    it('answers player_exists (409) for a duplicate id', async () => {
      const again = await demo.call('POST', '/admin/players', { body: { id: 'alice' } });
      expectError(again, 409, 'player_exists');
      expect(again.body.error_description).toBe("A player with ID 'alice' already exists");
    });

    it('answers validation_exception with details for a missing id or a bad alias', async () => {
      const missing = await demo.call('POST', '/admin/players', { body: { alias: 'No id' } });
      expectError(missing, 400, 'validation_exception');
      expect(missing.body.data).toEqual([expect.objectContaining({ field: 'id' })]);
      const badAlias = await demo.call('POST', '/admin/players', { body: { id: 'z', alias: 3 } });
      expectError(badAlias, 400, 'validation_exception');
      expect(badAlias.body.data).toEqual([expect.objectContaining({ field: 'alias' })]);
    });

    it('answers validation_exception for a malformed JSON body', async () => {
      const answer = await demo.call('POST', '/admin/players', {
        raw: '{"id": ',
        headers: { 'content-type': 'application/json' },
      });
      expectError(answer, 400, 'validation_exception');
    });

    it('gets a full profile, and player_not_found for an unknown id', async () => {
      const carol = await demo.call('GET', '/admin/players/carol');
      expect(carol.status).toBe(200);
      expect(carol.body.scores).toContainEqual({
        metric: { id: 'stars', name: 'Stars', type: 'point' },
        value: '1',
      });
      const unknown = await demo.call('GET', '/admin/players/nobody');
      expectError(unknown, 404, 'player_not_found');
      expect(unknown.body.error_description).toBe(
        'Invalid player_id. No player exists with that id.',
      );
    });

    it('decodes percent-encoded ids in the path', async () => {
      await demo.createPlayer('with space');
      const answer = await demo.call('GET', '/admin/players/with%20space');
      expect(answer.body.id).toBe('with space');
    });

    it('deletes a player; a second delete is player_not_found', async () => {
      await demo.createPlayer('frank');
      const deleted = await demo.call('DELETE', '/admin/players/frank');
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({ id: 'frank', deleted: true });
      expect(emulator.player('frank')).toBeUndefined();
      expectError(await demo.call('DELETE', '/admin/players/frank'), 404, 'player_not_found');
    });
  });

  describe('route families', () => {
    it('denies /admin and /design to a client allowed only runtime routes', async () => {
      const token = await tokenFor(emulator.url, RUNTIME_ONLY);
      const admin = await call(emulator.url, 'GET', '/admin/players', { token });
      expectError(admin, 403, 'access_denied');
      expect(admin.body.error_description).toBe('You are not allowed to access this api route');
      expectError(
        await call(emulator.url, 'GET', '/design/versions/latest/metrics', { token }),
        403,
        'access_denied',
      );
      const runtime = await call(emulator.url, 'GET', '/runtime/player', {
        token,
        query: { player_id: 'alice' },
      });
      expect(runtime.status).toBe(200);
    });

    it('lets a read client GET but not write, and denies a family set to none', async () => {
      const token = await tokenFor(emulator.url, ADMIN_READ);
      expect((await call(emulator.url, 'GET', '/admin/players', { token })).status).toBe(200);
      expectError(
        await call(emulator.url, 'POST', '/admin/players', { token, body: { id: 'x' } }),
        403,
        'access_denied',
      );
      expectError(
        await call(emulator.url, 'DELETE', '/admin/players/alice', { token }),
        403,
        'access_denied',
      );
      expectError(
        await call(emulator.url, 'GET', '/runtime/player', {
          token,
          query: { player_id: 'alice' },
        }),
        403,
        'access_denied',
      );
      expect(emulator.player('alice')).toBeDefined();
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/admin/nothing'],
      ['PUT', '/admin/players'],
      ['GET', '/unknown/family'],
      ['GET', '/'],
      ['GET', '!/v1/runtime/player'],
      ['GET', '!/v3/admin/players'],
      ['GET', '!/'],
      ['GET', '/design/versions/latest/widgets'],
      ['GET', '/design/versions/v42/metrics'],
    ])('answers route_not_found for %s %s', async (method, route) => {
      expectError(await demo.call(method, route), 404, 'route_not_found');
    });
  });

  describe('design', () => {
    it('lists versions and the metric definitions of the latest one', async () => {
      expect((await demo.call('GET', '/design/versions')).body).toEqual([{ name: 'latest' }]);
      const metrics = await demo.call('GET', '/design/versions/latest/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContainEqual({
        id: 'coins',
        name: 'Coins',
        type: 'point',
        description: 'Spendable coins',
        constraints: { default: '0', min: '0' },
      });
    });

    it('gets one action, leaderboard or metric, and lists rules', async () => {
      const action = await demo.call('GET', '/design/versions/latest/actions/daily_bonus');
      expect(action.body).toMatchObject({
        id: 'daily_bonus',
        play_limit: { times: 3, every: 'day' },
      });
      const board = await demo.call('GET', '/design/versions/latest/leaderboards/xp_leaderboard');
      expect(board.body.metric).toEqual({ id: 'xp', name: 'Experience', type: 'point' });
      const rules = (await demo.call('GET', '/design/versions/latest/rules')).body as {
        id: string;
      }[];
      expect(rules.map((r) => r.id)).toEqual([
        'level_rule',
        'quest_master_rule',
        'big_spender_rule',
      ]);
      expectError(
        await demo.call('GET', '/design/versions/latest/metrics/nothing'),
        404,
        'metric_not_found',
      );
    });

    it('checks write access on design routes before matching them', async () => {
      const token = await tokenFor(emulator.url, ADMIN_READ);
      expectError(
        await call(emulator.url, 'POST', '/design/versions/latest/metrics', { token, body: {} }),
        403,
        'access_denied',
      );
    });
  });
});
