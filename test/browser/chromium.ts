import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The distribution's Chromium (`apt-get install chromium`); never a downloaded browser. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Headless, and nothing that reaches out on its own: without the background-networking flags
 * Chromium's own connections are refused by a closed network and slow every start.
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium with a fresh profile (Playwright makes a new temporary user data dir per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 60_000 });
}

/** One request the browser made, with every header and the body it sent. */
export interface SeenRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** One answer the browser got (the body of an event stream is not read). */
export interface SeenResponse {
  url: URL;
  status: number;
  body: string;
}

/** Everything a browser context sends and receives, for the checks on secrets. */
export class TrafficRecorder {
  readonly requests: SeenRequest[] = [];
  readonly responses: SeenResponse[] = [];
  private readonly pending: Promise<void>[] = [];

  constructor(context: BrowserContext) {
    context.on('request', (request) => {
      this.pending.push(
        request.allHeaders().then((headers) => {
          this.requests.push({
            url: new URL(request.url()),
            method: request.method(),
            headers,
            body: request.postData() ?? '',
          });
        }),
      );
    });
    context.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      const body = type.includes('text/event-stream')
        ? Promise.resolve('')
        : response.text().catch(() => '');
      this.pending.push(
        body.then((text) => {
          this.responses.push({
            url: new URL(response.url()),
            status: response.status(),
            body: text,
          });
        }),
      );
    });
  }

  /** Waits for the headers and bodies still being read. */
  async settle(): Promise<void> {
    await Promise.all(this.pending);
  }
}

/** A page whose errors fail the test instead of passing unseen. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
