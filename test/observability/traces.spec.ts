import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { request } from 'undici';
import { DEMO_CLIENT } from '../../lib/testing/index.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { startOtel, type OtelHarness } from './otel-harness.js';
import { scoped, spanText } from './span-text.js';

const suite = useEmulatorSuite();
const UNDICI_SCOPE = '@opentelemetry/instrumentation-undici';
let otel: OtelHarness;

beforeEach(() => {
  otel = startOtel([new UndiciInstrumentation()]);
});
afterEach(async () => {
  await otel.shutdown();
});

describe('with undici auto-instrumentation enabled', () => {
  it('records an undici span with the token in url.full for a request made outside the module (the leak this guards against)', async () => {
    const token = await (await suite.open()).tokens.getAccessToken();
    const answer = await request(
      `${suite.emulator.url}/v2/runtime/player?player_id=alice&access_token=${token}`,
    );
    await answer.body.text();
    const undici = scoped(otel.spans(), UNDICI_SCOPE);
    expect(undici).toHaveLength(1);
    expect(spanText(undici[0])).toContain(token);
  });

  it('no span holds the token or the secret: our CLIENT span replaces the nested undici span', async () => {
    const { playlyfe, tokens } = await suite.open();
    await playlyfe.forPlayer('alice').leaderboard('xp_leaderboard');
    await playlyfe.get('/runtime/player', { playerId: 'alice' });
    const token = await tokens.getAccessToken();
    const spans = otel.spans();
    expect(scoped(spans, UNDICI_SCOPE)).toEqual([]);
    for (const span of spans) {
      expect(spanText(span)).not.toContain(token);
      expect(spanText(span)).not.toContain(DEMO_CLIENT.secret);
    }
    const ours = scoped(spans, 'nestjs-playlyfe');
    expect(ours.map((span) => span.name)).toEqual([
      'playlyfe.token',
      'GET /runtime/leaderboards/{id}',
      'GET /runtime/player',
    ]);
    const [, leaderboard] = ours;
    expect(leaderboard.kind).toBe(SpanKind.CLIENT);
    expect(leaderboard.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'server.address': '127.0.0.1',
      'url.template': '/runtime/leaderboards/{id}',
      'playlyfe.client': 'default',
    });
    expect(leaderboard.attributes['url.full']).toMatch(
      /\/v2\/runtime\/leaderboards\/xp_leaderboard\?.*player_id=alice&access_token=REDACTED$/,
    );
    expect(leaderboard.attributes['http.request.resend_count']).toBeUndefined();
  });

  it('joins the caller active context and names an unknown route by its method only', async () => {
    const { playlyfe } = await suite.open();
    await playlyfe.get('/runtime/player', { playerId: 'alice' }); // token held from here on
    otel.exporter.reset();
    const tracer = trace.getTracer('the-app');
    await tracer.startActiveSpan('GET /players/:id', async (request) => {
      await playlyfe.get('/runtime/definitions/metrics', { playerId: 'alice' });
      await expect(playlyfe.get('/runtime/teams/secret-team-id')).rejects.toThrow();
      request.end();
    });
    const [known, unknown, parent] = otel.spans();
    expect(parent.name).toBe('GET /players/:id');
    expect(known.name).toBe('GET /runtime/definitions/metrics');
    expect(unknown.name).toBe('GET');
    expect(unknown.attributes['url.template']).toBeUndefined();
    for (const span of [known, unknown]) {
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(parent.spanContext().traceId);
    }
  });

  it('a failed call sets status ERROR and error.type to the PlaylyfeError code', async () => {
    const { playlyfe } = await suite.open();
    suite.emulator.failRoute('GET', '/runtime/player', 1, {
      status: 429,
      body: {
        error: 'plan_limit_exceeded',
        error_description: 'Your API usage has exceeded the limit',
      },
    });
    await expect(playlyfe.get('/runtime/player', { playerId: 'alice' })).rejects.toMatchObject({
      code: 'plan_limit_exceeded',
    });
    const call = scoped(otel.spans(), 'nestjs-playlyfe').find(
      (span) => span.name !== 'playlyfe.token',
    );
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
    expect(call?.attributes).toMatchObject({
      'error.type': 'plan_limit_exceeded',
      'http.response.status_code': 429,
    });
  });

  it('a failed token request: the playlyfe.token span and the call span both say why', async () => {
    suite.emulator.failTokenRequests(1);
    const { playlyfe } = await suite.open({ tokenRetry: { attempts: 1 } });
    await expect(playlyfe.get('/runtime/player', { playerId: 'alice' })).rejects.toMatchObject({
      code: 'service_unavailable',
    });
    const [token, call] = scoped(otel.spans(), 'nestjs-playlyfe');
    expect(token.name).toBe('playlyfe.token');
    expect(token.status.code).toBe(SpanStatusCode.ERROR);
    expect(token.attributes).toMatchObject({
      'playlyfe.token.outcome': 'service_unavailable',
      'error.type': 'service_unavailable',
    });
    expect(token.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes['error.type']).toBe('service_unavailable');
    expect(call.attributes['http.response.status_code']).toBe(503);
  });

  it('a revoked token: one playlyfe.token span for the refresh, every waiting caller linked to it', async () => {
    const { playlyfe } = await suite.open();
    await playlyfe.get('/runtime/player', { playerId: 'alice' });
    otel.exporter.reset();
    suite.emulator.resetStats();
    suite.emulator.revokeAllTokens();
    suite.emulator.setTokenLatency(200);
    const callers = 8;
    await Promise.all(
      Array.from({ length: callers }, () => playlyfe.get('/runtime/player', { playerId: 'alice' })),
    );
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    const ours = scoped(otel.spans(), 'nestjs-playlyfe');
    const tokenSpans = ours.filter((span) => span.name === 'playlyfe.token');
    const calls = ours.filter((span) => span.name === 'GET /runtime/player');
    expect(tokenSpans).toHaveLength(1);
    expect(calls).toHaveLength(callers);
    const refresh = tokenSpans[0];
    expect(refresh.attributes['playlyfe.token.outcome']).toBe('issued');
    const starter = calls.filter(
      (call) => call.spanContext().spanId === refresh.parentSpanContext?.spanId,
    );
    const linked = calls.filter((call) =>
      call.links.some((link) => link.context.spanId === refresh.spanContext().spanId),
    );
    expect(starter).toHaveLength(1);
    expect(linked).toHaveLength(callers - 1);
    expect(linked).not.toContain(starter[0]);
    for (const call of calls) expect(call.attributes['http.request.resend_count']).toBe(1);
  });
});
