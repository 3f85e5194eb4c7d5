import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { PlaylyfeTokenService } from '../../lib/index.js';
import { DEMO_CLIENT } from '../../lib/testing/index.js';
import { openPlaysApp, until, type PlaysApp } from '../plays/plays-app.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { startOtel, type OtelHarness } from './otel-harness.js';
import { scoped, spanText } from './span-text.js';

const PLAY = '/runtime/actions/:id/play';
/** A variable value no attribute may hold. */
const POINTS = 864_213;
const quest = (playerId = 'bob') => ({
  playerId,
  actionId: 'complete_quest',
  variables: { points: POINTS },
});

const suite = useEmulatorSuite();
let otel: OtelHarness;
const opened: PlaysApp[] = [];
const open = async (
  ...args: Parameters<typeof openPlaysApp> extends [unknown, ...infer R] ? R : never
) => {
  const app = await openPlaysApp(suite.emulator, ...args);
  opened.push(app);
  return app;
};

beforeEach(() => {
  otel = startOtel();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
  suite.emulator.resetGame();
  await otel.shutdown();
});

const ours = () => scoped(otel.spans(), 'nestjs-playlyfe');
const steps = () => ours().filter((span) => span.name.startsWith('playlyfe.play '));
const childrenOf = (parent: ReadableSpan) =>
  ours().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

/** Every metric point's attributes and every span's text: none may hold a variable, the token or the secret. */
async function expectNothingSecret(app: PlaysApp): Promise<void> {
  const token = await app.module.get(PlaylyfeTokenService).getAccessToken();
  const texts = otel.spans().map(spanText);
  for (const name of [
    'playlyfe.plays.queued',
    'playlyfe.plays.applied',
    'playlyfe.plays.failed',
    'playlyfe.plays.attempts',
    'playlyfe.plays.depth',
    'playlyfe.plays.oldest_age',
  ]) {
    texts.push(JSON.stringify((await otel.points(name)).map((point) => point.attributes)));
  }
  for (const text of texts) {
    expect(text).not.toContain(String(POINTS));
    expect(text).not.toContain(token);
    expect(text).not.toContain(DEMO_CLIENT.secret);
  }
}

