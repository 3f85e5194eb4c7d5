import { describe, expect, it } from '@jest/globals';
import { decodeJwt, jwtVerify } from 'jose';
import { ConfigService } from '@nestjs/config';
import { PlaylyfeService } from 'nestjs-playlyfe';
import { DEMO_CLIENT } from 'nestjs-playlyfe/testing';
import { TokenController } from '../../sample/src/players/token.controller.js';
import { bootSample, useEmbeddedSample } from './sample-app.js';

const booted = useEmbeddedSample();

interface FrontEndToken {
  playerId: string;
  token: string;
  scopes: string[];
  expiresInSeconds: number;
}

async function tokenFor(id: string): Promise<FrontEndToken> {
  const res = await booted.sample.http().get(`/players/${id}/token`).expect(200);
  return res.body as FrontEndToken;
}

describe('GET /players/:id/token', () => {
  it('answers a <client_id>:<jwt> signed with the client secret, for the player, read-only, not cached', async () => {
    const res = await booted.sample.http().get('/players/bob/token').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const answer = res.body as FrontEndToken;
    expect(answer).toMatchObject({
      playerId: 'bob',
      scopes: ['player.runtime.read'],
      expiresInSeconds: 3600,
    });
    expect(answer.token.startsWith(`${DEMO_CLIENT.id}:`)).toBe(true);
    const jwt = answer.token.slice(DEMO_CLIENT.id.length + 1);
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      new TextEncoder().encode(DEMO_CLIENT.secret),
    );
    expect(protectedHeader).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ player_id: 'bob', scopes: ['player.runtime.read'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('is accepted by Playlyfe for reading as that player, not for playing nor for another player', async () => {
    const { token } = await tokenFor('carol');
    const jwt = encodeURIComponent(token);
    const profile = await fetch(
      `${booted.emulator.url}/v2/runtime/player?player_id=carol&jwt=${jwt}`,
    );
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ id: 'carol' });

    const play = await fetch(
      `${booted.emulator.url}/v2/runtime/actions/daily_bonus/play?jwt=${jwt}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      },
    );
    expect(play.status).toBe(403);
    expect(((await play.json()) as { error: string }).error).toBe('access_denied');
    expect(booted.emulator.player('carol')?.plays['daily_bonus']).toBeUndefined();

    const otherPlayer = await fetch(
      `${booted.emulator.url}/v2/runtime/player?player_id=alice&jwt=${jwt}`,
    );
    expect(otherPlayer.status).toBe(403);
  });

  it('an unknown player answers 404 player_not_found and no token', async () => {
    const res = await booted.sample.http().get('/players/ghost/token').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'player_not_found' });
    expect(res.text).not.toContain(DEMO_CLIENT.id);
  });

  it('a bad player id answers 400', async () => {
    const res = await booted.sample
      .http()
      .get(`/players/${'t'.repeat(65)}/token`)
      .expect(400);
    expect((res.body as { message: string }).message).toBe(
      'player id must be at most 64 characters',
    );
  });

  it('lives PLAYLYFE_FRONT_END_TOKEN_SECONDS seconds when set', async () => {
    const short = await bootSample({ PLAYLYFE_FRONT_END_TOKEN_SECONDS: '90' });
    try {
      const res = await short.http().get('/players/alice/token').expect(200);
      const answer = res.body as FrontEndToken;
      expect(answer.expiresInSeconds).toBe(90);
      const claims = decodeJwt(answer.token.slice(DEMO_CLIENT.id.length + 1));
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(90);
    } finally {
      await short.close();
    }
  });

  it('refuses a PLAYLYFE_FRONT_END_TOKEN_SECONDS out of range, naming it', () => {
    for (const value of ['0', '86401', 'soon']) {
      const config = new ConfigService({ PLAYLYFE_FRONT_END_TOKEN_SECONDS: value });
      expect(() => new TokenController(booted.sample.app.get(PlaylyfeService), config)).toThrow(
        `PLAYLYFE_FRONT_END_TOKEN_SECONDS must be an integer between 1 and 86400 (got '${value}')`,
      );
    }
  });
});
