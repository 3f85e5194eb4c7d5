import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { PlaylyfeTokenService } from 'nestjs-playlyfe';
import { DEMO_CLIENT } from '../../lib/testing/index.js';
import { startTracing } from '../../sample/src/tracing.js';
import { bootSample, type SampleApp } from '../sample/sample-app.js';

let sample: SampleApp | undefined;
let stopTracing: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sample?.close();
  await stopTracing?.();
  sample = stopTracing = undefined;
  jest.restoreAllMocks();
});

describe('the sample app', () => {
  it('GET /health: up, without spending an API call', async () => {
    sample = await bootSample();
    const answer = await sample.http().get('/health').expect(200);
    expect(answer.body).toMatchObject({
      status: 'ok',
      info: { playlyfe: { status: 'up', client: 'default' } },
    });
    expect(sample.emulator?.stats).toMatchObject({ tokenRequests: 1, apiRequests: 0 });
  });

  it('OTEL_TRACES_EXPORTER=console prints the spans of the quick start calls, without the token', async () => {
    const printed: unknown[] = [];
    jest.spyOn(console, 'dir').mockImplementation((item) => printed.push(item));
    stopTracing = await startTracing({ OTEL_TRACES_EXPORTER: 'console' });
    sample = await bootSample();
    await sample.http().get('/players/alice').expect(200);
    await sample.http().get('/leaderboards/xp_leaderboard').expect(200);
    const token = await sample.app.get(PlaylyfeTokenService).getAccessToken();
    const spans = printed as { name: string; instrumentationScope: { name: string } }[];
    expect(spans.map((span) => [span.instrumentationScope.name, span.name])).toEqual([
      ['nestjs-playlyfe', 'playlyfe.token'],
      ['nestjs-playlyfe', 'GET /runtime/player'],
      ['nestjs-playlyfe', 'GET /runtime/leaderboards/{id}'],
    ]);
    expect(JSON.stringify(printed)).not.toContain(token);
    expect(JSON.stringify(printed)).not.toContain(DEMO_CLIENT.secret);
  });

  it('prints nothing and loads no SDK without the variable', async () => {
    expect(await startTracing({})).toBeUndefined();
  });
});
