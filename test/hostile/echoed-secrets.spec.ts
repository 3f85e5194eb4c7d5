import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { PlaylyfeError } from '../../lib/index.js';
import { KNOWN_ERROR_CODES, UNKNOWN_ERROR } from '../../lib/utils/error-code.js';
import {
  METRIC_QUOTA_EXCEEDED,
  METRIC_REQUEST_DURATION,
  METRIC_TOKEN_REJECTIONS,
  METRIC_TOKEN_REQUESTS,
} from '../../lib/telemetry/telemetry-names.js';
import { startOtel, type OtelHarness } from '../observability/otel-harness.js';
import { spanText } from '../observability/span-text.js';
import { TestClock } from '../utils/test-clock.js';
import {
  HOSTILE_SECRET,
  HOSTILE_TOKEN,
  HostilePeer,
  answerJson,
  failureOf,
  grantToken,
  openHostileClient,
  type HostileClient,
  type PeerHandler,
} from './hostile-peer.js';

const IDENTIFIER = /^[a-z][a-z0-9_]{0,63}$/;
const S = HOSTILE_SECRET;
const T = HOSTILE_TOKEN;

let peer: HostilePeer;
let otel: OtelHarness;
const opened: HostileClient[] = [];

beforeAll(async () => {
  peer = await HostilePeer.start();
});
afterAll(async () => {
  await peer.stop();
});
beforeEach(() => {
  otel = startOtel();
  peer.onToken = grantToken;
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.close()));
  await otel.shutdown();
});

async function open(clock?: TestClock): Promise<HostileClient> {
  const client = await openHostileClient(peer, {}, clock);
  opened.push(client);
  return client;
}

/** Everything an app or its exporters could see of an error. */
function errorText(error: unknown): string {
  const typed = error as PlaylyfeError;
  return [
    typed.message,
    typed.stack,
    typed.code,
    JSON.stringify(typed),
    inspect(typed, { depth: Infinity, showHidden: true }),
    String(typed),
  ].join('\n');
}

async function metricsText(): Promise<string> {
  const names = [
    METRIC_REQUEST_DURATION,
    METRIC_TOKEN_REQUESTS,
    METRIC_TOKEN_REJECTIONS,
    METRIC_QUOTA_EXCEEDED,
  ];
  const points = await Promise.all(names.map((name) => otel.points(name)));
  return JSON.stringify(points.flat().map((point) => point.attributes));
}

/** Searches every error, log line, span and metric attribute captured for the secret and the token. */
async function expectNothingLeaked(client: HostileClient, errors: unknown[]): Promise<void> {
  const captured = [
    ...errors.map(errorText),
    ...client.logger.lines,
    ...otel.spans().map(spanText),
    await metricsText(),
  ].join('\n');
  expect(captured).not.toContain(S);
  expect(captured).not.toContain(T);
}

/** Error codes and `error.type` values: known, or short identifiers. */
async function expectBoundedCodes(errors: unknown[]): Promise<void> {
  for (const error of errors) expect((error as PlaylyfeError).code).toMatch(IDENTIFIER);
  const points = [
    ...(await otel.points(METRIC_REQUEST_DURATION)),
    ...(await otel.points(METRIC_TOKEN_REQUESTS)),
  ];
  for (const { attributes } of points) {
    for (const key of ['error.type', 'playlyfe.token.outcome']) {
      const value = attributes[key];
      if (value === undefined) continue;
      expect(['_OTHER', 'issued', 'shared', ...KNOWN_ERROR_CODES]).toContain(value);
    }
  }
}

const refuse =
  (status: number, body: unknown, headers?: Record<string, string>): PeerHandler =>
  (_, res) =>
    answerJson(res, status, body, headers);

