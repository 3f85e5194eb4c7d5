import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jwtVerify } from 'jose';
import { getPlaylyfeTokenServiceToken, type PlaylyfeTokenService } from 'nestjs-playlyfe';
import { DEMO_CLIENT } from 'nestjs-playlyfe/testing';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { launchChromium, TrafficRecorder, watchErrors } from './chromium.js';
import { createPlayer, serveSample, type ServedSample } from './served-sample.js';

/**
 * The screenshot sample/README.md opens with, refreshed with `UPDATE_SCREENSHOT=1 npm run
 * test:browser`; other runs write it to the temp folder, so a run leaves the tree clean.
 */
const SCREENSHOT =
  process.env['UPDATE_SCREENSHOT'] === '1'
    ? fileURLToPath(new URL('../../sample/page.png', import.meta.url))
    : join(tmpdir(), 'nestjs-playlyfe-page.png');
const SECRET_KEY = new TextEncoder().encode(DEMO_CLIENT.secret);
const WAIT_MS = 20_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface OpenPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function openPage(
  options: { width?: number; height?: number; fakeClock?: boolean } = {},
): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  if (options.fakeClock === true) await context.clock.install();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  return { context, page, errors: watchErrors(page) };
}

const levelIs = (page: Page, name: string) =>
  page
    .locator('#level-name')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .waitFor();
const experienceIs = (page: Page, value: string) =>
  page
    .locator('.stat[data-metric="xp"] dd')
    .filter({ hasText: new RegExp(`^${value}$`) })
    .waitFor();

/** `<client_id>:<jwt>` → the JWT's claims, checked against the client secret. */
async function verifiedClaims(value: string): Promise<Record<string, unknown>> {
  const colon = value.indexOf(':');
  expect(value.slice(0, colon)).toBe(DEMO_CLIENT.id);
  const { payload } = await jwtVerify(value.slice(colon + 1), SECRET_KEY);
  return payload;
}

