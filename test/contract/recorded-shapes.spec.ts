/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- the suite reads the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator } from '../../lib/testing/index.js';
import { DemoCaller, type Answer } from '../emulator/emulator-helpers.js';
import * as rec from './recorded-ruby-client.js';
import { shapeMismatches } from './shape-match.js';

const RUBY_TEAM_EVENTS = 'foton/playlyfe-ruby-client test/models/v2/events/team_events_test.rb';
const strip = (event: Record<string, unknown>, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(event).filter(([k]) => k !== key));

describe('recorded Playlyfe answers: key sets and value types match the emulator over HTTP', () => {
  const emulator = new PlaylyfeEmulator();
  const demo = new DemoCaller(emulator);
  /** alice's complete_quest of 150 points: an action, a level-up and a badge. */
  let alicePlay: Answer;

  beforeAll(async () => {
    await emulator.start();
    alicePlay = await demo.asPlayer('alice', 'POST', '/runtime/actions/complete_quest/play', {
      body: { variables: { points: 150 } },
    });
    // dave has no xp in the seed: his first change of xp and his first level have `old: null`
    await demo.asPlayer('dave', 'POST', '/runtime/actions/complete_quest/play', {
      body: { variables: { points: 30 } },
    });
  });
  afterAll(async () => {
    await emulator.stop();
  });

  const get = (route: string, player?: string) => (): Promise<Answer> =>
    player === undefined ? demo.call('GET', route) : demo.asPlayer(player, 'GET', route);

  it.each([
    {
      name: 'game info',
      source: `${rec.RUBY_STUB} full_game_hash`,
      route: 'GET /admin',
      call: get('/admin'),
      recorded: rec.gameHash,
    },
    {
      name: 'players',
      source: `${rec.RUBY_STUB} full_players_hash`,
      route: 'GET /admin/players',
      call: get('/admin/players'),
      recorded: rec.playersHash,
    },
    {
      name: 'teams',
      source: `${rec.RUBY_STUB} full_teams_hash`,
      route: 'GET /admin/teams',
      call: get('/admin/teams'),
      recorded: rec.teamsHash,
    },
    {
      name: 'one team',
      source: `${rec.RUBY_STUB} team1_hash`,
      route: 'GET /admin/teams/:id',
      call: get('/admin/teams/team_guild'),
      recorded: rec.team1Hash,
    },
    {
      name: 'profile (admin)',
      source: `${rec.RUBY_STUB} full_profile_hash_for_player1`,
      route: 'GET /admin/players/:id',
      call: get('/admin/players/alice'),
      recorded: rec.profileHash,
    },
    {
      name: 'profile (runtime)',
      source: `${rec.RUBY_STUB} full_profile_hash_for_player1`,
      route: 'GET /runtime/player',
      call: get('/runtime/player', 'carol'),
      recorded: rec.profileHash,
    },
    {
      name: 'team members',
      source: `${rec.RUBY_STUB} full_team1_members_hash`,
      route: 'GET /admin/teams/:id/members',
      call: get('/admin/teams/team_guild/members'),
      recorded: rec.membersHash,
    },
    {
      name: 'leaderboard definitions',
      source: `${rec.RUBY_STUB} full_leaderboards_array`,
      route: 'GET /runtime/leaderboards',
      call: get('/runtime/leaderboards', 'bob'),
      recorded: rec.leaderboardsArray,
    },
    {
      name: 'players leaderboard',
      source: `${rec.RUBY_STUB} full_players_leaderboard_hash`,
      route: 'GET /runtime/leaderboards/:id',
      call: get('/runtime/leaderboards/xp_leaderboard?cycle=alltime', 'bob'),
      recorded: rec.playersLeaderboardHash,
    },
    {
      name: 'teams leaderboard',
      source: `${rec.RUBY_STUB} full_teams_leaderboard_hash`,
      route: 'GET /runtime/leaderboards/:id',
      call: get('/runtime/leaderboards/guild_leaderboard?cycle=alltime', 'bob'),
      recorded: rec.teamsLeaderboardHash,
    },
    {
      name: 'actions',
      source: `${rec.RUBY_STUB} full_all_actions_array`,
      route: 'GET /runtime/actions',
      call: get('/runtime/actions', 'bob'),
      recorded: rec.actionsArray,
    },
    {
      name: 'metric definitions',
      source: `${rec.RUBY_STUB} full_metrics_array`,
      route: 'GET /runtime/definitions/metrics',
      call: get('/runtime/definitions/metrics', 'bob'),
      recorded: rec.metricsArray,
    },
    {
      name: 'player activity',
      source: `${rec.RUBY_STUB} full_player2_activity_feed_array`,
      route: 'GET /admin/players/:id/activity',
      call: get('/admin/players/alice/activity'),
      recorded: rec.playerFeed,
    },
    {
      name: 'player activity, first changes',
      source: `${rec.RUBY_STUB} full_player2_activity_feed_array`,
      route: 'GET /admin/players/:id/activity',
      call: get('/admin/players/dave/activity'),
      recorded: rec.playerFeed,
    },
    {
      name: 'game activity',
      source: `${rec.RUBY_STUB} game_events_array + full_player2_activity_feed_array action events`,
      route: 'GET /admin/activity',
      call: get('/admin/activity'),
      recorded: [...rec.gameFeed, ...rec.gameFeedActions],
    },
    {
      name: 'team activity',
      source: `${RUBY_TEAM_EVENTS} (team feed events carry no team)`,
      route: 'GET /admin/teams/:id/activity',
      call: get('/admin/teams/team_guild/activity'),
      recorded: [strip(rec.teamCreateEvent, 'team')],
    },
  ])('$name: $route answers as recorded in $source', async ({ call, recorded }) => {
    const answer = await call();
    expect(answer.status).toBe(200);
    expect(shapeMismatches(answer.body, recorded)).toEqual([]);
  });

  it(`a play answers every action and the action, level and achievement events (${rec.RUBY_STUB} full_play_action_hammer_screwdriver_and_plus_point_hash, level_up_event_hash, achievement_event_hash)`, async () => {
    expect(alicePlay.status).toBe(200);
    const body = alicePlay.body;
    expect(Object.keys(body).sort()).toEqual(['actions', 'events']);
    expect(shapeMismatches(body.actions, rec.actionsArray)).toEqual([]);
    expect(body.actions).toHaveLength(
      (await demo.asPlayer('alice', 'GET', '/runtime/actions')).body.length,
    );
    expect(body.events.global).toEqual([]);
    expect(
      shapeMismatches(body.events.local, [
        rec.playActionEvent,
        rec.levelUpEvent,
        rec.achievementEvent,
      ]),
    ).toEqual([]);
    expect(body.events.local.map((e: { event: string }) => e.event)).toEqual([
      'action',
      'level',
      'achievement',
    ]);
  });

  it(`the profile holds one score of each metric kind, as recorded (${rec.RUBY_STUB} full_profile_hash_for_player1)`, async () => {
    const { body } = await demo.call('GET', '/admin/players/alice');
    const types = new Set(body.scores.map((s: { metric: { type: string } }) => s.metric.type));
    expect([...types].sort()).toEqual(['compound', 'point', 'set', 'state']);
    const level = body.scores.find((s: { metric: { type: string } }) => s.metric.type === 'state');
    expect(level).toEqual({
      metric: { id: 'level', name: 'Level', type: 'state' },
      value: { name: 'Hero', description: expect.any(String) },
      meta: { high: 'Infinity', low: '250', base_metric: { id: 'xp', name: 'Experience' } },
    });
    const badges = body.scores.find((s: { metric: { type: string } }) => s.metric.type === 'set');
    expect(badges.value).toContainEqual({
      name: 'Quest Master',
      description: expect.any(String),
      count: '1',
    });
  });

  it(`a player's first change of a metric has old null, later ones the old value (${rec.RUBY_STUB} full_player2_activity_feed_array)`, async () => {
    await demo.call('POST', '/admin/players', { body: { id: 'contract-first', alias: 'First' } });
    type Change = { metric: { id: string }; delta: unknown };
    const play = async (): Promise<Change[]> => {
      const answer = await demo.asPlayer(
        'contract-first',
        'POST',
        '/runtime/actions/complete_quest/play',
        {
          body: { variables: { points: 5 } },
        },
      );
      return answer.body.events.local[0].changes as Change[];
    };
    const xp = (changes: Change[]): unknown => changes.find((c) => c.metric.id === 'xp')?.delta;
    expect(xp(await play())).toEqual({ old: null, new: '5' });
    expect(xp(await play())).toEqual({ old: '5', new: '10' });
  });

  it(`creating a player answers the profile keys and bootstrap (${rec.RUBY_STUB} player_created_hash)`, async () => {
    const created = await demo.call('POST', '/admin/players', {
      body: { id: 'contract-new', alias: 'New' },
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual([...rec.playerCreatedKeys].sort());
    expect(created.body.bootstrap).toBe(true);
  });

  it(`a duplicate player answers player_exists with the recorded text (${rec.RUBY_STUB} full_error_for_creating_existing_player)`, async () => {
    const again = await demo.call('POST', '/admin/players', { body: { id: 'bob' } });
    expect(again.body).toEqual({
      error: 'player_exists',
      error_description: rec.playerExistsText('bob'),
    });
  });
});
