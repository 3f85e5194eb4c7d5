import { afterEach, describe, expect, it } from '@jest/globals';
import type { Subscription } from 'rxjs';
import type { PlaylyfeActivityEvent } from '../../lib/index.js';
import { delay } from '../utils/playlyfe-client.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';

// activity$ over real HTTP against the emulator; polls and failures are counted at the server.
const suite = useEmulatorSuite();
const subscriptions: Subscription[] = [];
afterEach(() => {
  for (const s of subscriptions.splice(0)) s.unsubscribe();
});

/** Waits until `condition` holds (checked every 5 ms); fails after 10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

/** The count once it has not changed for 300 ms; fails if it keeps changing for 10 s. */
async function settledCount(count: () => number): Promise<number> {
  for (let waited = 0; waited < 10_000; waited += 300) {
    const before = count();
    await delay(300);
    if (count() === before) return before;
  }
  throw new Error('the count never settled');
}

const polls = (route: string, status?: number): number =>
  suite.emulator.requestLog.filter(
    (e) => e.route === route && (status === undefined || e.status === status),
  ).length;

/** Subscribes, collecting what the stream emits and how it ends. */
function watch(stream: { subscribe: (o: object) => Subscription }) {
  const events: PlaylyfeActivityEvent[] = [];
  const errors: unknown[] = [];
  subscriptions.push(
    stream.subscribe({
      next: (e: PlaylyfeActivityEvent) => events.push(e),
      error: (e: unknown) => errors.push(e),
    }),
  );
  return { events, errors };
}