describe('the player page (front-end JWTs valid 1 hour)', () => {
  let served: ServedSample;
  let opened: OpenPage;
  let traffic: TrafficRecorder;

  beforeAll(async () => {
    served = await serveSample();
    opened = await openPage();
    traffic = new TrafficRecorder(opened.context);
  });
  afterAll(async () => {
    await opened?.context.close();
    await served?.close();
  });

  it('creates a new player, plays the quest, and shows Hero and Quest Master without reloading', async () => {
    const { page } = opened;
    await page.goto(`${served.url}/`);
    await page.getByLabel('Your name').fill('Ada');
    await page.getByRole('button', { name: 'Create my player' }).click();
    await page.waitForURL(`${served.url}/?player=ada`);
    await levelIs(page, 'Novice');
    expect(await page.locator('li.badge.earned').count()).toBe(0);

    let reloads = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloads += 1;
    });
    await page.getByRole('button', { name: /Complete the main quest/ }).click();
    await levelIs(page, 'Hero');
    await page.locator('li.badge.earned[data-badge="Quest Master"]').waitFor();
    await experienceIs(page, '300');
    const announced = await page.getByRole('status').innerText();
    expect(announced).toContain('Level up! You are now Hero.');
    expect(announced).toContain('New badge: Quest Master!');
    expect(await page.evaluate("document.getElementById('level-progress').value")).toBe(100);
    const me = page.locator('#leaderboard-rows tr[aria-current="true"]');
    expect(await me.innerText()).toMatch(/#1\s+Ada\s+you\s+300/);

    // the activity stream (Server-Sent Events) brings the same events
    await page.locator('#activity li', { hasText: 'Level reached: Hero' }).waitFor();
    await page.locator('#activity li', { hasText: 'Badge earned: Quest Master' }).waitFor();
    await page.locator('#activity li', { hasText: '+300 Experience' }).waitFor();
    expect(reloads).toBe(0);

    // the profile and the leaderboard were read from Playlyfe with the JWT, not through the backend
    const jwtReads = served.emulator.requestLog.filter((e) => e.auth === 'jwt' && e.status === 200);
    expect(new Set(jwtReads.map((e) => e.route))).toEqual(
      new Set(['/runtime/player', '/runtime/leaderboards', '/runtime/leaderboards/xp_leaderboard']),
    );
    expect(opened.errors).toEqual([]);

    await page.mouse.move(0, 0);
    await page.evaluate('document.activeElement?.blur()');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('sends Playlyfe only the read-only JWT: never the client secret nor a backend access token', async () => {
    await traffic.settle();
    const playlyfe = new URL(served.emulator.url).origin;
    const toPlaylyfe = traffic.requests.filter((r) => r.url.origin === playlyfe);
    expect(toPlaylyfe.length).toBeGreaterThan(3);
    for (const request of toPlaylyfe) {
      expect({
        method: request.method,
        runtime: request.url.pathname.startsWith('/v2/runtime/'),
        player: request.url.searchParams.get('player_id'),
        accessToken: request.url.searchParams.has('access_token'),
        authorization: request.headers['authorization'],
      }).toEqual({
        method: 'GET',
        runtime: true,
        player: 'ada',
        accessToken: false,
        authorization: undefined,
      });
      const claims = await verifiedClaims(request.url.searchParams.get('jwt') ?? '');
      expect(claims).toMatchObject({ player_id: 'ada', scopes: ['player.runtime.read'] });
    }

    const tokens = served.sample.app.get<PlaylyfeTokenService>(getPlaylyfeTokenServiceToken());
    const backendToken = await tokens.getAccessToken();
    // the backend's only access token so far: the one looked for below
    expect(served.emulator.stats.tokensIssued).toBe(1);
    const secrets = { clientSecret: DEMO_CLIENT.secret, backendAccessToken: backendToken };
    const leaks: string[] = [];
    for (const request of traffic.requests) {
      const sent = [
        request.url.href,
        decodeURIComponent(request.url.href),
        ...Object.entries(request.headers).flat(),
        request.body,
      ].join('\n');
      for (const [name, value] of Object.entries(secrets)) {
        if (sent.includes(value))
          leaks.push(`${name} sent in ${request.method} ${request.url.href}`);
      }
    }
    for (const response of traffic.responses) {
      for (const [name, value] of Object.entries(secrets)) {
        if (response.body.includes(value)) leaks.push(`${name} received from ${response.url.href}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(traffic.requests.filter((r) => r.url.pathname === '/auth/token')).toEqual([]);
    expect(traffic.requests.length).toBeGreaterThan(10);
  });

  it('renews its JWT on a timer before it expires', async () => {
    await createPlayer(served, 'max', 'Max');
    const { context, page, errors } = await openPage({ fakeClock: true });
    try {
      const tokenAnswers: Response[] = [];
      const refused: string[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname === '/players/max/token') tokenAnswers.push(response);
        if (url.origin === new URL(served.emulator.url).origin && response.status() === 401) {
          refused.push(url.pathname);
        }
      });
      await page.goto(`${served.url}/?player=max`);
      await levelIs(page, 'Novice');
      expect(tokenAnswers).toHaveLength(1);

      const renewed = page.waitForResponse((r) => r.url().endsWith('/players/max/token'));
      await page.clock.runFor(48 * 60_000); // the page renews at 80 % of the token's hour
      expect((await renewed).status()).toBe(200);
      expect(tokenAnswers).toHaveLength(2);
      expect(refused).toEqual([]); // renewed ahead of time, not after Playlyfe refused a read

      await page.getByRole('button', { name: /daily bonus/ }).click();
      await experienceIs(page, '5');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works by keyboard, announces what arrives, and fits a 360 px wide screen', async () => {
    await createPlayer(served, 'kim', 'Kim');
    const { context, page, errors } = await openPage({ width: 360, height: 780 });
    try {
      await page.goto(`${served.url}/?player=kim`);
      await levelIs(page, 'Novice');
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBe(0);
      expect(await page.locator('#celebration').getAttribute('aria-live')).toBe('polite');
      expect(await page.locator('#activity').getAttribute('role')).toBe('log');

      let focused = '';
      for (let i = 0; i < 20 && focused !== 'Complete the main quest'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate<string>(
          "document.activeElement?.querySelector('.play-label')?.textContent ?? ''",
        );
      }
      expect(focused).toBe('Complete the main quest');
      const outline = await page.evaluate(
        '(s => `${s.outlineStyle} ${s.outlineWidth}`)(getComputedStyle(document.activeElement))',
      );
      expect(outline).toBe('solid 3px');
      await page.keyboard.press('Enter');
      await levelIs(page, 'Hero');
      expect(await page.getByRole('status').innerText()).toContain('New badge: Quest Master!');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the player page when its JWT expires (front-end JWTs valid 5 s)', () => {
  let served: ServedSample;

  beforeAll(async () => {
    // 5 s, not 2: on a loaded machine a page that reads after a play could outlive a 2 s JWT twice.
    served = await serveSample({ PLAYLYFE_FRONT_END_TOKEN_SECONDS: '5' });
  });
  afterAll(async () => {
    await served?.close();
  });

  /** Whether Playlyfe (the emulator) still accepts a front-end JWT. */
  const accepted = async (jwt: string): Promise<boolean> => {
    const url = `${served.emulator.url}/v2/runtime/player?jwt=${encodeURIComponent(jwt)}`;
    return (await fetch(url)).status === 200;
  };

  it('gets a new JWT when Playlyfe refuses an expired one, and the page keeps working', async () => {
    await createPlayer(served, 'eve', 'Eve');
    const { context, page, errors } = await openPage({ fakeClock: true });
    try {
      const minted: string[] = [];
      let tokenRequests = 0;
      const playlyfeAnswers: { jwt: string; status: number }[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/players/eve/token')) tokenRequests += 1;
      });
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (url.pathname === '/players/eve/token') {
          minted.push(((await response.json()) as { token: string }).token);
        } else if (url.origin === new URL(served.emulator.url).origin) {
          playlyfeAnswers.push({
            jwt: url.searchParams.get('jwt') ?? '',
            status: response.status(),
          });
        }
      });
      await page.goto(`${served.url}/?player=eve`);
      await levelIs(page, 'Novice');

      // Stop the page's clock, so its renewal timer cannot save the JWT, then let the JWT expire.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
      const deadline = Date.now() + WAIT_MS;
      while (tokenRequests !== minted.length || (await accepted(minted.at(-1) ?? ''))) {
        if (Date.now() > deadline) throw new Error('the front-end JWT never expired');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const expired = minted.at(-1) as string;
      const mintedBefore = minted.length;

      await page.getByRole('button', { name: /daily bonus/ }).click();
      await experienceIs(page, '5');

      const refusal = playlyfeAnswers.findIndex((a) => a.jwt === expired && a.status === 401);
      expect(refusal).toBeGreaterThanOrEqual(0);
      expect(minted.length).toBeGreaterThan(mintedBefore);
      const after = playlyfeAnswers.slice(refusal + 1);
      expect(after.some((a) => a.status === 200 && minted.indexOf(a.jwt) >= mintedBefore)).toBe(
        true,
      );
      expect(await page.locator('#status').isHidden()).toBe(true);
      // Chromium logs each refused read as a console error; nothing else may fail
      expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
