// Focused checks of the undici axios adapter (lib/transport) that carries every API call, against
// real node:http servers on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import axios, { type AxiosError, type AxiosHeaders, type AxiosInstance } from 'axios';
import { createServer, type Server } from 'node:http';
import { getEventListeners } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { UndiciTransport } from '../../lib/transport/undici-transport.js';
import { ERR_RESPONSE_TOO_LARGE } from '../../lib/transport/undici-axios.adapter.js';

const big = 'x'.repeat(5000);
const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];
let otherHits = 0;
let server: Server;
let other: Server;
let base: string;
let transport: UndiciTransport;
let client: AxiosInstance;

const portOf = (s: Server): number => (s.address() as AddressInfo).port;
const listen = (s: Server): Promise<void> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
const close = (s: Server): Promise<void> =>
  new Promise((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });

beforeAll(async () => {
  other = createServer((_req, res) => {
    otherHits++;
    res.end('other');
  });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      switch (url.pathname) {
        case '/json':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ ok: true, q: url.search }));
        case '/echo':
          res.writeHead(201, { 'content-type': 'text/plain', 'x-many': ['a', 'b'] });
          return res.end(body);
        case '/redirect':
          res.writeHead(302, { location: `http://127.0.0.1:${portOf(other)}/stolen` });
          return res.end();
        case '/slow':
          return void setTimeout(() => res.end('late'), 500).unref();
        case '/slow-body':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('partial');
          return void setTimeout(() => res.end('rest'), 500).unref();
        case '/big':
          res.writeHead(200, { 'content-length': big.length });
          return res.end(big);
        case '/big-chunked':
          res.writeHead(200);
          res.write(big.slice(0, 2500));
          return void setImmediate(() => res.end(big.slice(2500)));
        case '/drop':
          return void req.socket.destroy();
        case '/drop-mid-body':
          res.writeHead(200, { 'content-length': 100 });
          res.write('only part');
          return void setImmediate(() => req.socket.destroy());
        case '/gzip':
          res.writeHead(200, { 'content-encoding': 'gzip' });
          return res.end(gzipSync('unzipped text'));
        case '/gzip-big':
          res.writeHead(200, { 'content-encoding': 'gzip' });
          return res.end(gzipSync(big));
        case '/missing':
          res.writeHead(404, { 'content-type': 'application/json' });
          return res.end('{"error":"not_found"}');
        default:
          res.writeHead(500);
          return res.end();
      }
    });
  });
  await listen(server);
  await listen(other);
  base = `http://127.0.0.1:${portOf(server)}`;
  transport = new UndiciTransport({});
  client = axios.create({ adapter: transport.adapter });
});

afterAll(async () => {
  await transport.close();
  await close(server);
  await close(other);
});

async function failure(promise: Promise<unknown>): Promise<AxiosError> {
  try {
    await promise;
  } catch (error) {
    return error as AxiosError;
  }
  throw new Error('expected a rejection');
}

