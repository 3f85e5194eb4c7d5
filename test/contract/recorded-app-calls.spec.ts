/* eslint-disable @typescript-eslint/no-unsafe-member-access -- the suite reads the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator } from '../../lib/testing/index.js';
import { DemoCaller } from '../emulator/emulator-helpers.js';
import {
  PHP_SDK,
  GO_SDK,
  CSHARP_SDK,
  JAVA_SDK,
  NODE_SDK,
  MOODLE,
  API_NOTES,
} from './recorded-sources.js';

describe('calls of the official SDKs and of apps built on Playlyfe, against the emulator over HTTP', () => {
  const emulator = new PlaylyfeEmulator({ clockStart: new Date('2030-01-07T09:00:00Z') });
  const demo = new DemoCaller(emulator);

  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it.each([
    {
      name: 'runtime players page {data, total}',
      source: `${PHP_SDK}; ${GO_SDK}`,
      check: async () => {
        const answer = await demo.asPlayer('bob', 'GET', '/runtime/players', {
          query: { limit: 1 },
        });
        expect(answer.body.data).toHaveLength(1);
        expect(answer.body.total).toBeGreaterThan(1);
      },
    },
    {
      name: 'team and process definitions, teams and processes answer',
      source: `${GO_SDK}; ${PHP_SDK}`,
      check: async () => {
        for (const route of [
          '/runtime/definitions/processes',
          '/runtime/definitions/teams',
          '/runtime/processes',
          '/runtime/teams',
        ]) {
          expect((await demo.asPlayer('bob', 'GET', route)).status).toBe(200);
        }
      },
    },
    {
      name: 'a process starts ACTIVE from its definition, is patched, and its delete message names the Process',
      source: `${PHP_SDK}; ${GO_SDK}; ${CSHARP_SDK}; ${JAVA_SDK}; ${NODE_SDK} (v1)`,
      check: async () => {
        const started = await demo.asPlayer('bob', 'POST', '/runtime/processes', {
          body: { definition: 'quest_line' },
        });
        expect(started.body).toMatchObject({ definition: { id: 'quest_line' }, state: 'ACTIVE' });
        const patched = await demo.asPlayer(
          'bob',
          'PATCH',
          `/runtime/processes/${started.body.id as string}`,
          {
            body: { name: 'patched_process', access: 'PUBLIC' },
          },
        );
        expect(patched.body).toMatchObject({ name: 'patched_process', access: 'PUBLIC' });
        const listed = await demo.asPlayer('bob', 'GET', '/runtime/processes', {
          query: { limit: 1, skip: 0 },
        });
        expect(listed.body.data[0].definition.id).toBe('quest_line');
        const deleted = await demo.asPlayer(
          'bob',
          'DELETE',
          `/runtime/processes/${started.body.id as string}`,
        );
        expect(deleted.body.message).toContain('Process');
      },
    },
    {
      name: 'running an unknown rule answers rule_not_found; a custom rule answers [[{events: {local: [custom_rule event]}}]]',
      source: `${MOODLE} local/playlyfe/lib.php execute_rule`,
      check: async () => {
        const unknown = await demo.call('POST', '/admin/rules/course_1_completed', {
          body: { data: [] },
        });
        expect(unknown.body.error).toBe('rule_not_found');
        const ran = await demo.call('POST', '/admin/rules/big_spender_rule', {
          body: {
            data: [
              { variables: {}, player_ids: ['bob'], scopes: [{ id: 'course1', entity_id: 'bob' }] },
            ],
          },
        });
        expect(ran.body[0][0].events.local[0]).toMatchObject({
          event: 'custom_rule',
          rule: { id: 'big_spender_rule' },
        });
      },
    },
    {
      name: 'a point metric and its custom-scope leaderboard are created, ranked with scope_id and relative ranking, then deleted',
      source: `${MOODLE} local/playlyfe/metric/add.php, leaderboard.php, metric/manage.php; ${API_NOTES} (delete message)`,
      check: async () => {
        const metric = await demo.call('POST', '/design/versions/latest/metrics', {
          body: {
            id: 'course_points',
            name: 'Course points',
            type: 'point',
            image: 'default-point-metric',
            description: '',
            constraints: { default: '0', max: 'Infinity', min: '0' },
          },
        });
        expect(metric.status).toBe(200);
        const board = await demo.call('POST', '/design/versions/latest/leaderboards', {
          body: {
            id: 'course_points',
            name: 'Course points',
            type: 'regular',
            description: '',
            entity_type: 'players',
            scope: { type: 'custom' },
            metric: { id: 'course_points', type: 'point' },
          },
        });
        expect(board.body.scope).toEqual({ type: 'custom' });
        const rule = await demo.call('POST', '/design/versions/latest/rules', {
          body: {
            id: 'course_1_completed',
            name: 'Course 1 completed',
            type: 'custom',
            variables: [],
            rules: [
              {
                rewards: [
                  { metric: { id: 'course_points', type: 'point' }, value: '5', verb: 'add' },
                ],
                requires: {},
              },
            ],
          },
        });
        expect(rule.status).toBe(200);
        await demo.call('POST', '/admin/rules/course_1_completed', {
          body: {
            data: [
              { variables: {}, player_ids: ['bob'], scopes: [{ id: 'course1', entity_id: 'bob' }] },
            ],
          },
        });
        const ranked = await demo.asPlayer('bob', 'GET', '/runtime/leaderboards/course_points', {
          query: {
            cycle: 'alltime',
            scope_id: 'course1',
            skip: 0,
            limit: 10,
            ranking: 'relative',
            entity_id: 'bob',
            radius: 10,
          },
        });
        expect(ranked.body).toEqual({
          data: [{ player: { id: 'bob', alias: 'Bob' }, score: '5', rank: 1 }],
          total: 1,
        });
        const listed = await demo.call('GET', '/design/versions/latest/metrics', {
          query: { fields: 'id,name,type,description,image' },
        });
        expect(listed.body).toContainEqual({
          id: 'course_points',
          name: 'Course points',
          type: 'point',
        });
        expect(
          (await demo.call('DELETE', '/design/versions/latest/rules/course_1_completed')).status,
        ).toBe(200);
        const deleted = await demo.call('DELETE', '/design/versions/latest/metrics/course_points');
        expect(deleted.body).toEqual({
          message: "The metric 'course_points' has been deleted successfully",
        });
        expect(
          (await demo.call('DELETE', '/design/versions/latest/leaderboards/course_points')).status,
        ).toBe(200);
      },
    },
    {
      name: 'publishing creates an action from rules, simulates, and the action editor reads its rules and the set items',
      source: `${MOODLE} local/playlyfe/publish.php, action/edit.php`,
      check: async () => {
        expect(Array.isArray((await demo.call('GET', '/design/issues')).body)).toBe(true);
        const created = await demo.call('POST', '/design/versions/latest/actions', {
          body: {
            id: 'course_completed',
            name: 'course_completed',
            image: 'default-set-action',
            requires: {},
            rules: [],
            variables: [{ name: 'course_id', type: 'string', default: '', required: true }],
          },
        });
        expect(created.status).toBe(200);
        expect((await demo.call('POST', '/design/versions/latest/simulate')).status).toBe(200);
        const ids = await demo.call('GET', '/design/versions/latest/actions', {
          query: { fields: 'id' },
        });
        expect(ids.body).toContainEqual({ id: 'course_completed' });
        const action = await demo.call('GET', '/design/versions/latest/actions/complete_quest');
        expect(action.body.rules[0].rewards.length).toBeGreaterThan(0);
        const metrics = await demo.call('GET', '/design/versions/latest/metrics', {
          query: { fields: 'id,type,constraints' },
        });
        const list = metrics.body as {
          type: string;
          constraints: { items?: { name: string }[] };
        }[];
        const set = list.find((m) => m.type === 'set');
        expect(set?.constraints.items?.[0].name).toEqual(expect.any(String));
      },
    },
    {
      name: 'a course scope of a custom leaderboard is opened, a play names it as <leaderboard>/<scope>, and it ranks with scope_id',
      source: `${MOODLE} local/playlyfe/course.php`,
      check: async () => {
        await demo.call('POST', '/design/versions/latest/leaderboards', {
          body: {
            id: 'xp_by_course',
            name: 'XP by course',
            entity_type: 'players',
            scope: { type: 'custom' },
            metric: { id: 'xp', type: 'point' },
          },
        });
        expect(
          (await demo.call('POST', '/admin/leaderboards/xp_by_course/course3', { body: {} }))
            .status,
        ).toBe(200);
        await demo.asPlayer('dave', 'POST', '/runtime/actions/complete_quest/play', {
          body: {
            scopes: [{ id: 'xp_by_course/course3', entity_id: 'dave' }],
            variables: { points: 12 },
          },
        });
        const ranked = await demo.asPlayer('dave', 'GET', '/runtime/leaderboards/xp_by_course', {
          query: { cycle: 'alltime', scope_id: 'course3' },
        });
        expect(ranked.body).toEqual({
          data: [{ player: { id: 'dave', alias: 'Dave' }, score: '12', rank: 1 }],
          total: 1,
        });
        const other = await demo.asPlayer('dave', 'GET', '/runtime/leaderboards/xp_by_course', {
          query: { scope_id: 'course4' },
        });
        expect(other.body).toEqual({ data: [], total: 0 });
        expect((await demo.call('DELETE', '/admin/leaderboards/xp_by_course/course3')).status).toBe(
          200,
        );
      },
    },
    {
      name: 'the id of a rule event run for a player is reverted through /admin/players/:id/revert',
      source: `${MOODLE} local/playlyfe/lib.php pl_quiz_attempt_submitted_handler`,
      check: async () => {
        const ran = await demo.call('POST', '/admin/rules/big_spender_rule', {
          body: { data: [{ variables: {}, player_ids: ['carol'], scopes: [] }] },
        });
        const id = ran.body[0][0].events.local[0].id as string;
        const reverted = await demo.call('POST', '/admin/players/carol/revert', {
          body: { event_ids: [id] },
        });
        expect(reverted.status).toBe(200);
      },
    },
  ])('$name ($source)', async ({ check }) => {
    await check();
  });
});
