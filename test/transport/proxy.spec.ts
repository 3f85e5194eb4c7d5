import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { PlaylyfeAuthError, PlaylyfeError } from '../../lib/index.js';
import { proxySettings } from '../../lib/transport/undici-transport.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { delay } from '../utils/playlyfe-client.js';

const suite = useEmulatorSuite();
const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'ALL_PROXY',
  'all_proxy',
  'NO_PROXY',
  'no_proxy',
];
const saved = new Map(PROXY_VARIABLES.map((name) => [name, process.env[name]]));

/** A forward proxy on loopback that sends every request, whatever its target, to the emulator. */
let proxy: Server;
let proxyUrl: string;
const proxied = { connections: 0, requests: 0 };
/** A loopback port nothing listens on: reached directly, a call fails. */
let nowhere: string;

const portOf = (server: Server): number => (server.address() as AddressInfo).port;
const emulatorPort = (): number => Number(new URL(suite.emulator.url).port);

beforeAll(async () => {
  proxy = createServer((req, res) => {
    proxied.requests++;
    const target = new URL(req.url ?? '/');
    const upstream = request(
      {
        host: '127.0.0.1',
        port: emulatorPort(),
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  proxy.on('connection', () => proxied.connections++);
  proxy.on('connect', (_req, client: Socket, head: Buffer) => {
    proxied.requests++;
    const upstream = connect(emulatorPort(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${portOf(proxy)}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  nowhere = `http://127.0.0.1:${portOf(closed)}`;
  await new Promise((resolve) => closed.close(resolve));
});

afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  proxied.connections = 0;
  proxied.requests = 0;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

function setProxyEnv(env: Record<string, string>): void {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, env);
}

const profile = (c: {
  playlyfe: { get(route: string, o: object): Promise<unknown> };
}): Promise<unknown> => c.playlyfe.get('/runtime/player', { playerId: 'alice' });

describe('one proxy rule for token requests and API calls', () => {
  it('HTTP_PROXY: the token request and the API call both go through it, over one connection', async () => {
    setProxyEnv({ HTTP_PROXY: proxyUrl });
    const c = await suite.open({ apiBaseUrl: nowhere, authBaseUrl: nowhere });

    await c.tokens.getAccessToken();
    // Let the pool see the connection idle (a call sent in the same tick would open another).
    await delay(20);
    await expect(profile(c)).resolves.toMatchObject({ id: 'alice' });

    expect(suite.emulator.stats.tokenRequests).toBe(1);
    expect(suite.emulator.stats.apiRequests).toBe(1);
    expect(proxied.requests).toBeGreaterThanOrEqual(1);
    expect(proxied.connections).toBe(1);
  });

  it('NO_PROXY: a listed host is reached directly', async () => {
    setProxyEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
    const c = await suite.open();
    await expect(profile(c)).resolves.toMatchObject({ id: 'alice' });
    expect(proxied.connections).toBe(0);
  });

  it('ALL_PROXY alone: the token request does not use it', async () => {
    setProxyEnv({ ALL_PROXY: proxyUrl, all_proxy: proxyUrl });
    const c = await suite.open({ authBaseUrl: nowhere });
    const error = await profile(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeAuthError);
    expect(error).toMatchObject({ code: 'network_error' });
    expect(proxied.connections).toBe(0);
  });

  it('ALL_PROXY alone: the API call does not use it either', async () => {
    setProxyEnv({ ALL_PROXY: proxyUrl, all_proxy: proxyUrl });
    const c = await suite.open({ apiBaseUrl: nowhere });
    const error = await profile(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylyfeError);
    expect(error).not.toBeInstanceOf(PlaylyfeAuthError);
    expect(error).toMatchObject({ code: 'network_error' });
    expect(suite.emulator.stats.tokenRequests).toBe(1);
    expect(proxied.connections).toBe(0);
  });
});

describe('proxySettings', () => {
  it.each([
    [{}, undefined],
    [{ ALL_PROXY: 'http://p:1' }, undefined],
    [{ HTTP_PROXY: 'http://p:1' }, { httpProxy: 'http://p:1', httpsProxy: '', noProxy: '' }],
    [
      { https_proxy: 'http://s:2', HTTPS_PROXY: 'http://S:3' },
      { httpProxy: '', httpsProxy: 'http://s:2', noProxy: '' },
    ],
    [
      { http_proxy: 'http://p:1', NO_PROXY: 'a.example' },
      { httpProxy: 'http://p:1', httpsProxy: '', noProxy: 'a.example' },
    ],
  ])('%o -> %o', (env, expected) => {
    expect(proxySettings(env)).toEqual(expected);
  });
});
