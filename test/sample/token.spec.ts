import { describe, expect, it } from '@jest/globals';
import { jwtVerify } from 'jose';
import { DEMO_CLIENT } from 'nestjs-playlyfe/testing';
import { useEmbeddedSample } from './sample-app.js';

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
  it('answers a <client_id>:<jwt> signed with the client secret, for the player, with read and write scopes', async () => {
    const answer = await tokenFor('bob');
    expect(answer).toMatchObject({
      playerId: 'bob',
      scopes: ['player.runtime.read', 'player.runtime.write'],
      expiresInSeconds: 3600,
    });
    expect(answer.token.startsWith(`${DEMO_CLIENT.id}:`)).toBe(true);
    const jwt = answer.token.slice(DEMO_CLIENT.id.length + 1);
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      new TextEncoder().encode(DEMO_CLIENT.secret),
    );
    expect(protectedHeader).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      player_id: 'bob',
      scopes: ['player.runtime.read', 'player.runtime.write'],
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('is accepted by Playlyfe for reading and playing as that player', async () => {
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
    expect(play.status).toBe(200);
    expect(booted.emulator.player('carol')?.plays['daily_bonus']).toBe(1);

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
});