describe('a token endpoint that echoes the client secret', () => {
  it.each([
    ['in `error` after a code', 401, { error: `invalid_client ${S}` }],
    ['as the whole `error`', 400, { error: S }],
    ['glued to a known code', 401, { error: `client_auth_fail_${S}` }],
    ['in `error_description`', 401, { error: 'client_auth_fail', error_description: `bad ${S}` }],
    ['in `data`', 400, { error: 'invalid_request', data: { got: { client_secret: S }, [S]: 1 } }],
    ['everywhere, on a 429', 429, { error: S, error_description: S, data: [S] }],
    ['in a long `error`', 403, { error: `${'x'.repeat(5000)}${S}` }],
  ])('%s (%i): no secret anywhere, a bounded code', async (_, status, body) => {
    peer.onToken = refuse(status, body, { 'retry-after': '1' });
    const client = await open();
    const errors = [
      await failureOf(client.playlyfe.get('/runtime/player', { playerId: 'a' })),
      await failureOf(client.tokens.getAccessToken()),
    ];
    for (const error of errors) expect(error).toBeInstanceOf(PlaylyfeError);
    await expectNothingLeaked(client, errors);
    await expectBoundedCodes(errors);
  });

  it('a refused code is unknown_error, its text redacted and cut in `data`', async () => {
    peer.onToken = refuse(401, { error: `invalid_client ${S} ${'z'.repeat(400)}` });
    const client = await open();
    const error = (await failureOf(client.tokens.getAccessToken())) as PlaylyfeError;
    expect(error).toMatchObject({ code: UNKNOWN_ERROR, status: 401 });
    const { error: raw } = error.data as { error: string };
    expect(raw.startsWith('invalid_client [redacted] zzz')).toBe(true);
    expect(raw.length).toBeLessThanOrEqual(128);
  });

  it('the background refresh that fails logs a warning without the secret', async () => {
    const clock = new TestClock();
    const client = await open(clock);
    await client.playlyfe.get('/runtime/player', { playerId: 'a' });
    peer.onToken = refuse(401, { error: `invalid_client ${S}`, error_description: S });
    clock.advance(3_600_000 - 30_000); // inside the refresh margin, still valid
    await client.playlyfe.get('/runtime/player', { playerId: 'a' });
    for (
      let turn = 0;
      turn < 100 && !client.logger.lines.some((l) => l.startsWith('warn'));
      turn++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(client.logger.lines.filter((line) => line.startsWith('warn'))).toHaveLength(1);
    await expectNothingLeaked(client, []);
  });
});

describe('an API that echoes the access token', () => {
  it.each([
    ['in `error`', 400, { error: `bad_token ${T}` }],
    ['as the whole `error`', 403, { error: T }],
    ['in `error` as a query string', 400, { error: `?access_token=${T}` }],
    ['in `error_description`', 400, { error: 'validation_exception', error_description: T }],
    ['in `data`', 400, { error: 'validation_exception', data: { url: `/x?access_token=${T}` } }],
    ['with the secret too', 404, { error: `${S}${T}`, error_description: `${S} ${T}`, data: S }],
    ['on a rejection (401), every send', 401, { error: T, error_description: T, data: T }],
    ['on a 429 (quota metric)', 429, { error: `rate_limit_exceeded ${T}` }],
  ])('%s (%i): no token or secret anywhere, a bounded code', async (_, status, body) => {
    peer.onApi = refuse(status, body);
    const client = await open();
    const errors = await Promise.all(
      ['GET', 'POST'].map((method) =>
        failureOf(
          client.playlyfe.request(method as 'GET', '/runtime/player', {}, { playerId: 'a' }),
        ),
      ),
    );
    for (const error of errors) expect(error).toBeInstanceOf(PlaylyfeError);
    await expectNothingLeaked(client, errors);
    await expectBoundedCodes(errors);
  });

  it('an identifier-shaped code Playlyfe may add later is kept', async () => {
    peer.onApi = refuse(400, { error: 'brand_new_code', error_description: 'New' });
    const client = await open();
    const error = await failureOf(client.playlyfe.get('/runtime/player', { playerId: 'a' }));
    expect(error).toMatchObject({ code: 'brand_new_code', message: 'New' });
    const points = await otel.points(METRIC_REQUEST_DURATION);
    expect(points.map((point) => point.attributes['error.type'])).toEqual(['_OTHER']);
  });
});
