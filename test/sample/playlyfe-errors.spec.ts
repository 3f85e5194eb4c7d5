import { afterEach, describe, expect, it } from '@jest/globals';
import { DEMO_CLIENT } from 'nestjs-playlyfe/testing';
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
  it("a Playlyfe 503 answers 503 with its code and a fixed message, not Playlyfe's text", async () => {
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
      message: 'Playlyfe is unavailable; try again later.',
    });
  });

  it('a dropped connection answers 503 network_error', async () => {
    const sample = await boot();
    embedded(sample).failRoute('POST', '/admin/players', 1, 'drop');
    const res = await sample.http().post('/players').send({ id: 'dropped' }).expect(503);
    expect(res.body).toMatchObject({ statusCode: 503, error: 'network_error' });
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
      message: 'Playlyfe did not answer in time.',
    });
  });

  it("Playlyfe rejecting the server's access token answers 502, not the caller's 401", async () => {
    const sample = await boot();
    embedded(sample).rejectAllTokens();
    const res = await sample.http().get('/players/alice').expect(502);
    expect(res.body).toMatchObject({ statusCode: 502, error: 'invalid_access_token' });
    expectNoSecrets(res.text);
  });

  it('a token endpoint that is down answers 503 with its code', async () => {
    const sample = await boot();
    embedded(sample).failTokenRequests(10);
    const res = await sample.http().get('/players/alice').expect(503);
    expect(res.body).toMatchObject({ statusCode: 503, error: 'service_unavailable' });
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

  it("a 403 access_denied (the server's client lacks the scope) answers 502", async () => {
    const sample = await boot();
    embedded(sample).failRoute('GET', '/runtime/notifications', 1, {
      status: 403,
      body: {
        error: 'access_denied',
        error_description: 'You are not allowed to access this api route',
      },
    });
    const res = await sample.http().get('/players/alice/notifications').expect(502);
    expect(res.body).toEqual({
      statusCode: 502,
      error: 'access_denied',
      message: "The server's Playlyfe client is not allowed to use this route.",
    });
  });
});
