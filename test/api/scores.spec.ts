import { describe, expect, it } from '@jest/globals';
import {
  findPlaylyfeScore,
  isPlaylyfeChange,
  isPlaylyfeScore,
  type PlaylyfeEvent,
} from '../../lib/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';

// Shapes recorded in foton/playlyfe-ruby-client test/stubbed_api/v2_expected_responses.rb
// (full_profile_hash_for_player1, level_up_event_hash, achievement_event_hash).
const suite = useEmulatorSuite();

describe('scores of the four metric kinds', () => {
  it('a profile types point, compound, state and set scores by metric kind', async () => {
    const { playlyfe } = await suite.open();
    const { scores } = await playlyfe.players.get('alice');

    expect(findPlaylyfeScore(scores, 'xp', 'point')?.value).toBe('120');
    expect(findPlaylyfeScore(scores, 'power', 'compound')?.value).toBe('120');

    const level = findPlaylyfeScore(scores, 'level', 'state');
    expect(level?.value).toEqual({ name: 'Adventurer', description: expect.any(String) });
    expect(level?.meta).toEqual({
      high: '250',
      low: '100',
      base_metric: { id: 'xp', name: 'Experience' },
    });

    const badges = findPlaylyfeScore(scores, 'badges', 'set');
    expect(badges?.value.map((item) => item.name)).toEqual(
      expect.arrayContaining(['Quest Master', 'Star']),
    );
    for (const item of badges?.value ?? []) {
      expect(item).toEqual({
        name: expect.any(String),
        description: expect.any(String),
        count: '0',
      });
    }

    // The kind is part of the lookup: a level is not a number.
    expect(findPlaylyfeScore(scores, 'level', 'point')).toBeUndefined();
    expect(scores.filter((s) => isPlaylyfeScore(s, 'state')).map((s) => s.value.name)).toEqual([
      'Adventurer',
    ]);
  });

  it('metric definitions carry the kind, and formula, states or items by kind', async () => {
    const { playlyfe } = await suite.open();
    const metrics = await playlyfe.forPlayer('bob').metrics();
    const byId = new Map(metrics.map((m) => [m.id, m]));
    expect(byId.get('xp')).toEqual({
      id: 'xp',
      name: 'Experience',
      type: 'point',
      description: expect.any(String),
    });
    expect(byId.get('power')).toMatchObject({ type: 'compound', formula: expect.any(String) });
    expect(Object.keys(byId.get('level')?.states ?? {})).toEqual(['Novice', 'Adventurer', 'Hero']);
    expect(byId.get('badges')).toMatchObject({ type: 'set', items: { 'Quest Master': {} } });
  });
});

describe('a play that levels up and earns a badge', () => {
  it('answers the action, level and achievement events, typed by kind', async () => {
    const { playlyfe } = await suite.open();
    const result = await playlyfe.forPlayer('carol').play('complete_quest', { points: 150 });

    const kinds = result.events.local.map((e: PlaylyfeEvent) => e.event);
    expect(kinds).toEqual(['action', 'level', 'achievement']);
    expect(result.actions.map((a) => a.id)).toEqual(
      expect.arrayContaining(['complete_quest', 'buy_item', 'prestige', 'daily_bonus']),
    );

    for (const event of result.events.local) {
      switch (event.event) {
        case 'action':
          expect(event.action.id).toBe('complete_quest');
          expect(event.scopes).toEqual([]);
          expect(event.changes.filter((c) => isPlaylyfeChange(c, 'point'))).toContainEqual({
            metric: { id: 'xp', name: 'Experience', type: 'point' },
            delta: { old: '120', new: '270' },
          });
          break;
        case 'level': {
          expect(event.rule.id).toEqual(expect.any(String));
          const level = event.changes.find((c) => isPlaylyfeChange(c, 'state'));
          expect(level?.delta).toEqual({ old: 'Adventurer', new: 'Hero' });
          break;
        }
        case 'achievement': {
          const badge = event.changes.find((c) => isPlaylyfeChange(c, 'set'));
          expect(badge && isPlaylyfeChange(badge, 'set') && badge.delta['Quest Master']).toEqual({
            old: null,
            new: '1',
          });
          break;
        }
        default:
          throw new Error(`unexpected event ${event.event}`);
      }
    }

    const { scores } = await playlyfe.players.get('carol');
    expect(findPlaylyfeScore(scores, 'level', 'state')).toMatchObject({
      value: { name: 'Hero' },
      meta: { high: 'Infinity', low: '250' },
    });
    const badges = findPlaylyfeScore(scores, 'badges', 'set')?.value ?? [];
    expect(badges.find((b) => b.name === 'Quest Master')?.count).toBe('1');
  });
});
