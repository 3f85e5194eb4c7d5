import { describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { DEMO_CLIENT, DEMO_GAME, PlaylyfeEmulator } from '../../lib/testing/index.js';
import { call, tokenFor } from './emulator-helpers.js';

/** A GET through a keep-alive agent; resolves to the status, or rejects when the socket dies. */
function keepAliveGet(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe('emulator lifecycle', () => {
  it('has no url before start, listens on 127.0.0.1 and answers on the url it gives', async () => {
    const emulator = new PlaylyfeEmulator();
    expect(() => emulator.url).toThrow(/not started/);
    const url = await emulator.start();
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.url).toBe(url);
      expect(
        (await call(url, 'GET', '/runtime/player', { query: { player_id: 'alice' } })).status,
      ).toBe(401);
      await expect(emulator.start()).rejects.toThrow(/already started/);
    } finally {
      await emulator.stop();
    }
    expect(() => emulator.url).toThrow(/not started/);
  });

  it('stop is idempotent and the emulator can start again, keeping its game', async () => {
    const emulator = new PlaylyfeEmulator();
    await emulator.start();
    const token = await tokenFor(emulator.url);
    await call(emulator.url, 'POST', '/admin/players', { token, body: { id: 'kept' } });
    await Promise.all([emulator.stop(), emulator.stop()]);
    await emulator.stop();
    await emulator.start();
    try {
      expect(emulator.player('kept')).toBeDefined();
      emulator.resetGame();
      expect(emulator.player('kept')).toBeUndefined();
      expect(emulator.player('alice')?.scores.xp).toBe(120);
    } finally {
      await emulator.stop();
    }
  });

  it('starts on a given port', async () => {
    const probe = new PlaylyfeEmulator();
    const port = Number(new URL(await probe.start()).port);
    await probe.stop();
    const emulator = new PlaylyfeEmulator();
    try {
      expect(await emulator.start({ port })).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await emulator.stop();
    }
    await expect(new PlaylyfeEmulator().start({ port: 70000 })).rejects.toThrow(RangeError);
  });

  it('stop closes idle keep-alive connections promptly', async () => {
    const emulator = new PlaylyfeEmulator();
    await emulator.start();
    const agent = new http.Agent({ keepAlive: true });
    try {
      expect(await keepAliveGet(agent, `${emulator.url}/v2/runtime/player`)).toBe(401);
      const started = Date.now();
      await emulator.stop();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      agent.destroy();
    }
  });

  it('stop closes connections with a request in flight', async () => {
    const emulator = new PlaylyfeEmulator();
    await emulator.start();
    const agent = new http.Agent({ keepAlive: true });
    try {
      emulator.setApiLatency(20_000);
      const pending = keepAliveGet(agent, `${emulator.url}/v2/runtime/player`);
      const settled = pending.then(
        () => 'answered',
        () => 'closed',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await emulator.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await settled).toBe('closed');
    } finally {
      agent.destroy();
    }
  });

  it('validates its options', () => {
    expect(() => new PlaylyfeEmulator({ clients: [] })).toThrow(/at least one client/);
    expect(() => new PlaylyfeEmulator({ clients: [DEMO_CLIENT, DEMO_CLIENT] })).toThrow(/twice/);
    expect(() => new PlaylyfeEmulator({ clients: [{ id: 'x', secret: '' }] })).toThrow(/secret/);
    expect(
      () => new PlaylyfeEmulator({ clients: [{ ...DEMO_CLIENT, tokenLifetimeSeconds: -1 }] }),
    ).toThrow(RangeError);
    expect(
      () =>
        new PlaylyfeEmulator({
          game: { ...DEMO_GAME, leaderboards: [{ id: 'l', name: 'L', metric: 'nope' }] },
        }),
    ).toThrow(/unknown metric/);
    expect(
      () =>
        new PlaylyfeEmulator({
          game: {
            ...DEMO_GAME,
            actions: [
              { id: 'a', name: 'A', rewards: [{ metric: 'xp', verb: 'add', value: "$vars['x']" }] },
            ],
          },
        }),
    ).toThrow(/undeclared/);
    expect(() => new PlaylyfeEmulator({ logLimit: -1 })).toThrow(RangeError);
  });

  it('gives a client without routes the runtime family only', async () => {
    const emulator = new PlaylyfeEmulator({ clients: [DEMO_CLIENT] });
    await emulator.start();
    try {
      const token = await tokenFor(emulator.url);
      expect((await call(emulator.url, 'GET', '/admin/players', { token })).status).toBe(403);
      const runtime = await call(emulator.url, 'GET', '/runtime/player', {
        token,
        query: { player_id: 'alice' },
      });
      expect(runtime.status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });

  it('keeps DEMO_GAME immutable and hands out copies of player state', () => {
    expect(Object.isFrozen(DEMO_GAME.players[0])).toBe(true);
    const emulator = new PlaylyfeEmulator();
    const alice = emulator.player('alice');
    if (alice === undefined) throw new Error('alice is seeded');
    alice.scores['xp'] = 1;
    expect(emulator.player('alice')?.scores['xp']).toBe(120);
    expect(emulator.player('nobody')).toBeUndefined();
  });
});
