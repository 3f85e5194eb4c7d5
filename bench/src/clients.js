// The clients the bench compares. Each one makes the same call (GET /v2/runtime/player as alice,
// holding a valid token), reads the whole body and parses the JSON, as an app would.
import 'reflect-metadata';
import http from 'node:http';
import { NestFactory } from '@nestjs/core';
import axios from 'axios';
import { Pool } from 'undici';
import { PlaylyfeModule, PlaylyfeService } from '../../dist/esm/index.js';
import { DEMO_CLIENT } from '../../dist/esm/testing/index.js';

export const ROUTE = '/runtime/player';
export const PLAYER = 'alice';

/** A Nest application context holding one PlaylyfeModule registration against `url`. */
export async function playlyfeApp(url, extra = {}) {
  const app = await NestFactory.createApplicationContext(
    PlaylyfeModule.forRoot({
      clientId: DEMO_CLIENT.id,
      clientSecret: DEMO_CLIENT.secret,
      apiBaseUrl: url,
      authBaseUrl: url,
      ...extra,
    }),
    { logger: false },
  );
  return { app, service: app.get(PlaylyfeService) };
}

/** A token from the emulator's token endpoint, for the bare clients. */
export async function fetchToken(url) {
  const response = await fetch(`${url}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: DEMO_CLIENT.id,
      client_secret: DEMO_CLIENT.secret,
      grant_type: 'client_credentials',
    }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  const { access_token: token } = await response.json();
  return token;
}

const pathFor = (token) =>
  `/v2${ROUTE}?player_id=${PLAYER}&access_token=${encodeURIComponent(token)}`;

function check(status) {
  if (status !== 200) throw new Error(`unexpected status ${status}`);
}

/**
 * PlaylyfeService.get with the module's axios instance switched back to axios's own http adapter
 * (on Node's global agent; the transport before lib/transport's undici adapter was wired in), for
 * `--http-adapter` runs. Token requests stay on undici.
 */
async function httpAdapterPlaylyfe(url) {
  const { app, service } = await playlyfeApp(url);
  service.axios.defaults.adapter = 'http';
  return {
    name: 'PlaylyfeService.get (axios http adapter)',
    call: () => service.get(ROUTE, { playerId: PLAYER }),
    close: () => app.close(),
  };
}

/** Every client of the per-call comparison, ready to call (token held, connections warm after warm-up). */
export async function createClients(url, { tryAdapter = false } = {}) {
  const token = await fetchToken(url);
  const path = pathFor(token);
  const full = `${url}${path}`;

  const { app, service } = await playlyfeApp(url);
  const playlyfe = {
    name: 'PlaylyfeService.get',
    call: () => service.get(ROUTE, { playerId: PLAYER }),
    close: () => app.close(),
  };

  const axiosDefault = {
    name: 'axios (defaults)',
    call: async () => (await axios.get(full)).data,
    close: async () => undefined,
  };

  const noRedirects = axios.create({ maxRedirects: 0 });
  const axiosNoRedirects = {
    name: 'axios (maxRedirects: 0)',
    call: async () => (await noRedirects.get(full)).data,
    close: async () => undefined,
  };

  const pool = new Pool(url, { connections: 64 });
  const undici = {
    name: 'undici Pool.request',
    call: async () => {
      const { statusCode, body } = await pool.request({ path, method: 'GET' });
      check(statusCode);
      return body.json();
    },
    close: () => pool.close(),
  };

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const nodeHttp = {
    name: 'node:http keep-alive',
    call: () =>
      new Promise((resolve, reject) => {
        const req = http.get(full, { agent }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            try {
              check(res.statusCode);
              resolve(JSON.parse(text));
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        });
        req.on('error', reject);
      }),
    close: async () => agent.destroy(),
  };

  const extra = tryAdapter ? [await httpAdapterPlaylyfe(url)] : [];
  return [playlyfe, ...extra, undici, nodeHttp, axiosNoRedirects, axiosDefault];
}
