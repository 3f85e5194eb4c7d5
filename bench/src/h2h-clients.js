// The three clients of the head-to-head part, each making the same call against the fake Playlyfe
// (GET /v2/runtime/player as alice, token held, body parsed as JSON): the undici floor, this module,
// and the official Node SDK (playlyfe@0.4.4, the bench's own dependency: npm ci --prefix bench).
import { createRequire } from 'node:module';
import { Pool } from 'undici';
import { PLAYER, ROUTE, playlyfeApp } from './clients.js';
import { FAKE_CLIENT } from './fake-playlyfe.js';

const require = createRequire(import.meta.url);

export const FLOOR = 'undici Pool (floor)';
export const MODULE = 'nestjs-playlyfe';
export const SDK = 'playlyfe@0.4.4 (official SDK)';

async function fetchToken(url) {
  const response = await fetch(`${url}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: FAKE_CLIENT.id,
      client_secret: FAKE_CLIENT.secret,
      grant_type: 'client_credentials',
    }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return (await response.json()).access_token;
}

function checked(player) {
  if (player?.id !== PLAYER) throw new Error(`unexpected answer ${JSON.stringify(player)}`);
  return player;
}

/** The floor: an undici Pool holding a token, as lean as an HTTP client call gets in Node. */
async function floor(url) {
  const path = `/v2${ROUTE}?player_id=${PLAYER}&access_token=${encodeURIComponent(await fetchToken(url))}`;
  const pool = new Pool(url, { connections: 64 });
  return {
    name: FLOOR,
    call: async () => {
      const { statusCode, body } = await pool.request({ path, method: 'GET' });
      if (statusCode !== 200) throw new Error(`unexpected status ${statusCode}`);
      return checked(await body.json());
    },
    close: () => pool.close(),
  };
}

async function nestjsPlaylyfe(url) {
  const { app, service } = await playlyfeApp(url, {
    clientId: FAKE_CLIENT.id,
    clientSecret: FAKE_CLIENT.secret,
  });
  return {
    name: MODULE,
    call: async () => checked(await service.get(ROUTE, { playerId: PLAYER })),
    close: () => app.close(),
  };
}

/** The official SDK as its README shows it (client credentials, its own token store in memory). */
function officialSdk(url) {
  const { Playlyfe } = require('playlyfe');
  const sdk = new Playlyfe({
    type: 'client',
    version: 'v2',
    client_id: FAKE_CLIENT.id,
    client_secret: FAKE_CLIENT.secret,
    auth_endpoint: url,
    api_endpoint: url,
  });
  return {
    name: SDK,
    // A fresh query object per call: the SDK writes access_token into it.
    call: async () => checked(await sdk.get(ROUTE, { player_id: PLAYER })),
    close: async () => undefined,
  };
}

export async function createH2hClients(url) {
  return [await floor(url), await nestjsPlaylyfe(url), officialSdk(url)];
}
