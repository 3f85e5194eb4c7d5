import { describe, expect, it } from '@jest/globals';
import { InMemoryTokenStore, PlaylyfeAuthError } from '../../lib/index.js';
import { tokenLifetimeMs } from '../../lib/auth/token-lifetime.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { TestClock } from '../utils/test-clock.js';

const suite = useEmulatorSuite();
const DAY_MS = 86_400_000;

describe('expires_in of a token answer', () => {
  it.each([
    [3600, 3_600_000],
    ['3600', 3_600_000],
    [1, 1_000],
    [86_400, DAY_MS],
    [86_401, DAY_MS],
    [1e10, DAY_MS],
    ['999999999999999', DAY_MS],
  ])('%p is a lifetime of %p ms (at most a day)', (expiresIn, ms) => {
    expect(tokenLifetimeMs(expiresIn)).toBe(ms);
  });

  it.each([
    '0x10',
    '1e3',
    ' 60',
    '60 ',
    '-5',
    '+5',
    '3.5',
    '',
    '9999999999999999',
    1e308,
    Infinity,
    NaN,
    0.001,
    0.5,
    0,
    -1,
    3600.5,
    null,
    true,
    [60],
    { seconds: 60 },
  ])('%p is refused', (expiresIn) => {
    expect(tokenLifetimeMs(expiresIn)).toBeUndefined();
  });
});

describe('a token endpoint answering a hostile expires_in', () => {
  it.each([['0x10'], [1e308], [0.001], ['1e3']])(
    'expires_in %p: the call fails with invalid_token_response before any API call',
    async (expiresIn) => {
      const store = new InMemoryTokenStore();
      const c = await suite.open({ tokenStore: store, tokenRetry: { attempts: 1 } });
      suite.emulator.failTokenRequests(1, {
        status: 200,
        body: { access_token: 'hostile-token', token_type: 'Bearer', expires_in: expiresIn },
      });
      const error = await c.playlyfe
        .get('/runtime/player', { playerId: 'alice' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlaylyfeAuthError);
      expect(error).toMatchObject({ code: 'invalid_token_response' });
      expect(suite.emulator.stats.apiRequests).toBe(0);
    },
  );

  it('a lifetime over a day is used for a day: the token is renewed within 24 h', async () => {
    const clock = new TestClock();
    const c = await suite.open({}, clock);
    suite.emulator.failTokenRequests(1, {
      status: 200,
      body: { access_token: 'a-ten-year-token', token_type: 'Bearer', expires_in: 315_360_000 },
    });
    expect(await c.tokens.getAccessToken()).toBe('a-ten-year-token');
    clock.advance(DAY_MS);
    const renewed = await c.tokens.getAccessToken();
    expect(renewed).not.toBe('a-ten-year-token');
    expect(suite.emulator.stats.tokenRequests).toBe(2);
  });
});
