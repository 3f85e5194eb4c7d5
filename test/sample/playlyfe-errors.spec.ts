import { afterEach, describe, expect, it } from '@jest/globals';
import { PlaylyfeApiError, PlaylyfeAuthError, PlaylyfeError } from 'nestjs-playlyfe';
import { DEMO_CLIENT } from 'nestjs-playlyfe/testing';
import { statusOf } from '../../sample/src/common/playlyfe-exception.filter.js';
import { bootSample, embedded, type SampleApp } from './sample-app.js';

let opened: SampleApp[] = [];

async function boot(env: Parameters<typeof bootSample>[0] = {}): Promise<SampleApp> {
  const sample = await bootSample(env);
  opened.push(sample);
  return sample;
}

afterEach(async () => {
  await Promise.all(opened.map((sample) => sample.close()));
  opened = [];
});

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(DEMO_CLIENT.secret);
  expect(text).not.toContain('access_token=');
}

describe('a failing Playlyfe, seen through the sample', () => {
  it("a Playlyfe 5xx answers the same status with Playlyfe's code and description", async () => {
    const sample = await boot();
    // GET is retried once on 503 by the library: both attempts fail.
    embedded(sample).failRoute('GET', '/runtime/player', 2, {
      status: 503,
      body: { error: 'service_unavailable', error_description: 'Playlyfe is down for maintenance' },
    });
    const res = await sample.http().get('/players/alice').expect(503);
    expect(res.body).toEqual({
      statusCode: 503,
      error: 'service_unavailable',
      message: 'Playlyfe is down for maintenance',
    });
  });

  it('a dropped connection answers 502 network_error', async () => {
    const sample = await boot();
    embedded(sample).failRoute('POST', '/admin/players', 1, 'drop');
    const res = await sample.http().post('/players').send({ id: 'dropped' }).expect(502);
    expect(res.body).toMatchObject({ statusCode: 502, error: 'network_error' });
    expect((res.body as { message: string }).message).toContain('POST /admin/players');
    expectNoSecrets(res.text);
  });

  it('a Playlyfe slower than PLAYLYFE_TIMEOUT_MS answers 504 timeout', async () => {
    const sample = await boot({ PLAYLYFE_TIMEOUT_MS: '300' });
    embedded(sample).setApiLatency(2_000);
    const started = Date.now();
    const res = await sample.http().get('/players/alice').expect(504);
    expect(Date.now() - started).toBeLessThan(1_900);
    expect(res.body).toEqual({
      statusCode: 504,
      error: 'timeout',
      message: 'Playlyfe call GET /runtime/player timed out after 300 ms',
    });
  });

  it("Playlyfe rejecting the server's access token answers 502, not the caller's 401", async () => {
    const sample = await boot();
    embedded(sample).rejectAllTokens();
    const res = await sample.http().get('/players/alice').expect(502);
    expect(res.body).toMatchObject({ statusCode: 502, error: 'invalid_access_token' });
    expectNoSecrets(res.text);
  });

  it('a failing token endpoint answers 502 with its code', async () => {
    const sample = await boot();
    embedded(sample).failTokenRequests(10);
    const res = await sample.http().get('/players/alice').expect(502);
    expect(res.body).toMatchObject({ statusCode: 502, error: 'service_unavailable' });
    expectNoSecrets(res.text);
  });

  it('a redirect (never followed) answers 502', async () => {
    const sample = await boot();
    embedded(sample).failRoute('POST', '/runtime/actions/prestige/play', 1, {
      status: 302,
      headers: { Location: 'https://elsewhere.example/' },
    });
    const res = await sample.http().post('/players/alice/actions/prestige').expect(502);
    expect(res.body).toMatchObject({ statusCode: 502 });
    expect(res.headers['location']).toBeUndefined();
  });

  it('a 403 access_denied keeps its status', async () => {
    const sample = await boot();
    embedded(sample).failRoute('GET', '/runtime/notifications', 1, {
      status: 403,
      body: {
        error: 'access_denied',
        error_description: 'You are not allowed to access this api route',
      },
    });
    const res = await sample.http().get('/players/alice/notifications').expect(403);
    expect(res.body).toEqual({
      statusCode: 403,
      error: 'access_denied',
      message: 'You are not allowed to access this api route',
    });
  });
});

describe('statusOf (the filter mapping)', () => {
  it.each([
    ['a 404', 404, new PlaylyfeApiError('m', { status: 404, code: 'player_not_found' })],
    ['a 409', 409, new PlaylyfeApiError('m', { status: 409, code: 'player_exists' })],
    ['a 429', 429, new PlaylyfeApiError('m', { status: 429, code: 'rate_limit_exceeded' })],
    ['a 500', 500, new PlaylyfeApiError('m', { status: 500, code: 'internal_error' })],
    [
      'a 401 from the API',
      502,
      new PlaylyfeApiError('m', { status: 401, code: 'invalid_access_token' }),
    ],
    ['an auth error', 502, new PlaylyfeAuthError('m', { status: 400, code: 'invalid_request' })],
    ['a timeout', 504, new PlaylyfeError('m', { code: 'timeout' })],
    ['bad input refused by the library', 400, new PlaylyfeError('m', { code: 'invalid_argument' })],
    ['a network error', 502, new PlaylyfeError('m', { code: 'network_error' })],
    ['a redirect', 502, new PlaylyfeApiError('m', { status: 302, code: 'http_error' })],
    ['an aborted call', 502, new PlaylyfeError('m', { code: 'aborted' })],
  ])('%s → %i', (_case, status, error) => {
    expect(statusOf(error)).toBe(status);
  });
});