describe('activity$', () => {
  it('emits each new event once, though later polls read it again', async () => {
    const { playlyfe } = await suite.open();
    await playlyfe.players.create({ id: 'streamer' });
    const route = '/admin/players/streamer/activity';
    const seen = watch(playlyfe.players.activity$('streamer', { every: 10 }));
    await until(() => polls(route) >= 1, 'the first poll');

    const played: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const result = await playlyfe.forPlayer('streamer').play('complete_quest', { points: 10 });
      played.push(...result.events.local.map((e) => e.id));
      await until(() => seen.events.length === played.length, `play ${i} to be emitted`);
    }
    const pollsSoFar = polls(route);
    await until(() => polls(route) >= pollsSoFar + 3, 'three more polls');

    expect(seen.events.map((e) => e.id)).toEqual(played);
    expect(seen.errors).toEqual([]);
    // The last poll's window still held every event: the stream read them again and did not emit them.
    const last = suite.emulator.requestLog.filter((e) => e.route === route).at(-1);
    const reread = await playlyfe.players.activity('streamer', {
      start: last?.query['start'],
      end: last?.query['end'],
    });
    expect(reread.map((e) => e.id)).toEqual(played);
  });

  it('a level-up and a badge of one play, sharing a timestamp, are emitted once each', async () => {
    const { playlyfe } = await suite.open();
    const seen = watch(playlyfe.activity$({ every: 10 }));
    await until(() => polls('/admin/activity') >= 1, 'the first poll');
    await playlyfe.forPlayer('dave').play('complete_quest', { points: 300 });
    const dave = () => seen.events.filter((e) => e.actor?.id === 'dave');
    await until(() => dave().length >= 3, 'the three events');
    const after = polls('/admin/activity');
    await until(() => polls('/admin/activity') >= after + 3, 'three more polls');
    expect(dave().map((e) => e.event)).toEqual(['action', 'level', 'achievement']);
    const [, level, badge] = dave();
    expect(level.timestamp).toBe(badge.timestamp);
  });

  it('since replays the feed from a past time', async () => {
    const { playlyfe } = await suite.open();
    const since = new Date();
    const result = await playlyfe.forPlayer('alice').play('daily_bonus');
    const seen = watch(playlyfe.players.activity$('alice', { since, every: 10 }));
    await until(() => seen.events.length >= 1, 'the replayed event');
    expect(seen.events.map((e) => e.id)).toEqual(result.events.local.map((e) => e.id));
  });

  it('measures its windows on the clock it is given: an emulator clock moved to 2030', async () => {
    const { playlyfe } = await suite.open();
    const { emulator } = suite;
    emulator.setClock(Date.parse('2030-01-01T10:00:00Z'));
    try {
      const clock = () => emulator.now().getTime();
      const onDate = watch(playlyfe.players.activity$('bob', { every: 10 }));
      const onEmulator = watch(playlyfe.players.activity$('bob', { every: 10, clock }));
      await until(() => polls('/admin/players/bob/activity') >= 2, 'the first polls');
      const result = await playlyfe.forPlayer('bob').play('daily_bonus');
      expect(result.events.local[0]?.timestamp).toMatch(/^2030-01-01T10:/);
      await until(() => onEmulator.events.length >= 1, 'the event');
      expect(onEmulator.events.map((e) => e.id)).toEqual(result.events.local.map((e) => e.id));
      // On the machine's clock the 2030 event lies outside every window.
      const after = polls('/admin/players/bob/activity');
      await until(() => polls('/admin/players/bob/activity') >= after + 4, 'more polls');
      expect(onDate.events).toEqual([]);
    } finally {
      emulator.setClock(Date.now());
    }
  });

  it('failed polls are retried with backoff and lose nothing', async () => {
    const { playlyfe } = await suite.open();
    const route = '/admin/players/carol/activity';
    suite.emulator.failRoute('GET', route, 2, {
      status: 500,
      body: { error: 'internal_error', error_description: 'injected' },
    });
    const seen = watch(playlyfe.players.activity$('carol', { every: 10, maxBackoffMs: 40 }));
    const result = await playlyfe.forPlayer('carol').play('daily_bonus');
    await until(() => seen.events.length >= 1, 'the event after the failures');
    expect(polls(route, 500)).toBe(2);
    expect(polls(route, 200)).toBeGreaterThanOrEqual(1);
    expect(seen.events.map((e) => e.id)).toEqual(result.events.local.map((e) => e.id));
    expect(seen.errors).toEqual([]);
  });

  it('a permanent failure errors the stream and stops it', async () => {
    const { playlyfe } = await suite.open();
    const unknown = watch(playlyfe.players.activity$('nobody', { every: 10 }));
    await until(() => unknown.errors.length === 1, 'the error');
    expect(unknown.errors[0]).toMatchObject({ status: 404, code: 'player_not_found' });

    const invalid = watch(playlyfe.activity$({ every: -5 }));
    expect(invalid.errors).toEqual([expect.objectContaining({ code: 'invalid_argument' })]);

    await delay(100);
    expect(polls('/admin/players/nobody/activity')).toBe(1);
    expect(polls('/admin/activity')).toBe(0);
  });

  it('unsubscribing between polls: no request reaches the server afterwards', async () => {
    const { playlyfe } = await suite.open();
    const route = '/admin/teams/team_guild/activity';
    const subscription = playlyfe.teams.activity$('team_guild', { every: 200 }).subscribe();
    subscriptions.push(subscription);
    await until(() => polls(route) >= 2, 'two polls');
    subscription.unsubscribe(); // the next poll was only scheduled
    const atUnsubscribe = polls(route);
    await delay(600);
    expect(polls(route)).toBe(atUnsubscribe);
  });

  it('unsubscribing during polls: at most the poll in flight reaches the server afterwards', async () => {
    const { playlyfe } = await suite.open();
    const route = '/admin/teams/team_watch/activity';
    suite.emulator.setApiLatency(20);
    const subscription = playlyfe.teams.activity$('team_watch', { every: 1 }).subscribe();
    subscriptions.push(subscription);
    await until(() => polls(route) >= 3, 'three polls');
    subscription.unsubscribe();
    const atUnsubscribe = polls(route);
    // Polling every 1 ms, the count settles only if polling stopped.
    const settled = await settledCount(() => polls(route));
    expect(settled - atUnsubscribe).toBeLessThanOrEqual(1);
  });
});
