import { beforeAll, describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { PlaylyfeApiError } from '../../lib/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { sendsPerCall, type PlaylyfeTestClient } from '../utils/playlyfe-client.js';

const ROUTE = '/runtime/definitions/metrics';
const playerId = 'token-rejection-player';
const suite = useEmulatorSuite();

beforeAll(async () => {
  const setup = await suite.open();
  await setup.playlyfe.post('/admin/players', { id: playerId, alias: 'Rejection' });
});

const call = (c: PlaylyfeTestClient, tag: string): Promise<unknown> =>
  c.playlyfe.get(ROUTE, { playerId, query: { call: tag } });

describe('a rejected token', () => {
  it('a stream body answered 401 is sent once, and its token is dropped: the next call pays no 401', async () => {
    const c = await suite.open();
    await call(c, 'warm');
    suite.emulator.revokeAllTokens();
    suite.emulator.resetStats();

    const error = await c.playlyfe
      .post('/admin/players', Readable.from([JSON.stringify({ id: 'streamed', alias: 'S' })]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeApiError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_access_token' });
    expect(suite.emulator.stats.byRoute['POST /admin/players']).toBe(1);

    await expect(call(c, 'next')).resolves.toBeDefined();
    expect(sendsPerCall(suite.emulator).get('next')).toBe(1);
    expect(suite.emulator.stats.unauthorized).toBe(1);
    expect(suite.emulator.stats.tokenRequests).toBe(1);
  });

  it.each([400, 403, 404])(
    'invalid_access_token in the body of a %d answer: the token is renewed and the call sent once more',
    async (status) => {
      const c = await suite.open();
      await call(c, 'warm');
      suite.emulator.resetStats();
      suite.emulator.failRoute('GET', ROUTE, 1, {
        status,
        body: { error: 'invalid_access_token', error_description: 'The access token is invalid' },
      });

      await expect(call(c, 'rejected')).resolves.toBeDefined();
      expect(sendsPerCall(suite.emulator).get('rejected')).toBe(2);
      expect(suite.emulator.stats.tokenRequests).toBe(1);
    },
  );

  it('another error code in a 400 answer is not a token rejection', async () => {
    const c = await suite.open();
    await call(c, 'warm');
    suite.emulator.resetStats();
    suite.emulator.failRoute('GET', ROUTE, 1, {
      status: 400,
      body: { error: 'invalid_request', error_description: 'invalid_access_token is not the code' },
    });

    await expect(call(c, 'bad')).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    expect(sendsPerCall(suite.emulator).get('bad')).toBe(1);
    expect(suite.emulator.stats.tokenRequests).toBe(0);
  });
});
