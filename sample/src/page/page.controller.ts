import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readFile } from 'node:fs/promises';
import { EmbeddedEmulatorService } from '../emulator/embedded-emulator.service.js';
import { setting } from '../playlyfe-options.factory.js';
import { DEMO_PAGE_ACTIONS, type PageAction } from './demo-actions.js';

/** Where the page's files are: `sample/public`, from `sample/src/page` and `sample/dist/page` alike. */
const PUBLIC_DIR = new URL('../../public/', import.meta.url);

/** The files the page is made of, and their content types: nothing else is served. */
const FILES: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'page-logic.js': 'text/javascript; charset=utf-8',
  'playlyfe-reader.js': 'text/javascript; charset=utf-8',
  'render.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/** Playlyfe's API host when `PLAYLYFE_API_URL` is not set (the library's default). */
const PLAYLYFE_API_HOST = 'https://api.playlyfe.com';

/** What the page reads at start: where Playlyfe is, and which buttons to show. */
export interface PageConfig {
  /** `{api host}/v2`: the page calls `{playlyfeApiUrl}/runtime/...?jwt=...` directly. */
  playlyfeApiUrl: string;
  actions: readonly PageAction[];
  /** How often the activity stream polls Playlyfe, in ms. */
  activityEveryMs: number;
}

interface ReplyHeaders {
  setHeader(name: string, value: string): void;
}

/**
 * The player page (`GET /`): plain HTML, CSS and ES modules from `sample/public`, no build step.
 * It reads the profile and the leaderboard from Playlyfe with a read-only front-end JWT
 * (`GET /players/:id/token`), plays through this backend, and follows `GET /players/:id/activity`.
 */
@Controller()
export class PageController {
  constructor(
    private readonly config: ConfigService,
    private readonly embedded: EmbeddedEmulatorService,
  ) {}

  /** `GET /` (`?player=<id>`: that player; none: a form that creates one). */
  @Get()
  async index(@Res({ passthrough: true }) res: ReplyHeaders): Promise<string> {
    const playlyfe = new URL(this.playlyfeApiUrl()).origin;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; ` +
        `connect-src 'self' ${playlyfe}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    return readFile(new URL('index.html', PUBLIC_DIR), 'utf8');
  }

  /** `GET /page/config.json`: see PageConfig. */
  @Get('page/config.json')
  @Header('Cache-Control', 'no-cache')
  pageConfig(): PageConfig {
    return {
      playlyfeApiUrl: this.playlyfeApiUrl(),
      actions: DEMO_PAGE_ACTIONS,
      activityEveryMs: 1000,
    };
  }

  /** `GET /page/<file>`: the page's scripts and style sheet. */
  @Get('page/:file')
  async file(
    @Param('file') file: string,
    @Res({ passthrough: true }) res: ReplyHeaders,
  ): Promise<string> {
    const type = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
    if (type === undefined) throw new NotFoundException(`the page has no file '${file}'`);
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return readFile(new URL(file, PUBLIC_DIR), 'utf8');
  }

  private playlyfeApiUrl(): string {
    const base =
      this.embedded.emulator?.url ?? setting(this.config, 'PLAYLYFE_API_URL') ?? PLAYLYFE_API_HOST;
    return `${base.replace(/\/+$/, '')}/v2`;
  }
}
