import { afterAll, beforeAll, expect } from '@jest/globals';
import { DEMO_CLIENT, PlaylyfeEmulator, type EmulatorOptions } from '../../lib/testing/index.js';

/** An HTTP answer with its parsed JSON body (untyped: the tests check its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function parse(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

/** POST /auth/token with a JSON body. */
export async function requestToken(
  baseUrl: string,
  fields: Record<string, unknown>,
): Promise<Answer> {
  const res = await fetch(`${baseUrl}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  return parse(res);
}

/** A valid access token for a client (the demo client by default). */
export async function tokenFor(
  baseUrl: string,
  client: { id: string; secret: string } = DEMO_CLIENT,
): Promise<string> {
  const answer = await requestToken(baseUrl, {
    client_id: client.id,
    client_secret: client.secret,
    grant_type: 'client_credentials',
  });
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status}`);
  return (answer.body as { access_token: string }).access_token;
}

export interface CallOptions {
  query?: Record<string, string | number>;
  body?: unknown;
  /** Sent as ?access_token= unless `bearer` is set. */
  token?: string;
  bearer?: string;
  headers?: Record<string, string>;
  /** A raw body, sent as is. */
  raw?: string;
}

/** Calls `{url}/v2{route}` (or `{url}{route}` when the route starts with `!`). */
export async function call(
  baseUrl: string,
  method: string,
  route: string,
  options: CallOptions = {},
): Promise<Answer> {
  const path = route.startsWith('!') ? route.slice(1) : `/v2${route}`;
  const url = new URL(baseUrl + path);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(key, String(value));
  }
  if (options.token !== undefined) url.searchParams.set('access_token', options.token);
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer !== undefined) headers['authorization'] = `Bearer ${options.bearer}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  return parse(await fetch(url, { method, headers, body }));
}

/** Calls the API as the demo client, with a token fetched once per emulator. */
export class DemoCaller {
  private token: string | undefined;

  constructor(private readonly emulator: PlaylyfeEmulator) {}

  async call(method: string, route: string, options: CallOptions = {}): Promise<Answer> {
    this.token ??= await tokenFor(this.emulator.url);
    return call(this.emulator.url, method, route, { token: this.token, ...options });
  }

  /** A runtime call acting as `playerId`. */
  async asPlayer(
    playerId: string,
    method: string,
    route: string,
    options: CallOptions = {},
  ): Promise<Answer> {
    return this.call(method, route, {
      ...options,
      query: { player_id: playerId, ...options.query },
    });
  }

  /** Creates a player through the admin route and checks it worked. */
  async createPlayer(id: string, alias?: string): Promise<void> {
    const answer = await this.call('POST', '/admin/players', { body: { id, alias } });
    if (answer.status !== 200) throw new Error(`create player failed: ${answer.status}`);
  }
}

/** Expects a Playlyfe error answer: this status and code, a description, JSON content type. */
export function expectError(answer: Answer, status: number, code: string): void {
  const body = answer.body as { error?: unknown; error_description?: unknown } | undefined;
  expect({
    status: answer.status,
    error: body?.error,
    description: typeof body?.error_description,
    contentType: answer.headers.get('content-type'),
  }).toEqual({ status, error: code, description: 'string', contentType: 'application/json' });
}

/** An emulator started before the describe block's tests and stopped after them, with a DemoCaller on it. */
export function useStartedEmulator(options?: EmulatorOptions): {
  emulator: PlaylyfeEmulator;
  demo: DemoCaller;
} {
  const emulator = new PlaylyfeEmulator(options);
  beforeAll(async () => {
    await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });
  return { emulator, demo: new DemoCaller(emulator) };
}
