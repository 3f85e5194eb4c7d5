import { describe, expect, it } from '@jest/globals';
import { PlaylyfeError } from '../../lib/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';

const suite = useEmulatorSuite();

describe('a caller waiting for a token', () => {
  it.each([
    { ends: 'timeoutMs', code: 'timeout' },
    { ends: 'signal', code: 'aborted' },
  ])(
    'its $ends ends the wait: it fails with $code before the token arrives',
    async ({ ends, code }) => {
      const c = await suite.open(ends === 'timeoutMs' ? { timeoutMs: 100 } : {});
      suite.emulator.setTokenLatency(1000);
      const controller = new AbortController();
      const call = c.playlyfe.get('/runtime/player', {
        playerId: 'alice',
        signal: controller.signal,
      });
      // The same token request, awaited without a bound: it settles when the token arrives.
      const token = c.tokens.getAccessToken();
      if (ends === 'signal') setTimeout(() => controller.abort(), 100);

      const first = await Promise.race([
        call.then(
          () => 'call succeeded',
          (error: unknown) => error,
        ),
        token.then(() => 'token arrived'),
      ]);

      expect(first).toBeInstanceOf(PlaylyfeError);
      expect(first).toMatchObject({ code, route: '/runtime/player' });
      await token;
      expect(suite.emulator.stats.tokenRequests).toBe(1);
      expect(suite.emulator.stats.apiRequests).toBe(0);
    },
  );
});
