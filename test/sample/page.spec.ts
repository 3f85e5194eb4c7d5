import { describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackOrigins } from '../../sample/src/page/page-origins.service.js';
import { bootSample, embedded, useEmbeddedSample } from './sample-app.js';

const booted = useEmbeddedSample();

describe('the player page files', () => {
  it('GET / answers the page, with a CSP that lets it reach the sample and Playlyfe only', async () => {
    const res = await booted.sample.http().get('/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<script type="module" src="/page/app.js"></script>');
    expect(res.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/); // nothing from a CDN
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${booted.emulator.url}`);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('GET /page/config.json tells the page where Playlyfe is and which actions to offer', async () => {
    const res = await booted.sample.http().get('/page/config.json').expect(200);
    expect(res.body).toMatchObject({
      playlyfeApiUrl: `${booted.emulator.url}/v2`,
      activityEveryMs: 1000,
    });
    const actions = (res.body as { actions: { id: string; variables?: unknown }[] }).actions;
    expect(actions[0]).toEqual(
      expect.objectContaining({ id: 'complete_quest', variables: { points: 300, quest: 'main' } }),
    );
    expect(res.text).not.toContain('secret');
  });

  it.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['playlyfe-reader.js', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
  ])('serves /page/%s as %s', async (file, type) => {
    const res = await booted.sample.http().get(`/page/${file}`).expect(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves nothing else from disk', async () => {
    for (const path of ['/page/index.html', '/page/..%2Fpackage.json', '/page/constructor']) {
      const res = await booted.sample.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});

describe("the embedded emulator's CORS", () => {
  it("allows the sample's own origins once it listens, and no other", async () => {
    const sample = await bootSample();
    try {
      const emulator = embedded(sample);
      await sample.app.listen(0, '127.0.0.1');
      const { port } = (sample.app.getHttpServer() as Server).address() as AddressInfo;
      expect(emulator.corsOrigins).toEqual(loopbackOrigins(port));
      expect(emulator.corsOrigins).toContain(`http://localhost:${port}`);

      const preflight = (origin: string) =>
        fetch(`${emulator.url}/v2/runtime/player`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'GET' },
        });
      expect((await preflight(`http://127.0.0.1:${port}`)).status).toBe(204);
      expect((await preflight(`http://127.0.0.1:${port + 1}`)).status).toBe(403);
    } finally {
      await sample.close();
    }
  });
});
