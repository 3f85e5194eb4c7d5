import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { PLAYLYFE_ERROR_ANSWERS } from '../../lib/filters/playlyfe-error-status.js';
import type { PlaylyfeModuleOptions } from '../../lib/index.js';
import { DEMO_CLIENT } from '../../lib/testing/index.js';
import { emulatorOptions } from '../utils/playlyfe-client.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { bootFilterApp, type FilterApp } from './filter-app.js';

const suite = useEmulatorSuite();
/** Text Playlyfe sends in its error bodies: it must never reach the app's caller. */
const CANARY = 'CANARY-from-playlyfe';
const canaryBody = (error: string) => ({
  error,
  error_description: `${CANARY} description`,
  data: { leaked: `${CANARY} data` },
});

let opened: FilterApp[] = [];
afterEach(async () => {
  await Promise.all(opened.map((app) => app.close()));
  opened = [];
});

async function boot(
  overrides: Partial<PlaylyfeModuleOptions> = {},
  how?: 'app-filter' | 'global',
): Promise<FilterApp> {
  const app = await bootFilterApp(emulatorOptions(suite.emulator, overrides), how);
  opened.push(app);
  return app;
}

/** The answer carries the status, the code and the code's fixed message, and nothing of Playlyfe's body or the secrets. */
function expectAnswer(res: Response, status: number, code: string, message?: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({
    statusCode: status,
    error: code,
    message: message ?? PLAYLYFE_ERROR_ANSWERS[code]?.message,
  });
  expect(res.text).not.toContain(CANARY);
  expect(res.text).not.toContain(DEMO_CLIENT.secret);
  expect(res.text).not.toMatch(/access_token=|Bearer /);
}

async function newPlayer(app: FilterApp): Promise<string> {
  const id = `p${Math.random().toString(36).slice(2, 10)}`;
  await app.http().post('/probe/post?route=/admin/players').send({ id, alias: id }).expect(201);
  return id;
}

