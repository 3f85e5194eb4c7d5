/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read the emulator's untyped JSON answers */
import { describe, expect, it } from '@jest/globals';
import {} from '../../lib/testing/index.js';
import { expectError, useStartedEmulator } from './emulator-helpers.js';

const DESIGN = '/design/versions/latest';

describe('emulator design writes, custom rules and runtime processes', () => {
  const { emulator, demo } = useStartedEmulator();

  it('creates a point metric that every player then scores, refuses a duplicate, patches and deletes it', async () => {
    const created = await demo.call('POST', `${DESIGN}/metrics`, {
      body: {
        id: 'gems',
        name: 'Gems',
        type: 'point',
        description: 'Shiny',
        constraints: { default: '3', max: 'Infinity', min: '0' },
      },
    });
    expect(created.body).toEqual({
      id: 'gems',
      name: 'Gems',
      type: 'point',
      description: 'Shiny',
      constraints: { default: '3', min: '0' },
    });
    expect(emulator.player('bob')?.scores['gems']).toBe(3);
    expectError(
      await demo.call('POST', `${DESIGN}/metrics`, {
        body: { id: 'gems', name: 'G', type: 'point' },
      }),
      409,
      'metric_exists',
    );
    const patched = await demo.call('PATCH', `${DESIGN}/metrics/gems`, {
      body: { description: 'Rare' },
    });
    expect(patched.body.description).toBe('Rare');
    expect((await demo.call('DELETE', `${DESIGN}/metrics/gems`)).body).toEqual({
      message: "The metric 'gems' has been deleted successfully",
    });
    expectError(await demo.call('DELETE', `${DESIGN}/metrics/gems`), 404, 'metric_not_found');
  });

  it('creates a set metric, and refuses a state metric or a metric the design uses', async () => {
    const set = await demo.call('POST', `${DESIGN}/metrics`, {
      body: {
        id: 'trophies',
        name: 'Trophies',
        type: 'set',
        constraints: { items: [{ name: 'Cup', description: 'A cup' }] },
      },
    });
    expect(set.body.items).toEqual({ Cup: { description: 'A cup' } });
    expectError(
      await demo.call('POST', `${DESIGN}/metrics`, {
        body: { id: 'lvl', name: 'L', type: 'state' },
      }),
      400,
      'validation_exception',
    );
    expectError(await demo.call('DELETE', `${DESIGN}/metrics/xp`), 400, 'validation_exception');
    expectError(
      await demo.call('POST', `${DESIGN}/metrics`, { body: { name: 'No id', type: 'point' } }),
      400,
      'validation_exception',
    );
  });

  it('creates and deletes a leaderboard; an unknown metric is a validation error', async () => {
    const board = await demo.call('POST', `${DESIGN}/leaderboards`, {
      body: {
        id: 'coin_board',
        name: 'Coins',
        entity_type: 'players',
        scope: { type: 'game' },
        metric: { id: 'coins', type: 'point' },
      },
    });
    expect(board.body).toMatchObject({
      id: 'coin_board',
      entity_type: 'players',
      scope: { type: 'game' },
    });
    const ranked = await demo.asPlayer('bob', 'GET', '/runtime/leaderboards/coin_board');
    expect(ranked.body.data[0]).toEqual({
      player: { id: 'alice', alias: 'Alice' },
      score: '30',
      rank: 1,
    });
    const bad = await demo.call('POST', `${DESIGN}/leaderboards`, {
      body: { id: 'x', name: 'X', metric: { id: 'nope' } },
    });
    expectError(bad, 400, 'validation_exception');
    expect((await demo.call('DELETE', `${DESIGN}/leaderboards/coin_board`)).body.message).toContain(
      "'coin_board'",
    );
    expectError(
      await demo.call('DELETE', `${DESIGN}/leaderboards/coin_board`),
      404,
      'leaderboard_not_found',
    );
  });

  it('creates, patches, runs and deletes a custom rule; only custom rules are written', async () => {
    const rule = await demo.call('POST', `${DESIGN}/rules`, {
      body: {
        id: 'bonus',
        name: 'Bonus',
        type: 'custom',
        rules: [{ rewards: [{ metric: { id: 'coins' }, value: '7', verb: 'add' }], requires: {} }],
      },
    });
    expect(rule.body).toMatchObject({ id: 'bonus', type: 'custom' });
    await demo.call('PATCH', `${DESIGN}/rules/bonus`, {
      body: { rules: [{ rewards: [{ metric: 'coins', value: '9', verb: 'add' }], requires: {} }] },
    });
    const ran = await demo.call('POST', '/admin/rules/bonus', {
      body: { data: [{ player_ids: ['bob', 'carol'] }] },
    });
    const runs = ran.body as { events: { local: { changes: { delta: unknown }[] }[] } }[][];
    expect(runs).toHaveLength(1);
    expect(runs[0].map((r) => r.events.local[0].changes[0].delta)).toEqual([
      { old: '5', new: '14' },
      { old: '12', new: '21' },
    ]);
    expectError(
      await demo.call('POST', '/admin/rules/bonus', {
        body: { data: [{ player_ids: ['ghost'] }] },
      }),
      400,
      'validation_exception',
    );
    expectError(
      await demo.call('POST', '/admin/rules/level_rule', { body: { data: [] } }),
      400,
      'validation_exception',
    );
    expectError(
      await demo.call('POST', `${DESIGN}/rules`, { body: { id: 'lv', name: 'Lv', type: 'level' } }),
      400,
      'validation_exception',
    );
    expect((await demo.call('DELETE', `${DESIGN}/rules/bonus`)).status).toBe(200);
    expectError(await demo.call('GET', `${DESIGN}/rules/bonus`), 404, 'rule_not_found');
    expectError(
      await demo.call('PATCH', `${DESIGN}/rules/bonus`, { body: {} }),
      404,
      'rule_not_found',
    );
  });

  it('creates an action from rules, plays it, patches and deletes it', async () => {
    const created = await demo.call('POST', `${DESIGN}/actions`, {
      body: {
        id: 'course_completed',
        name: 'course_completed',
        image: 'default-set-action',
        requires: {},
        rules: [
          {
            requires: {},
            rewards: [{ metric: { id: 'badges', type: 'set' }, verb: 'add', value: { Star: '1' } }],
          },
        ],
        variables: [{ name: 'course_id', type: 'string', default: '', required: true }],
      },
    });
    expect(created.body).toMatchObject({
      id: 'course_completed',
      requires: {},
      rules: [{ requires: {} }],
    });
    expect(created.body.rules[0].rewards[0]).toMatchObject({ value: { Star: '1' }, verb: 'add' });
    const played = await demo.asPlayer('bob', 'POST', '/runtime/actions/course_completed/play', {
      body: { variables: { course_id: '7' } },
    });
    expect(played.body.events.local[0].changes[0].delta).toEqual({ Star: { old: null, new: '1' } });
    const patched = await demo.call('PATCH', `${DESIGN}/actions/course_completed`, {
      body: { name: 'Course completed' },
    });
    expect(patched.body).toMatchObject({
      name: 'Course completed',
      variables: [{ name: 'course_id', required: true }],
    });
    expect(patched.body.rules[0].rewards).toHaveLength(1);
    expectError(
      await demo.call('POST', `${DESIGN}/actions`, { body: { id: 'course_completed', name: 'x' } }),
      409,
      'action_exists',
    );
    expect((await demo.call('DELETE', `${DESIGN}/actions/course_completed`)).status).toBe(200);
    expectError(
      await demo.call('PATCH', `${DESIGN}/actions/course_completed`, { body: {} }),
      404,
      'action_not_found',
    );
    expect((await demo.call('GET', '/design/issues')).body).toEqual([]);
    expect((await demo.call('POST', `${DESIGN}/simulate`)).status).toBe(200);
  });

  it('shows set items and state ladders under constraints, as moodle-playlyfe reads them', async () => {
    const listed = await demo.call('GET', `${DESIGN}/metrics`, {
      query: { fields: 'id,type,constraints' },
    });
    const byId = Object.fromEntries((listed.body as { id: string }[]).map((m) => [m.id, m]));
    expect(byId['badges']).toEqual({
      id: 'badges',
      type: 'set',
      constraints: {
        items: [
          expect.objectContaining({ name: 'Quest Master' }),
          expect.anything(),
          expect.anything(),
        ],
      },
    });
    expect(byId['level']).toMatchObject({
      constraints: {
        states: [{ name: 'Novice', min: 0 }, { name: 'Adventurer' }, { name: 'Hero' }],
      },
    });
  });

  it('restores the seeded design on resetGame', async () => {
    await demo.call('POST', `${DESIGN}/metrics`, {
      body: { id: 'temp', name: 'Temp', type: 'point' },
    });
    emulator.resetGame();
    expectError(await demo.call('GET', `${DESIGN}/metrics/temp`), 404, 'metric_not_found');
  });

  it("keeps a player's processes to that player", async () => {
    const started = await demo.asPlayer(
      'bob',
      'POST',
      '/runtime/definitions/processes/quest_line',
      { body: { name: 'Mine' } },
    );
    expect(started.body).toMatchObject({
      name: 'Mine',
      owner: { id: 'bob', alias: 'Bob' },
      access: 'PRIVATE',
    });
    const id = started.body.id as string;
    expect((await demo.asPlayer('bob', 'GET', `/runtime/processes/${id}`)).body.id).toBe(id);
    expectError(
      await demo.asPlayer('carol', 'GET', `/runtime/processes/${id}`),
      404,
      'process_not_found',
    );
    expect((await demo.asPlayer('carol', 'GET', '/runtime/processes')).body).toEqual({
      data: [],
      total: 0,
    });
    expectError(
      await demo.asPlayer('bob', 'POST', '/runtime/definitions/processes/nope', { body: {} }),
      404,
      'process_not_found',
    );
  });
});
