import { afterEach, describe, expect, it } from '@jest/globals';
import { ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, TerminusModule, type HealthCheckResult } from '@nestjs/terminus';
import terminusPackage from '@nestjs/terminus/package.json' with { type: 'json' };
import { Test } from '@nestjs/testing';
import {
  PlaylyfeModule,
  PlaylyfeService,
  PlaylyfeTokenService,
  getPlaylyfeTokenServiceToken,
} from 'nestjs-playlyfe';
import { PlaylyfeHealthIndicator, type PlaylyfeHealthCheckOptions } from 'nestjs-playlyfe/terminus';
import { DEMO_CLIENT } from '../../lib/testing/index.js';
import { CaptureLogger } from '../utils/capture-logger.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { emulatorOptions } from '../utils/playlyfe-client.js';
import { TestClock } from '../utils/test-clock.js';
import { PLAYLYFE_CLOCK } from '../../lib/playlyfe.constants.js';
import { systemClock, type PlaylyfeClock } from '../../lib/utils/clock.js';

const suite = useEmulatorSuite();
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((module) => module.close()));
});

/** An app as the README sets it up: TerminusModule, the indicator in `providers`, a default and a named client. */
async function healthApp(clock: PlaylyfeClock = systemClock) {
  const options = emulatorOptions(suite.emulator, { tokenRetry: { attempts: 1 } });
  const module = await Test.createTestingModule({
    imports: [
      TerminusModule,
      PlaylyfeModule.forRoot(options),
      PlaylyfeModule.forRoot({ ...options, name: 'scores' }),
    ],
    providers: [PlaylyfeHealthIndicator],
  })
    .overrideProvider(PLAYLYFE_CLOCK)
    .useValue(clock)
    .setLogger(new CaptureLogger())
    .compile();
  await module.init();
  opened.push(module);
  const health = module.get(HealthCheckService);
  const playlyfe = module.get(PlaylyfeHealthIndicator);
  const check = async (options?: PlaylyfeHealthCheckOptions): Promise<HealthCheckResult> => {
    try {
      return await health.check([() => playlyfe.isHealthy('playlyfe', options)]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException)
        return error.getResponse() as HealthCheckResult;
      throw error;
    }
  };
  return { module, check };
}

describe('PlaylyfeHealthIndicator with a real HealthCheckService', () => {
  // `npm test` runs it on terminus 12, `npm run test:nest11` on compat/nest11's terminus 11.
  it(`runs on @nestjs/terminus ${process.env.PLAYLYFE_NEST === '11' ? 11 : 12}`, () => {
    expect(terminusPackage.version.split('.')[0]).toBe(
      process.env.PLAYLYFE_NEST === '11' ? '11' : '12',
    );
  });

  it('up while a valid token can be obtained, then down with a reason code when the token endpoint fails', async () => {
    const clock = new TestClock();
    const { module, check } = await healthApp(clock);
    expect(await check()).toMatchObject({
      status: 'ok',
      info: { playlyfe: { status: 'up', client: 'default' } },
    });
    expect(await check()).toMatchObject({ status: 'ok' });
    // The default check spends no API call: one token request, held for the second check.
    expect(suite.emulator.stats).toMatchObject({ tokenRequests: 1, apiRequests: 0 });

    // Playlyfe revokes the token, and the token endpoint is down when the module asks for a new one.
    suite.emulator.revokeAllTokens();
    suite.emulator.failTokenRequests(10);
    await expect(
      module.get(PlaylyfeService).get('/runtime/player', { playerId: 'alice' }),
    ).rejects.toMatchObject({ code: 'service_unavailable' });
    const down = await check();
    expect(down).toMatchObject({
      status: 'error',
      error: {
        playlyfe: {
          status: 'down',
          client: 'default',
          reason: 'service_unavailable',
          httpStatus: 503,
        },
      },
    });
    expect(JSON.stringify(down)).not.toContain(DEMO_CLIENT.secret);

    suite.emulator.clearFaults();
    // Down until the failure cooldown ends, answered without a token request; then up again.
    const requests = suite.emulator.stats.tokenRequests;
    expect(await check()).toMatchObject({ status: 'error' });
    expect(suite.emulator.stats.tokenRequests).toBe(requests);
    clock.advance(1_000);
    expect(await check()).toMatchObject({ status: 'ok' });
  });

  it('down with reason timeout when no token comes within its own timeout', async () => {
    const { check } = await healthApp();
    suite.emulator.setTokenLatency(1_000);
    expect(await check({ timeoutMs: 50 })).toMatchObject({
      status: 'error',
      error: { playlyfe: { status: 'down', reason: 'timeout' } },
    });
  });

  it('checks a named client, and reports an unknown one down', async () => {
    const { module, check } = await healthApp();
    expect(await check({ client: 'scores' })).toMatchObject({
      info: { playlyfe: { status: 'up', client: 'scores' } },
    });
    // The named client now holds a token (no new request); the default one held none (one request).
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    await module.get<PlaylyfeTokenService>(getPlaylyfeTokenServiceToken('scores')).getAccessToken();
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    await module.get(PlaylyfeTokenService).getAccessToken();
    expect(suite.emulator.stats.tokenRequests).toBe(2);
    expect(await check({ client: 'nope' })).toMatchObject({
      error: { playlyfe: { status: 'down', client: 'nope', reason: 'unknown_client' } },
    });
  });

  it('with `probe`, also calls an API route (one call per check, counted against the quota)', async () => {
    const { check } = await healthApp();
    const probe = { route: '/runtime/player', playerId: 'alice' };
    expect(await check({ probe })).toMatchObject({ status: 'ok' });
    expect(suite.emulator.stats.byRoute).toEqual({ 'GET /runtime/player': 1 });
    suite.emulator.failRoute('GET', '/runtime/player', 1, {
      status: 429,
      body: { error: 'plan_limit_exceeded', error_description: 'quota spent' },
    });
    expect(await check({ probe })).toMatchObject({
      error: { playlyfe: { status: 'down', reason: 'plan_limit_exceeded', httpStatus: 429 } },
    });
  });
});
