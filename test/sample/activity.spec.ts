import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delay } from '../utils/playlyfe-client.js';
import { useEmbeddedSample } from './sample-app.js';

// GET /players/:id/activity streams a player's events as Server-Sent Events, over a real socket.
const booted = useEmbeddedSample();
let base = '';

beforeAll(async () => {
  // Closed with the app by useEmbeddedSample.
  await booted.sample.app.listen(0, '127.0.0.1');
  const { port } = (booted.sample.app.getHttpServer() as Server).address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
});

const polls = (id: string): number =>
  booted.emulator.requestLog.filter((e) => e.route === `/admin/players/${id}/activity`).length;

/** The count once it has not changed for 300 ms; fails if it keeps changing for 10 s. */
async function settledCount(count: () => number): Promise<number> {
  for (let waited = 0; waited < 10_000; waited += 300) {
    const before = count();
    await delay(300);
    if (count() === before) return before;
  }
  throw new Error('the count never settled');
}

/** Reads SSE events (`event:` name and parsed `data:`) until `enough` says so. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  enough: (names: string[]) => boolean,
): Promise<{ name: string; data: { id: string } }[]> {
  const events: { name: string; data: { id: string } }[] = [];
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  while (!enough(events.map((e) => e.name))) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (key: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${key}: `))
          ?.slice(key.length + 2);
      const data = field('data');
      if (data !== undefined) {
        events.push({
          name: field('event') ?? 'message',
          data: JSON.parse(data) as { id: string },
        });
      }
    }
  }
  reader.releaseLock();
  return events;
}

describe('GET /players/:id/activity (Server-Sent Events)', () => {
  it('streams the level-up and the badge of a play; closing the connection stops the polling', async () => {
    await booted.sample.http().post('/players').send({ id: 'watcher' }).expect(201);
    const abort = new AbortController();
    const res = await fetch(`${base}/players/watcher/activity?every=20`, { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');

    while (polls('watcher') === 0) await delay(5);
    const played = await booted.sample
      .http()
      .post('/players/watcher/actions/complete_quest')
      .send({ variables: { points: 300 } })
      .expect(200);
    const events = await readEvents(res.body!, (names) => names.length >= 3);
    expect(events.map((e) => e.name)).toEqual(['action', 'level', 'achievement']);
    expect(events.map((e) => e.data.id)).toEqual(
      (played.body as { events: { local: { id: string }[] } }).events.local.map((e) => e.id),
    );

    abort.abort();
    // Polling every 20 ms, the count settles only if the stream was unsubscribed.
    const settled = await settledCount(() => polls('watcher'));
    await delay(300);
    expect(polls('watcher')).toBe(settled);
  });

  it('an unknown player answers 404 and a bad every answers 400', async () => {
    const unknown = await fetch(`${base}/players/ghost/activity`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'player_not_found' });
    const bad = await fetch(`${base}/players/alice/activity?every=1`);
    expect(bad.status).toBe(400);
    await bad.body?.cancel();
  });
});