describe('PlaylyfeExceptionFilter: one test per row of docs/errors.md', () => {
  it('player_not_found → 404', async () => {
    const app = await boot();
    const res = await app.http().get('/probe/get?route=/runtime/player&player=ghost');
    expectAnswer(res, 404, 'player_not_found');
  });

  it('validation_exception → 400, without Playlyfe’s details', async () => {
    const app = await boot();
    const res = await app
      .http()
      .post('/probe/post?route=/runtime/actions/complete_quest/play&player=alice')
      .send({ variables: {} });
    expectAnswer(res, 400, 'validation_exception');
    expect(res.text).not.toContain('required');
  });

  it('invalid_player → 400', async () => {
    const app = await boot();
    const res = await app.http().get('/probe/get?route=/runtime/player');
    expectAnswer(res, 400, 'invalid_player');
  });

  it('invalid_argument (refused before sending) → 400', async () => {
    const app = await boot();
    const before = suite.emulator.stats.apiRequests;
    const res = await app.http().get('/probe/get?route=runtime/player&player=alice');
    expectAnswer(res, 400, 'invalid_argument');
    expect(suite.emulator.stats.apiRequests).toBe(before);
  });

  it('player_exists → 409', async () => {
    const app = await boot();
    const res = await app.http().post('/probe/post?route=/admin/players').send({ id: 'alice' });
    expectAnswer(res, 409, 'player_exists');
  });

  it('rate_limit_exceeded (a play limit) → 429', async () => {
    const app = await boot();
    const id = await newPlayer(app);
    const play = () =>
      app.http().post(`/probe/post?route=/runtime/actions/daily_bonus/play&player=${id}`).send({});
    for (let i = 0; i < 3; i++) expect((await play()).status).toBe(201);
    const res = await play();
    expectAnswer(res, 429, 'rate_limit_exceeded');
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('rate_limit_exceeded with Playlyfe’s Retry-After → 429 with Retry-After', async () => {
    const app = await boot();
    suite.emulator.failRoute('POST', '/runtime/actions/prestige/play', 1, {
      status: 429,
      body: canaryBody('rate_limit_exceeded'),
      headers: { 'Retry-After': '7' },
    });
    const res = await app
      .http()
      .post('/probe/post?route=/runtime/actions/prestige/play&player=alice')
      .send({});
    expectAnswer(res, 429, 'rate_limit_exceeded');
    expect(res.headers['retry-after']).toBe('7');
  });

  it('plan_limit_exceeded (the API quota) → 429, with Retry-After when given', async () => {
    const app = await boot();
    suite.emulator.setApiCallLimit(0);
    try {
      expectAnswer(
        await app.http().post('/probe/post?route=/runtime/actions/prestige/play&player=alice'),
        429,
        'plan_limit_exceeded',
      );
    } finally {
      suite.emulator.setApiCallLimit(undefined);
    }
    suite.emulator.failRoute('GET', '/runtime/player', 1, {
      status: 429,
      body: canaryBody('plan_limit_exceeded'),
      headers: { 'Retry-After': '120' },
    });
    const res = await app.http().get('/probe/get?route=/runtime/player&player=alice');
    expectAnswer(res, 429, 'plan_limit_exceeded');
    expect(res.headers['retry-after']).toBe('120');
  });

  it('invalid_access_token (every token refused) → 502', async () => {
    const app = await boot();
    suite.emulator.rejectAllTokens();
    expectAnswer(
      await app.http().get('/probe/get?route=/runtime/player&player=alice'),
      502,
      'invalid_access_token',
    );
  });

  it('client_auth_fail (wrong client secret) → 502', async () => {
    const app = await boot({ clientSecret: 'not-the-secret' });
    const res = await app.http().get('/probe/get?route=/runtime/player&player=alice');
    expectAnswer(res, 502, 'client_auth_fail');
    expect(res.text).not.toContain('not-the-secret');
  });

  it('invalid_token_response → 502', async () => {
    const app = await boot({ tokenRetry: { attempts: 1 } });
    suite.emulator.failTokenRequests(5, { status: 200, body: { token_type: 'Bearer' } });
    expectAnswer(
      await app.http().get('/probe/get?route=/runtime/player&player=alice'),
      502,
      'invalid_token_response',
    );
  });

  it('access_denied (the app’s client lacks the scope) → 502', async () => {
    const app = await boot();
    suite.emulator.failRoute('GET', '/admin/players', 1, {
      status: 403,
      body: canaryBody('access_denied'),
    });
    expectAnswer(await app.http().get('/probe/get?route=/admin/players'), 502, 'access_denied');
  });

  it('route_not_found (the app calls a route Playlyfe lacks) → 502', async () => {
    const app = await boot();
    expectAnswer(await app.http().get('/probe/get?route=/runtime/nowhere'), 502, 'route_not_found');
  });

  it('invalid_response (a 2xx body that is not JSON) → 502', async () => {
    const standIn = await startStandIn(200, '<html>maintenance</html>');
    try {
      const app = await bootFilterApp(standInOptions(standIn.url));
      opened.push(app);
      const res = await app.http().get('/probe/get?route=/runtime/player&player=alice');
      expectAnswer(res, 502, 'invalid_response');
      expect(res.text).not.toContain('maintenance');
    } finally {
      await standIn.close();
    }
  });

  it('response_too_large → 502', async () => {
    const app = await boot({ maxResponseBytes: 1024 });
    suite.emulator.failRoute('GET', '/runtime/player', 1, {
      status: 200,
      body: { id: 'alice', padding: 'x'.repeat(4096) },
    });
    expectAnswer(
      await app.http().get('/probe/get?route=/runtime/player&player=alice'),
      502,
      'response_too_large',
    );
  });

  it('http_error (an error status without a Playlyfe body) → 502', async () => {
    const standIn = await startStandIn(409, '');
    try {
      const app = await bootFilterApp(standInOptions(standIn.url));
      opened.push(app);
      const res = await app.http().post('/probe/post?route=/admin/players').send({ id: 'x' });
      expectAnswer(res, 502, 'http_error');
    } finally {
      await standIn.close();
    }
  });

  it('a redirect (never followed) → 502 without the Location', async () => {
    const app = await boot();
    suite.emulator.failRoute('POST', '/runtime/actions/prestige/play', 1, {
      status: 302,
      body: canaryBody('moved'),
      headers: { Location: 'https://elsewhere.example/' },
    });
    const res = await app
      .http()
      .post('/probe/post?route=/runtime/actions/prestige/play&player=alice');
    expectAnswer(res, 502, 'moved', 'Playlyfe refused the request.');
    expect(res.headers['location']).toBeUndefined();
  });

  it('network_error (a dropped connection) → 503', async () => {
    const app = await boot();
    suite.emulator.failRoute('POST', '/admin/players', 1, 'drop');
    const res = await app.http().post('/probe/post?route=/admin/players').send({ id: 'dropped' });
    expectAnswer(res, 503, 'network_error');
  });

  it('aborted → 503', async () => {
    const app = await boot();
    expectAnswer(await app.http().get('/probe/aborted'), 503, 'aborted');
  });

  it('timeout → 504', async () => {
    const app = await boot({ timeoutMs: 300 });
    suite.emulator.setApiLatency(2_000);
    expectAnswer(
      await app.http().get('/probe/get?route=/runtime/player&player=alice'),
      504,
      'timeout',
    );
  });

  it.each(['invalid_options', 'duplicate_client'])('%s → 500', async (code) => {
    const app = await boot();
    const res = await app.http().get(`/probe/library/${code}`);
    expectAnswer(res, 500, code);
    expect(res.text).not.toContain('a library error');
  });

  // `closed` (a call after the client closed) and the plays queue's `queue_closed` come only while
  // the app shuts down; `queue_full` through a real queue is in test/plays/decorator.spec.ts.
  it.each(['closed', 'queue_closed', 'queue_full'])('%s → 503', async (code) => {
    const app = await boot();
    const res = await app.http().get(`/probe/library/${code}`);
    expectAnswer(res, 503, code);
    expect(res.text).not.toContain('a library error');
  });

  it('another *_not_found code → 404 naming the thing', async () => {
    const app = await boot();
    const res = await app.http().get('/probe/get?route=/runtime/leaderboards/nope&player=alice');
    expectAnswer(res, 404, 'leaderboard_not_found', 'No leaderboard exists with that id.');
  });

  it('another *_exists code → 409 naming the thing', async () => {
    const app = await boot();
    suite.emulator.failRoute('POST', '/admin/teams', 1, {
      status: 409,
      body: canaryBody('team_exists'),
    });
    const res = await app.http().post('/probe/post?route=/admin/teams').send({});
    expectAnswer(res, 409, 'team_exists', 'A team with that id already exists.');
  });

  it('any other 503 → 503 with Playlyfe’s Retry-After', async () => {
    const app = await boot();
    suite.emulator.failRoute('POST', '/admin/players', 1, {
      status: 503,
      body: canaryBody('service_unavailable'),
      headers: { 'Retry-After': '5' },
    });
    const res = await app.http().post('/probe/post?route=/admin/players').send({ id: 'x' });
    expectAnswer(res, 503, 'service_unavailable', 'Playlyfe is unavailable; try again later.');
    expect(res.headers['retry-after']).toBe('5');
  });

  it('a token endpoint that is down (503) → 503', async () => {
    const app = await boot({ tokenRetry: { attempts: 1 } });
    suite.emulator.failTokenRequests(5);
    const res = await app.http().get('/probe/get?route=/runtime/player&player=alice');
    expectAnswer(res, 503, 'service_unavailable', 'Playlyfe is unavailable; try again later.');
  });

  it('a token endpoint that refuses the request otherwise → 502', async () => {
    const app = await boot({ tokenRetry: { attempts: 1 } });
    suite.emulator.failTokenRequests(5, { status: 400, body: canaryBody('invalid_request') });
    const res = await app.http().get('/probe/get?route=/runtime/player&player=alice');
    expectAnswer(
      res,
      502,
      'invalid_request',
      "Playlyfe's token endpoint refused the server's request.",
    );
  });

  it('any other Playlyfe 5xx → 502', async () => {
    const app = await boot();
    suite.emulator.failRoute('POST', '/admin/players', 1, {
      status: 500,
      body: canaryBody('internal_error'),
    });
    const res = await app.http().post('/probe/post?route=/admin/players').send({ id: 'y' });
    expectAnswer(res, 502, 'internal_error', 'Playlyfe failed to answer the request.');
  });

  it('any other Playlyfe 4xx → 502', async () => {
    const app = await boot();
    suite.emulator.failRoute('POST', '/admin/players', 1, {
      status: 418,
      body: canaryBody('teapot'),
    });
    const res = await app.http().post('/probe/post?route=/admin/players').send({ id: 'z' });
    expectAnswer(res, 502, 'teapot', 'Playlyfe refused the request.');
  });
});

describe('PlaylyfeExceptionFilter registration', () => {
  it('works through app.useGlobalFilters(new PlaylyfeExceptionFilter())', async () => {
    const app = await boot({}, 'global');
    suite.emulator.failRoute('POST', '/runtime/actions/prestige/play', 1, {
      status: 429,
      body: canaryBody('rate_limit_exceeded'),
      headers: { 'Retry-After': '3' },
    });
    const res = await app
      .http()
      .post('/probe/post?route=/runtime/actions/prestige/play&player=alice');
    expectAnswer(res, 429, 'rate_limit_exceeded');
    expect(res.headers['retry-after']).toBe('3');
  });

  it('leaves other errors to Nest', async () => {
    const app = await boot();
    const res = await app.http().get('/nowhere').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('logs a 5xx answer with its route and code, never the secret or a token', async () => {
    const app = await boot();
    suite.emulator.rejectAllTokens();
    await app.http().get('/probe/get?route=/runtime/player&player=alice').expect(502);
    const lines = app.logger.lines.filter((line) => line.includes('invalid_access_token'));
    expect(lines).toEqual([
      expect.stringContaining('GET /runtime/player failed: invalid_access_token (answered 502)'),
    ]);
    expect(app.logger.lines.join('\n')).not.toContain(DEMO_CLIENT.secret);
    expect(app.logger.lines.join('\n')).not.toContain('access_token=');
  });
});

describe('docs/errors.md', () => {
  it('lists every code of the filter with its status and message', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const rows = doc
      .split('\n')
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .filter((cells) => cells.length === 5 && /^`[a-z_]+`$/.test(cells[1] ?? ''))
      .map(([, code, status, message]) => [code?.slice(1, -1), Number(status), message]);
    const expected = Object.entries(PLAYLYFE_ERROR_ANSWERS).map(([code, answer]) => [
      code,
      answer.status,
      answer.message,
    ]);
    expect(rows).toEqual(expected);
  });
});

function standInOptions(url: string): PlaylyfeModuleOptions {
  return {
    clientId: DEMO_CLIENT.id,
    clientSecret: DEMO_CLIENT.secret,
    apiBaseUrl: url,
    authBaseUrl: url,
  };
}

/** A node:http stand-in for answers the emulator never gives: tokens as Playlyfe issues them, every API call answered `status` with `text`. */
async function startStandIn(
  status: number,
  text: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/auth/token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'stand-in-token', expires_in: 3600 }));
        return;
      }
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
