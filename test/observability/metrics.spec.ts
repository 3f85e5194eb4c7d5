import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { TestClock } from '../utils/test-clock.js';
import { startOtel, type OtelHarness } from './otel-harness.js';

const suite = useEmulatorSuite(undefined, { tokenRetry: { attempts: 1 } });
let otel: OtelHarness;

beforeEach(() => {
  otel = startOtel();
});
afterEach(async () => {
  await otel.shutdown();
});

const quota = (code: string) => ({
  status: 429,
  body: { error: code, error_description: `${code} (fault injected)` },
});

describe('metrics', () => {
  it('playlyfe.client.request.duration: seconds, by method, url.template, status or error.type, and client', async () => {
    const { playlyfe } = await suite.open();
    await playlyfe.get('/runtime/player', { playerId: 'alice' });
    await playlyfe.get('/runtime/player', { playerId: 'bob' });
    suite.emulator.failRoute('GET', '/runtime/player', 1, quota('rate_limit_exceeded'));
    await expect(playlyfe.get('/runtime/player', { playerId: 'alice' })).rejects.toThrow();
    const points = await otel.points('playlyfe.client.request.duration');
    expect(points.map((point) => point.attributes)).toEqual([
      {
        'http.request.method': 'GET',
        'server.address': '127.0.0.1',
        'playlyfe.client': 'default',
        'url.template': '/runtime/player',
        'http.response.status_code': 200,
      },
      {
        'http.request.method': 'GET',
        'server.address': '127.0.0.1',
        'playlyfe.client': 'default',
        'url.template': '/runtime/player',
        'http.response.status_code': 429,
        'error.type': 'rate_limit_exceeded',
      },
    ]);
    const ok = points[0].value as Histogram;
    expect(ok.count).toBe(2);
    // Seconds, not milliseconds: two loopback calls take well under a minute.
    expect(ok.sum).toBeGreaterThan(0);
    expect(ok.sum).toBeLessThan(60);
    expect(ok.buckets.boundaries).toContain(0.005);
  });

  it('playlyfe.client.token.requests: one per refresh, by outcome', async () => {
    suite.emulator.failTokenRequests(1);
    const clock = new TestClock();
    const { playlyfe } = await suite.open({}, clock);
    await expect(playlyfe.get('/runtime/player', { playerId: 'alice' })).rejects.toMatchObject({
      code: 'service_unavailable',
    });
    clock.advance(1_000); // the failure cooldown
    await Promise.all([
      playlyfe.get('/runtime/player', { playerId: 'alice' }),
      playlyfe.get('/runtime/player', { playerId: 'bob' }),
    ]);
    const points = await otel.points('playlyfe.client.token.requests');
    expect(
      points.map((point) => [point.attributes['playlyfe.token.outcome'], point.value]),
    ).toEqual([
      ['service_unavailable', 1],
      ['issued', 1],
    ]);
    expect(points[0].attributes['playlyfe.client']).toBe('default');
  });

  it('counts refresh-and-retries after a rejected token, and quota answers by error.type', async () => {
    const { playlyfe } = await suite.open();
    await playlyfe.get('/runtime/player', { playerId: 'alice' });
    suite.emulator.revokeAllTokens();
    await Promise.all([
      playlyfe.get('/runtime/player', { playerId: 'alice' }),
      playlyfe.get('/runtime/player', { playerId: 'bob' }),
    ]);
    suite.emulator.failRoute('GET', '/runtime/player', 2, quota('plan_limit_exceeded'));
    suite.emulator.failRoute(
      'POST',
      '/runtime/actions/complete_quest/play',
      1,
      quota('rate_limit_exceeded'),
    );
    for (let i = 0; i < 2; i++) {
      await expect(playlyfe.get('/runtime/player', { playerId: 'alice' })).rejects.toThrow();
    }
    await expect(playlyfe.forPlayer('alice').play('complete_quest')).rejects.toThrow();
    const rejections = await otel.points('playlyfe.client.token.rejections');
    expect(rejections.map((point) => [point.attributes, point.value])).toEqual([
      [{ 'playlyfe.client': 'default' }, 2],
    ]);
    const exceeded = await otel.points('playlyfe.client.quota.exceeded');
    expect(exceeded.map((point) => [point.attributes['error.type'], point.value])).toEqual([
      ['plan_limit_exceeded', 2],
      ['rate_limit_exceeded', 1],
    ]);
  });
});