describe('plays telemetry, through a Nest app on the emulator', () => {
  it('a span per delivery step, linked to where the play was queued, with the API call as its child', async () => {
    const app = await open();
    const id = await trace
      .getTracer('the-app')
      .startActiveSpan('POST /quests/:player', (span) =>
        app.plays.enqueue(quest()).finally(() => span.end()),
      );
    expect(await app.plays.result(id)).toMatchObject({ status: 'applied' });
    await until(() => steps().length === 1);

    const [send] = steps();
    const [enqueuer] = scoped(otel.spans(), 'the-app');
    expect(send.name).toBe('playlyfe.play send');
    expect(send.kind).toBe(SpanKind.CONSUMER);
    expect(send.attributes).toEqual({
      'messaging.system': 'playlyfe.plays',
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'send',
      'messaging.message.id': id,
      'playlyfe.action.id': 'complete_quest',
      'playlyfe.play.attempt': 1,
      'playlyfe.play.outcome': 'applied',
      'playlyfe.client': 'default',
    });
    expect(send.status.code).toBe(SpanStatusCode.UNSET);
    // A root span of its own trace, linked to the request that queued the play.
    expect(send.parentSpanContext).toBeUndefined();
    expect(send.links.map((link) => link.context.spanId)).toEqual([enqueuer.spanContext().spanId]);
    expect(send.spanContext().traceId).not.toBe(enqueuer.spanContext().traceId);
    // The CLIENT span of the POST is the step's child, in its trace.
    const [call] = childrenOf(send);
    expect(call.name).toBe('POST /runtime/actions/{id}/play');
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.spanContext().traceId).toBe(send.spanContext().traceId);
    await expectNothingSecret(app);
  });

  it('a lost answer: the send ends ambiguous, the reconciliation that finds it ends reconciled, each with its call', async () => {
    const app = await open();
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-after-apply', rate: 1 }]);
    const id = await app.plays.enqueue(quest());
    expect(await app.plays.result(id)).toMatchObject({ status: 'applied', reconciled: true });
    await until(() => steps().length === 2);
    const [send, reconcile] = steps();
    expect(send.attributes).toMatchObject({
      'messaging.operation.name': 'send',
      'messaging.message.id': id,
      'playlyfe.play.attempt': 1,
      'playlyfe.play.outcome': 'ambiguous',
    });
    expect(reconcile.name).toBe('playlyfe.play reconcile');
    expect(reconcile.attributes).toMatchObject({
      'messaging.operation.name': 'reconcile',
      'messaging.message.id': id,
      'playlyfe.play.attempt': 1,
      'playlyfe.play.outcome': 'reconciled',
    });
    // The lost POST says why on its own CLIENT span; the feed read is the reconciliation's child.
    expect(childrenOf(send).map((span) => [span.name, span.status.code])).toEqual([
      ['POST /runtime/actions/{id}/play', SpanStatusCode.ERROR],
    ]);
    expect(childrenOf(reconcile).map((span) => span.kind)).toEqual([SpanKind.CLIENT]);
    expect(await otel.points('playlyfe.plays.applied')).toMatchObject([
      { attributes: { 'playlyfe.client': 'default', 'playlyfe.play.reconciled': true }, value: 1 },
    ]);
    await expectNothingSecret(app);
  });

  it('a drop before applying: ambiguous, absent from the feed, sent again with the next attempt number', async () => {
    const app = await open();
    suite.emulator.setRandomFaults('POST', PLAY, [{ mode: 'drop-before-apply', rate: 1 }]);
    const id = await app.plays.enqueue(quest());
    await until(() => suite.emulator.randomFaultsInjected['drop-before-apply'] >= 1);
    suite.emulator.clearFaults();
    const outcome = await app.plays.result(id);
    expect(outcome).toMatchObject({ status: 'applied', reconciled: false });
    await until(() => steps().length === 2 * outcome.attempts - 1);
    const outcomes = steps().map((span) => [
      span.attributes['messaging.operation.name'],
      span.attributes['playlyfe.play.attempt'],
      span.attributes['playlyfe.play.outcome'],
    ]);
    // Each dropped send is looked for in the feed, found absent, and sent again.
    const sends = outcome.attempts;
    expect(outcomes).toEqual([
      ...Array.from({ length: sends - 1 }, (_, i) => [
        ['send', i + 1, 'ambiguous'],
        ['reconcile', i + 1, 'absent'],
      ]).flat(),
      ['send', sends, 'applied'],
    ]);
    await expectNothingSecret(app);
  });

  it('a refused play: the send span is an error with a bounded error.type; playlyfe.plays.failed counts it', async () => {
    const app = await open();
    const id = await app.plays.enqueue(quest('nobody'));
    expect(await app.plays.result(id)).toMatchObject({
      status: 'failed',
      code: 'player_not_found',
    });
    await until(() => steps().length === 1);
    const [send] = steps();
    expect(send.status.code).toBe(SpanStatusCode.ERROR);
    expect(send.attributes).toMatchObject({
      'playlyfe.play.outcome': 'failed',
      'error.type': 'player_not_found',
    });
    expect(await otel.points('playlyfe.plays.failed')).toMatchObject([
      { attributes: { 'playlyfe.client': 'default', 'error.type': 'player_not_found' }, value: 1 },
    ]);
    await expectNothingSecret(app);
  });

  it('a code outside the known vocabulary is error.type _OTHER, on the span and in the metric', async () => {
    const app = await open();
    suite.emulator.failRoute('POST', '/runtime/actions/complete_quest/play', 1, {
      status: 400,
      body: { error: 'quest_not_ready', error_description: 'Not yet' },
    });
    const id = await app.plays.enqueue(quest());
    expect(await app.plays.result(id)).toMatchObject({ status: 'failed', code: 'quest_not_ready' });
    await until(() => steps().length === 1);
    expect(steps()[0].attributes['error.type']).toBe('_OTHER');
    expect(await otel.points('playlyfe.plays.failed')).toMatchObject([
      { attributes: { 'error.type': '_OTHER' }, value: 1 },
    ]);
  });

  it('counts queued, applied and attempts by outcome, and observes depth and oldest age from stats()', async () => {
    const app = await open();
    await app.playlyfe.get('/runtime/player', { playerId: 'bob' }); // a token held
    const port = Number(new URL(suite.emulator.url).port);
    await suite.emulator.stop();
    const ids = [];
    for (const player of ['alice', 'bob', 'carol'])
      ids.push(await app.plays.enqueue(quest(player)));
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [depth] = await otel.points('playlyfe.plays.depth');
    const [age] = await otel.points('playlyfe.plays.oldest_age');
    expect(depth).toMatchObject({ attributes: { 'playlyfe.client': 'default' }, value: 3 });
    expect(age.attributes).toEqual({ 'playlyfe.client': 'default' });
    // Seconds: at least the 250 ms waited, well under a minute.
    expect(age.value).toBeGreaterThanOrEqual(0.25);
    expect(age.value).toBeLessThan(60);

    await suite.emulator.start({ port });
    await Promise.all(ids.map((id) => app.plays.result(id)));
    expect(await otel.points('playlyfe.plays.queued')).toMatchObject([
      { attributes: { 'playlyfe.client': 'default' }, value: 3 },
    ]);
    expect(await otel.points('playlyfe.plays.applied')).toMatchObject([
      { attributes: { 'playlyfe.play.reconciled': false }, value: 3 },
    ]);
    const attempts = Object.fromEntries(
      (await otel.points('playlyfe.plays.attempts')).map((point) => [
        [
          point.attributes['messaging.operation.name'],
          point.attributes['playlyfe.play.outcome'],
        ].join(' '),
        point.value,
      ]),
    );
    // Connection refused: surely not applied, sent again after a backoff.
    expect(attempts['send retry']).toBeGreaterThanOrEqual(3);
    expect(attempts['send applied']).toBe(3);
    expect(await otel.points('playlyfe.plays.depth')).toMatchObject([{ value: 0 }]);
    expect(await otel.points('playlyfe.plays.oldest_age')).toMatchObject([{ value: 0 }]);
    await expectNothingSecret(app);
  });

  it('asks stats() once per collection, and no more once its module is closed', async () => {
    const app = await open();
    const stats = jest.spyOn(app.plays, 'stats');
    expect(await otel.points('playlyfe.plays.depth')).toMatchObject([{ value: 0 }]);
    expect(stats).toHaveBeenCalledTimes(1);
    await app.close();
    await otel.points('playlyfe.plays.depth');
    expect(stats).toHaveBeenCalledTimes(1);
  });
});
