// Focused checks of lib/transport's undici axios adapter (built into dist/), against real
// node:http servers on 127.0.0.1. Run: npm run build && node --test bench/spec/undici-adapter.spec.js
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import axios from 'axios';
import { PlaylyfeUndiciTransport } from '../../dist/transport/playlyfe-undici.transport.js';

const big = 'x'.repeat(5000);
let server;
let other;
let otherHits = 0;
let base;
let transport;
let client;
const seen = [];

before(async () => {
  other = createServer((req, res) => {
    otherHits++;
    res.end('other');
  });
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      switch (url.pathname) {
        case '/json':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ ok: true, q: url.search }));
        case '/echo':
          res.writeHead(201, { 'content-type': 'text/plain', 'x-many': ['a', 'b'] });
          return res.end(body);
        case '/redirect':
          res.writeHead(302, { location: `http://127.0.0.1:${other.address().port}/stolen` });
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
          return req.socket.destroy();
        case '/drop-mid-body':
          res.writeHead(200, { 'content-length': 100 });
          res.write('only part');
          return void setImmediate(() => req.socket.destroy());
        case '/gzip':
          res.writeHead(200, { 'content-encoding': 'gzip' });
          return res.end(gzipSync('unzipped text'));
        case '/missing':
          res.writeHead(404, { 'content-type': 'application/json' });
          return res.end('{"error":"not_found"}');
        default:
          res.writeHead(500);
          return res.end();
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
  transport = new PlaylyfeUndiciTransport();
  client = axios.create({ adapter: transport.adapter, baseURL: base });
});

after(async () => {
  await transport.onModuleDestroy();
  server.closeAllConnections();
  other.closeAllConnections();
  await new Promise((r) => server.close(r));
  await new Promise((r) => other.close(r));
});

const failure = async (promise) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
};

void describe('undici axios adapter', () => {
  void it('GETs JSON (parsed by axios) with params, headers and status text', async () => {
    const res = await client.get('/json', { params: { a: 1, b: 'x y' } });
    assert.equal(res.status, 200);
    assert.equal(res.statusText, 'OK');
    assert.deepEqual(res.data, { ok: true, q: '?a=1&b=x+y' });
    assert.equal(res.headers['content-type'], 'application/json');
  });

  void it('returns text untouched with responseType text and a pass-through transform', async () => {
    const res = await client.get(`${base}/json`, {
      responseType: 'text',
      transformResponse: (d) => d,
    });
    assert.equal(typeof res.data, 'string');
    assert.equal(JSON.parse(res.data).ok, true);
  });

  void it('sends string bodies and headers; answers multi-value headers', async () => {
    const res = await client.post('/echo', '{"a":1}', {
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'v' },
      responseType: 'text',
    });
    assert.equal(res.status, 201);
    assert.equal(res.data, '{"a":1}');
    const req = seen.at(-1);
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['x-custom'], 'v');
    assert.equal(req.headers['content-length'], '7');
  });

  void it('sends stream bodies', async () => {
    const res = await client.post('/echo', Readable.from(['str', 'eam']), { responseType: 'text' });
    assert.equal(res.data, 'stream');
  });

  void it('never follows a redirect, whatever maxRedirects says', async () => {
    const res = await client.get('/redirect', { maxRedirects: 5, validateStatus: null });
    assert.equal(res.status, 302);
    assert.equal(otherHits, 0);
  });

  void it('rejects non-2xx by validateStatus with the response attached', async () => {
    const error = await failure(client.get('/missing'));
    assert.ok(axios.isAxiosError(error));
    assert.equal(error.code, 'ERR_BAD_REQUEST');
    assert.equal(error.response.status, 404);
    assert.deepEqual(error.response.data, { error: 'not_found' });
  });

  void it('times out with ECONNABORTED (ETIMEDOUT when clarified)', async () => {
    const error = await failure(client.get('/slow', { timeout: 100 }));
    assert.equal(error.code, 'ECONNABORTED');
    assert.match(error.message, /timeout of 100ms exceeded/);
    const clarified = await failure(
      client.get('/slow-body', { timeout: 100, transitional: { clarifyTimeoutError: true } }),
    );
    assert.equal(clarified.code, 'ETIMEDOUT');
  });

  void it('cancels on an AbortSignal: before headers, during the body, and when already aborted', async () => {
    const early = new AbortController();
    setTimeout(() => early.abort(), 50);
    const e1 = await failure(client.get('/slow', { signal: early.signal }));
    assert.ok(axios.isCancel(e1), String(e1));
    const mid = new AbortController();
    setTimeout(() => mid.abort(), 100);
    const e2 = await failure(client.get('/slow-body', { signal: mid.signal }));
    assert.ok(axios.isCancel(e2), String(e2));
    const e3 = await failure(client.get('/json', { signal: AbortSignal.abort() }));
    assert.ok(axios.isCancel(e3), String(e3));
  });

  void it('enforces maxContentLength with and without a content-length', async () => {
    for (const path of ['/big', '/big-chunked']) {
      const error = await failure(
        client.get(path, { maxContentLength: 1000, responseType: 'text' }),
      );
      assert.equal(error.code, 'ERR_BAD_RESPONSE', path);
      assert.match(error.message, /maxContentLength size of 1000 exceeded/);
    }
    const ok = await client.get('/big', { maxContentLength: 5000, responseType: 'text' });
    assert.equal(ok.data.length, 5000);
  });

  void it('surfaces dropped connections as errors with a code', async () => {
    const e1 = await failure(client.get('/drop'));
    assert.ok(axios.isAxiosError(e1));
    assert.equal(e1.code, 'ECONNRESET');
    const e2 = await failure(client.get('/drop-mid-body', { responseType: 'text' }));
    assert.ok(axios.isAxiosError(e2));
    assert.ok(e2.code, 'a code');
  });

  void it('reports a refused connection as ECONNREFUSED', async () => {
    const closed = createServer();
    await new Promise((r) => closed.listen(0, '127.0.0.1', r));
    const port = closed.address().port;
    await new Promise((r) => closed.close(r));
    const error = await failure(client.get(`http://127.0.0.1:${port}/`));
    assert.equal(error.code, 'ECONNREFUSED');
  });

  void it('decompresses gzip unless decompress is false; arraybuffer gives a Buffer', async () => {
    const res = await client.get('/gzip', { responseType: 'text' });
    assert.equal(res.data, 'unzipped text');
    const raw = await client.get('/gzip', { responseType: 'arraybuffer', decompress: false });
    assert.ok(Buffer.isBuffer(raw.data));
    assert.equal(raw.data[0], 0x1f);
  });

  void it('closes its sockets when the module is destroyed', async () => {
    const own = new PlaylyfeUndiciTransport();
    const sockets = new Set();
    const onConnection = (socket) => sockets.add(socket);
    server.on('connection', onConnection);
    await axios.get(`${base}/json`, { adapter: own.adapter });
    server.off('connection', onConnection);
    assert.equal(sockets.size, 1);
    const [socket] = sockets;
    const closed = new Promise((r) => socket.once('close', r));
    await own.onModuleDestroy();
    await closed;
  });
});
