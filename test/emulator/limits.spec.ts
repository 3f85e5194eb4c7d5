/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read the emulator's untyped JSON answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlaylyfeEmulator, type EmulatorGameSeed } from '../../lib/testing/index.js';
import { DemoCaller, expectError, tokenFor, useStartedEmulator } from './emulator-helpers.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const game: EmulatorGameSeed = {
  metrics: [{ id: 'pts', name: 'Points' }],
  actions: [
    {
      id: 'hourly',
      name: 'Hourly',
      rewards: [{ metric: 'pts', verb: 'add', value: 1 }],
      playLimit: { times: 1, every: 'hour' },
    },
    {
      id: 'weekly',
      name: 'Weekly',
      rewards: [{ metric: 'pts', verb: 'add', value: 1 }],
      playLimit: { times: 2, every: 'week' },
    },
    {
      id: 'monthly',
      name: 'Monthly',
      rewards: [{ metric: 'pts', verb: 'add', value: 1 }],
      playLimit: { times: 1, every: 'month' },
    },
    {
      id: 'daily',
      name: 'Daily',
      rewards: [{ metric: 'pts', verb: 'add', value: 1 }],
      playLimit: 1,
    },
  ],
  leaderboards: [],
  players: [{ id: 'p' }, { id: 'q' }],
};

describe('emulator play limits per time window, on the emulator clock', () => {
  // a Wednesday, 10:30 UTC
  const emulator = new PlaylyfeEmulator({ game, clockStart: new Date('2030-01-09T10:30:00Z') });
  const demo = new DemoCaller(emulator);
  const play = (action: string, player = 'p') =>
    demo.asPlayer(player, 'POST', `/runtime/actions/${action}/play`, { body: {} });

  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('starts the clock where the option says', () => {
    expect(emulator.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2030-01-09T10:30:00Z'));
  });

  it('allows an hourly action again in the next UTC hour, not within the same one', async () => {
    expect((await play('hourly')).status).toBe(200);
    emulator.advanceClock(20 * 60 * 1000); // 10:50
    const limited = await play('hourly');
    expectError(limited, 429, 'rate_limit_exceeded');
    expect(limited.body.error_description).toBe(
      "The Action 'hourly' can only be triggered 1 times every hour",
    );
    expect((await play('hourly', 'q')).status).toBe(200);
    emulator.advanceClock(15 * 60 * 1000); // 11:05
    expect((await play('hourly')).status).toBe(200);
  });

  it('counts a number limit per UTC day', async () => {
    emulator.setClock(new Date('2030-01-09T23:59:00Z'));
    expect((await play('daily')).status).toBe(200);
    expectError(await play('daily'), 429, 'rate_limit_exceeded');
    emulator.advanceClock(2 * 60 * 1000); // 00:01 the next day
    expect((await play('daily')).status).toBe(200);
  });

  it('counts a weekly limit from Monday and a monthly limit from the 1st', async () => {
    emulator.setClock(new Date('2030-01-27T12:00:00Z')); // a Sunday
    expect((await play('weekly')).status).toBe(200);
    expect((await play('weekly')).status).toBe(200);
    expectError(await play('weekly'), 429, 'rate_limit_exceeded');
    expect((await play('monthly')).status).toBe(200);
    emulator.advanceClock(DAY); // Monday the 28th: a new week, the same month
    expect((await play('weekly')).status).toBe(200);
    expectError(await play('monthly'), 429, 'rate_limit_exceeded');
    emulator.setClock(new Date('2030-02-01T00:00:00Z'));
    expect((await play('monthly')).status).toBe(200);
  });

  it('keeps the lifetime play count in the actions list', async () => {
    const actions = (await demo.asPlayer('p', 'GET', '/runtime/actions')).body as {
      id: string;
      count: number;
    }[];
    expect(actions.find((a) => a.id === 'daily')?.count).toBe(2);
  });

  it('rejects a bad clock move', () => {
    expect(() => emulator.advanceClock(Number.NaN)).toThrow(RangeError);
    expect(() => emulator.setClock(new Date('nope'))).toThrow(RangeError);
  });
});

describe('emulator plan quota (apiCallLimit)', () => {
  const { emulator, demo } = useStartedEmulator({ apiCallLimit: 2 });

  it('answers plan_limit_exceeded once the API calls are spent; token requests do not count', async () => {
    await tokenFor(emulator.url);
    expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).status).toBe(200);
    expect((await demo.call('GET', '/admin')).status).toBe(200);
    expect(emulator.apiCallsUsed).toBe(2);
    const spent = await demo.asPlayer('bob', 'GET', '/runtime/player');
    expectError(spent, 429, 'plan_limit_exceeded');
    expect(emulator.stats.byStatus['429']).toBe(1);
    emulator.setApiCallLimit(undefined);
    expect((await demo.asPlayer('bob', 'GET', '/runtime/player')).status).toBe(200);
    expect(() => emulator.setApiCallLimit(-1)).toThrow(RangeError);
    expect(() => new PlaylyfeEmulator({ apiCallLimit: 1.5 })).toThrow(RangeError);
  });
});