describe('undici axios adapter', () => {
  it('GETs JSON (parsed by axios) with headers and status text, asking for JSON', async () => {
    const res = await client.get(`${base}/json?a=1&b=x+y`);
    expect(res.status).toBe(200);
    expect(res.statusText).toBe('OK');
    expect(res.data).toEqual({ ok: true, q: '?a=1&b=x+y' });
    expect(res.headers['content-type']).toBe('application/json');
    expect((res.headers as AxiosHeaders).get('Content-Type')).toBe('application/json');
    expect(seen.at(-1)?.headers.accept).toBe('application/json, text/plain, */*');
    // Without axios's header defaults (as on the module's instance) it asks for JSON itself.
    const bare = axios.create({ adapter: transport.adapter });
    delete (bare.defaults as { headers?: unknown }).headers;
    await bare.get(`${base}/json`);
    expect(seen.at(-1)?.headers.accept).toBe('application/json');
  });

  it('refuses what it does not implement: baseURL, params, URL credentials, other protocols', async () => {
    const refused = [
      client.get('/json', { baseURL: base }),
      client.get(`${base}/json`, { params: { a: 1 } }),
      client.get(`http://user:pw@127.0.0.1:${portOf(server)}/json`),
      client.get('ftp://127.0.0.1/json'),
      client.get('not a url'),
    ];
    for (const call of refused) {
      const error = await failure(call);
      expect(axios.isAxiosError(error)).toBe(true);
      expect(['ERR_BAD_REQUEST', 'ERR_INVALID_URL']).toContain(error.code);
    }
    expect(seen.filter((r) => r.headers.authorization !== undefined)).toHaveLength(0);
  });

  it('sends a URL with dot segments as the URL parser resolves it', async () => {
    const res = await client.get(`${base}/x/%2e%2E/json`);
    expect(res.data).toEqual({ ok: true, q: '' });
  });

  it('returns text untouched with responseType text and a pass-through transform', async () => {
    const res = await client.get<string>(`${base}/json`, {
      responseType: 'text',
      transformResponse: (d: unknown) => d,
    });
    expect(typeof res.data).toBe('string');
    expect((JSON.parse(res.data) as { ok: boolean }).ok).toBe(true);
  });

  it('sends string bodies and headers; answers multi-value headers', async () => {
    const res = await client.post(`${base}/echo`, '{"a":1}', {
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'v' },
      responseType: 'text',
    });
    expect(res.status).toBe(201);
    expect(res.data).toBe('{"a":1}');
    const req = seen.at(-1);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-custom']).toBe('v');
    expect(req?.headers['content-length']).toBe('7');
  });

  it('sends stream bodies', async () => {
    const res = await client.post(`${base}/echo`, Readable.from(['str', 'eam']), {
      responseType: 'text',
    });
    expect(res.data).toBe('stream');
  });

  it('never follows a redirect, whatever maxRedirects says', async () => {
    const res = await client.get(`${base}/redirect`, { maxRedirects: 5, validateStatus: null });
    expect(res.status).toBe(302);
    expect(otherHits).toBe(0);
  });

  it('rejects non-2xx by validateStatus with the response attached', async () => {
    const error = await failure(client.get(`${base}/missing`));
    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.code).toBe('ERR_BAD_REQUEST');
    expect(error.response?.status).toBe(404);
    expect(error.response?.data).toEqual({ error: 'not_found' });
  });

  it('times out with ECONNABORTED, before headers and during the body', async () => {
    for (const path of ['/slow', '/slow-body']) {
      const error = await failure(client.get(`${base}${path}`, { timeout: 100 }));
      expect(error.code).toBe('ECONNABORTED');
      expect(error.message).toMatch(/timeout of 100ms exceeded/);
    }
  });

  it('cancels on an AbortSignal: before headers, during the body, and when already aborted', async () => {
    const early = new AbortController();
    setTimeout(() => early.abort(), 50);
    expect(
      axios.isCancel(await failure(client.get(`${base}/slow`, { signal: early.signal }))),
    ).toBe(true);
    const mid = new AbortController();
    setTimeout(() => mid.abort(), 100);
    expect(
      axios.isCancel(await failure(client.get(`${base}/slow-body`, { signal: mid.signal }))),
    ).toBe(true);
    expect(
      axios.isCancel(await failure(client.get(`${base}/json`, { signal: AbortSignal.abort() }))),
    ).toBe(true);
  });

  it('lets go of the signal once the call settles, whichever way', async () => {
    const caller = new AbortController();
    await client.get(`${base}/json`, { signal: caller.signal });
    await failure(client.get(`${base}/missing`, { signal: caller.signal }));
    await failure(client.get(`${base}/drop`, { signal: caller.signal }));
    await failure(client.get(`${base}/slow`, { signal: caller.signal, timeout: 50 }));
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('enforces maxContentLength with and without a content-length', async () => {
    for (const path of ['/big', '/big-chunked', '/gzip-big']) {
      const error = await failure(
        client.get(`${base}${path}`, { maxContentLength: 1000, responseType: 'text' }),
      );
      expect(error.code).toBe(ERR_RESPONSE_TOO_LARGE);
      expect(error.message).toMatch(/maxContentLength size of 1000 exceeded/);
    }
    const ok = await client.get<string>(`${base}/big`, {
      maxContentLength: 5000,
      responseType: 'text',
    });
    expect(ok.data).toHaveLength(5000);
  });

  it('surfaces dropped connections as errors with a code', async () => {
    const e1 = await failure(client.get(`${base}/drop`));
    expect(axios.isAxiosError(e1)).toBe(true);
    expect(e1.code).toBe('ECONNRESET');
    const e2 = await failure(client.get(`${base}/drop-mid-body`, { responseType: 'text' }));
    expect(axios.isAxiosError(e2)).toBe(true);
    expect(e2.code).toBeTruthy();
  });

  it('reports a refused connection as ECONNREFUSED', async () => {
    const closed = createServer();
    await listen(closed);
    const port = portOf(closed);
    await close(closed);
    const error = await failure(client.get(`http://127.0.0.1:${port}/`));
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('decompresses gzip unless decompress is false', async () => {
    const res = await client.get(`${base}/gzip`, { responseType: 'text' });
    expect(res.data).toBe('unzipped text');
    const raw = await client.get<string>(`${base}/gzip`, { decompress: false });
    expect(raw.data.charCodeAt(0)).toBe(0x1f);
  });

  it('closes its sockets when closed', async () => {
    const own = new UndiciTransport({});
    const sockets = new Set<Socket>();
    const onConnection = (socket: Socket): void => void sockets.add(socket);
    server.on('connection', onConnection);
    await axios.get(`${base}/json`, { adapter: own.adapter });
    server.off('connection', onConnection);
    expect(sockets.size).toBe(1);
    const [socket] = sockets;
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await own.close();
    await closed;
  });
});
