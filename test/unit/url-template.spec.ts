import { describe, expect, it } from '@jest/globals';
import { urlTemplate } from '../../lib/telemetry/url-template.js';

describe('urlTemplate', () => {
  it.each([
    ['/runtime/player', '/runtime/player'],
    ['/runtime/leaderboards/xp_leaderboard', '/runtime/leaderboards/{id}'],
    ['/runtime/actions/complete_quest/play', '/runtime/actions/{id}/play'],
    ['/admin/players/alice', '/admin/players/{id}'],
    ['/runtime/definitions/metrics', '/runtime/definitions/metrics'],
  ])('%s → %s', (route, template) => {
    expect(urlTemplate(route)).toBe(template);
  });

  it.each([
    '/runtime/teams/red',
    '/admin/players/alice/extra',
    '/runtime/leaderboards/',
    '/runtime/actions/a/b/play',
    '/runtime/actions//play',
    '/runtime/player/alice',
  ])('%s is not a known route', (route) => {
    expect(urlTemplate(route)).toBeUndefined();
  });
});
