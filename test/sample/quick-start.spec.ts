import { describe, expect, it } from '@jest/globals';
import type { PlaylyfePlayResult, PlaylyfePlayer } from 'nestjs-playlyfe';
import { findPlaylyfeScore } from 'nestjs-playlyfe';
import { useEmbeddedSample } from './sample-app.js';

// The walkthrough of sample/README.md, step by step.
const booted = useEmbeddedSample();

describe('quick start', () => {
  it('a new player completes a 300-point quest: levels up to Hero and earns the Quest Master badge', async () => {
    const http = () => booted.sample.http();
    await http().post('/players').send({ id: 'newbie', alias: 'Newbie' }).expect(201);

    const played = await http()
      .post('/players/newbie/actions/complete_quest')
      .send({ variables: { points: 300 } })
      .expect(200);
    const { events } = played.body as PlaylyfePlayResult;
    expect(events.local.map((e) => e.event)).toEqual(['action', 'level', 'achievement']);
    expect(events.local[1]).toMatchObject({
      changes: [{ metric: { id: 'level', type: 'state' }, delta: { new: 'Hero' } }],
    });
    expect(events.local[2]).toMatchObject({
      changes: [
        {
          metric: { id: 'badges', type: 'set' },
          delta: { 'Quest Master': { old: null, new: '1' } },
        },
      ],
    });

    const profile = (await http().get('/players/newbie').expect(200)).body as PlaylyfePlayer;
    expect(findPlaylyfeScore(profile.scores, 'xp', 'point')?.value).toBe('300');
    expect(findPlaylyfeScore(profile.scores, 'level', 'state')?.value.name).toBe('Hero');
    const badges = findPlaylyfeScore(profile.scores, 'badges', 'set')?.value ?? [];
    expect(badges.filter((b) => b.count !== '0').map((b) => [b.name, b.count])).toEqual([
      ['Quest Master', '1'],
    ]);
  });
});
