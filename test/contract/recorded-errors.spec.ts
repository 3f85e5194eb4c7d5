/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument -- the suite reads the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator } from '../../lib/testing/index.js';
import { DemoCaller, requestToken } from '../emulator/emulator-helpers.js';
import { RUBY_STUB, rateLimitError } from './recorded-ruby-client.js';
import {
  PYTHON_SDK,
  PHP_SDK,
  GO_SDK,
  RUBY_SDK,
  CSHARP_SDK,
  NODE_SDK,
  MOODLE,
  REDMINE,
} from './recorded-sources.js';

describe('recorded errors, against the emulator over HTTP', () => {
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
      name: 'a runtime call without player_id answers invalid_player with the recorded text',
      source: `${PYTHON_SDK}; ${RUBY_SDK}; ${GO_SDK}`,
      check: async () => {
        const answer = await demo.call('GET', '/runtime/player');
        expect(answer.body).toEqual({
          error: 'invalid_player',
          error_description: "The 'player_id' parameter should be specified in the query",
        });
      },
    },
    {
      name: 'an unknown route answers route_not_found, "route does not exist"',
      source: `${NODE_SDK}; ${PYTHON_SDK}; ${RUBY_SDK}; ${CSHARP_SDK.replace('v2API', 'Error')}`,
      check: async () => {
        const answer = await demo.asPlayer('bob', 'GET', '/runtime/gege');
        expect(answer.body).toEqual({
          error: 'route_not_found',
          error_description: 'This route does not exist',
        });
      },
    },
    {
      name: 'wrong client credentials answer client_auth_fail; empty ones invalid_request',
      source: `${PYTHON_SDK}; ${RUBY_SDK}; ${PHP_SDK.replace('testv2Routes', 'testErrors')}`,
      check: async () => {
        const answer = await requestToken(emulator.url, {
          client_id: 'wrong_id',
          client_secret: 'wrong_secret',
          grant_type: 'client_credentials',
        });
        expect(answer.body).toEqual({
          error: 'client_auth_fail',
          error_description: 'Client authentication failed',
        });
        const empty = await requestToken(emulator.url, {
          client_id: '',
          client_secret: '',
          grant_type: 'client_credentials',
        });
        expect(empty.body.error).toBe('invalid_request');
      },
    },
    {
      name: 'a play over the daily limit answers rate_limit_exceeded with the recorded text; the next day plays again',
      source: `${RUBY_STUB} full_error_for_playing_action_over_limit`,
      check: async () => {
        const play = () =>
          demo.asPlayer('carol', 'POST', '/runtime/actions/daily_bonus/play', { body: {} });
        for (let i = 0; i < 3; i++) expect((await play()).status).toBe(200);
        const limited = await play();
        expect(Object.keys(limited.body).sort()).toEqual(Object.keys(rateLimitError).sort());
        expect(limited.body).toEqual({
          error: 'rate_limit_exceeded',
          error_description: "The Action 'daily_bonus' can only be triggered 3 times every day",
        });
        emulator.advanceClock(24 * 60 * 60 * 1000);
        expect((await play()).status).toBe(200);
      },
    },
    {
      name: "once the plan's API calls are spent, calls answer plan_limit_exceeded",
      source: REDMINE,
      check: async () => {
        emulator.setApiCallLimit(1);
        try {
          expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).status).toBe(200);
          expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).body.error).toBe(
            'plan_limit_exceeded',
          );
        } finally {
          emulator.setApiCallLimit(undefined);
        }
      },
    },
    {
      name: 'design reads of an unknown rule or metric answer rule_not_found and metric_not_found',
      source: `${MOODLE} local/playlyfe/course.php get_rule; blocks/playlyfe/block_playlyfe.php`,
      check: async () => {
        expect(
          (await demo.call('GET', '/design/versions/latest/rules/course_1_completed')).body.error,
        ).toBe('rule_not_found');
        expect((await demo.call('GET', '/design/versions/latest/metrics/point')).body.error).toBe(
          'metric_not_found',
        );
      },
    },
  ])('$name ($source)', async ({ check }) => {
    await check();
  });
});
