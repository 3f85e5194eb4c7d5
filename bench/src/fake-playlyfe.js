// A fake Playlyfe for the head-to-head part: the token endpoint and GET /v2/runtime/player, nothing
// else, and as little server work per request as node:http allows, so the client's cost dominates.
// It checks what every client must get right: the token it issued, and the player id.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

export const FAKE_CLIENT = { id: 'bench-client', secret: 'bench-secret' };

const PLAYER = JSON.stringify({
  id: 'alice',
  alias: 'Alice',
  created: '2026-01-05T10:00:00.000Z',
  enabled: true,
  scores: [
    { metric: { id: 'points', name: 'Points', type: 'point' }, value: '1250' },
    { metric: { id: 'xp', name: 'Experience', type: 'point' }, value: '480' },
    {
      metric: { id: 'level', name: 'Level', type: 'state' },
      value: { name: 'Silver', description: 'Past 1000 points' },
    },
    {
      metric: { id: 'badges', name: 'Badges', type: 'set' },
      value: [
        { name: 'Starter', description: 'First play', count: '1' },
        { name: 'Streak', description: 'Seven days in a row', count: '2' },
      ],
    },
  ],
  teams: [],
});

function send(res, status, text) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function startFake() {
  const tokens = new Set();
  let tokenRequests = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url, 'http://fake');
      if (req.method === 'POST' && url.pathname === '/auth/token') {
        tokenRequests++;
        let body = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        } catch {
          // refused below
        }
        if (body.client_id !== FAKE_CLIENT.id || body.client_secret !== FAKE_CLIENT.secret) {
          return send(res, 401, '{"error":"invalid_client","error_description":"bad client"}');
        }
        const token = randomBytes(24).toString('base64url');
        tokens.add(token);
        return send(
          res,
          200,
          JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }),
        );
      }
      if (req.method === 'GET' && url.pathname === '/v2/runtime/player') {
        if (!tokens.has(url.searchParams.get('access_token'))) {
          return send(res, 401, '{"error":"invalid_access_token","error_description":"no"}');
        }
        if (url.searchParams.get('player_id') !== 'alice') {
          return send(res, 404, '{"error":"player_not_found","error_description":"no"}');
        }
        return send(res, 200, PLAYER);
      }
      return send(res, 404, '{"error":"route_not_found","error_description":"no"}');
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    target: {
      get stats() {
        return { tokenRequests };
      },
    },
    stop: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())),
  };
}
