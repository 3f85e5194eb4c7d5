import { afterEach, expect, it } from '@jest/globals';
import type { PlaylyfeEmulator } from '../lib/testing/index.js';
import { createPlaylyfeClient, startEmulator } from './utils/playlyfe-client.js';

let emulator: PlaylyfeEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
});

it('a call aborted before it starts, then the module closed during the token request: no unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const keep = (reason: unknown): number => unhandled.push(reason);
  process.on('unhandledRejection', keep);
  try {
    emulator = await startEmulator();
    emulator.setTokenLatency(200);
    const client = await createPlaylyfeClient(emulator);
    const error = await client.playlyfe
      .get('/runtime/player', { playerId: 'alice', signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'aborted' });
    await client.close();
    // Long enough for the cancelled token request to settle and a rejection to be reported.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', keep);
  }
});
