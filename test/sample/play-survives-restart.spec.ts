import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { freePort } from '../fleet/fleet.js';
import { buildEmulatorCli, EmulatorProcess } from './emulator-process.js';
import { bootSample, score, type SampleApp } from './sample-app.js';

/**
 * sample/README.md's "A play survives an emulator restart", step by step: the emulator run
 * standalone (its CLI, in its own process), the sample pointed at it with the lines the CLI
 * prints, the emulator stopped, a quest posted, the emulator started again, the play applied.
 */
let cli: ReturnType<typeof buildEmulatorCli> | undefined;
let emulator: EmulatorProcess | undefined;
let sample: SampleApp | undefined;

function cliPath(): string {
  if (cli === undefined) throw new Error('the CLI is built in beforeAll');
  return cli.cli;
}

beforeAll(() => {
  cli = buildEmulatorCli();
});

afterAll(async () => {
  await sample?.close();
  await emulator?.stop();
  cli?.remove();
});

it('a quest posted while the emulator is down is applied once it is back, exactly once', async () => {
  const port = await freePort();
  emulator = await EmulatorProcess.start(cliPath(), port);
  expect(emulator.env).toEqual({
    PLAYLYFE_API_URL: `http://127.0.0.1:${port}`,
    PLAYLYFE_AUTH_URL: `http://127.0.0.1:${port}`,
    PLAYLYFE_CLIENT_ID: expect.any(String),
    PLAYLYFE_CLIENT_SECRET: expect.any(String),
  });
  sample = await bootSample(emulator.env);
  const before = await sample.http().get('/players/alice').expect(200);
  expect(score(before.body, 'xp')).toBe('120'); // the demo game's alice

  await emulator.stop();
  const now = await sample.http().post('/players/alice/quests/main/now').expect(503);
  expect(now.body).toMatchObject({ error: 'network_error' });
  const accepted = await sample.http().post('/players/alice/quests/main').expect(202);
  const { playId } = accepted.body as { playId: string };
  const held = await sample.http().get(`/plays/${playId}?wait=1500`).expect(202);
  expect(held.body).toEqual({ playId, status: 'queued' });

  emulator = await EmulatorProcess.start(cliPath(), port); // seeds the demo game again
  const outcome = await sample.http().get(`/plays/${playId}?wait=10000`).expect(200);
  expect(outcome.body).toMatchObject({
    playId,
    status: 'applied',
    playerId: 'alice',
    actionId: 'complete_quest',
    reconciled: false,
  });
  const { attempts, events } = outcome.body as { attempts: number; events: { event: string }[] };
  expect(attempts).toBeGreaterThan(1); // sent while the emulator was down, and refused by the socket
  expect(events.map((e) => e.event)).toEqual(['action', 'level', 'achievement']);
  const after = await sample.http().get('/players/alice').expect(200);
  expect(score(after.body, 'xp')).toBe('420'); // 120 + 300: applied once
}, 30_000);
