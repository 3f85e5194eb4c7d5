import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { inspect } from 'node:util';
import { PlaylyfeError } from '../../lib/index.js';
import { DEMO_CLIENT, type PlaylyfeEmulator } from '../../lib/testing/index.js';
import {
  createPlaylyfeClient,
  startEmulator,
  type PlaylyfeTestClient,
} from '../utils/playlyfe-client.js';

const grapheme = (min: number, max: number) =>
  fc.string({ unit: 'grapheme', minLength: min, maxLength: max });

let emulator: PlaylyfeEmulator;
let shared: PlaylyfeTestClient;

beforeAll(async () => {
  emulator = await startEmulator();
  shared = await createPlaylyfeClient(emulator);
});

afterAll(async () => {
  await shared.close();
  await emulator.stop();
});

function reachable(error: unknown): string {
  const e = error as Error;
  return [
    e.message,
    e.stack,
    JSON.stringify(e),
    inspect(e, { depth: Infinity, showHidden: true }),
  ].join('\n');
}

describe('over HTTP, generated inputs', () => {
  it('any player id, alone or with a query value, reaches the server exactly as given', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        grapheme(1, 24),
        fc.option(grapheme(0, 24), { nil: undefined }),
        async (id, value) => {
          const unique = `${n++}:${id}`;
          await shared.playlyfe.players.create({ id: unique, alias: 'Generated' });
          // Without a query, the call takes the player-id-only URL fast path.
          const profile = await shared.playlyfe.get<{ id: string }>('/runtime/player', {
            playerId: unique,
            query: value === undefined ? undefined : { echo: value },
          });
          expect(profile.id).toBe(unique);
          const entry = emulator.requestLog.at(-1);
          expect(entry?.query['player_id']).toBe(unique);
          expect(entry?.query['echo']).toBe(value);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('no error or log line holds a generated secret or the token, whatever the server echoes', async () => {
    await fc.assert(
      fc.asyncProperty(grapheme(10, 40), grapheme(1, 20), async (secret, playerId) => {
        const wrong = await createPlaylyfeClient(emulator, {
          clientSecret: secret,
          tokenRetry: { attempts: 1 },
        });
        try {
          emulator.failTokenRequests(1, {
            status: 400,
            body: {
              error: 'invalid_request',
              error_description: `echo ${secret}`,
              data: { secret, playerId },
            },
          });
          const echoed = await wrong.playlyfe
            .get('/runtime/player', { playerId })
            .catch((e: unknown) => e);
          const rejected = await wrong.playlyfe
            .get('/runtime/player', { playerId })
            .catch((e: unknown) => e);
          for (const error of [echoed, rejected]) {
            expect(error).toBeInstanceOf(PlaylyfeError);
            expect(reachable(error)).not.toContain(secret);
          }
          expect(wrong.logger.lines.join('\n')).not.toContain(secret);
        } finally {
          await wrong.close();
        }

        const token = await shared.tokens.getAccessToken();
        emulator.failRoute('GET', '/runtime/player', 1, {
          status: 400,
          body: {
            error: 'validation_exception',
            error_description: `${token} ${DEMO_CLIENT.secret}`,
            data: [token],
          },
        });
        const apiError = await shared.playlyfe
          .get('/runtime/player', { playerId })
          .catch((e: unknown) => e);
        expect(apiError).toBeInstanceOf(PlaylyfeError);
        expect(reachable(apiError)).not.toContain(token);
        expect(reachable(apiError)).not.toContain(DEMO_CLIENT.secret);
      }),
      { numRuns: 20 },
    );
    expect(JSON.stringify(emulator.requestLog)).not.toContain(await shared.tokens.getAccessToken());
  });
});
