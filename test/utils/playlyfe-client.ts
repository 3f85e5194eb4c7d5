import { Test, type TestingModule } from '@nestjs/testing';
import {
  PlaylyfeModule,
  PlaylyfeService,
  PlaylyfeTokenService,
  type PlaylyfeModuleOptions,
} from '../../lib/index.js';
import { DEMO_CLIENT, PlaylyfeEmulator, type EmulatorOptions } from '../../lib/testing/index.js';
import { PLAYLYFE_CLOCK } from '../../lib/playlyfe.constants.js';
import type { PlaylyfeClock } from '../../lib/utils/clock.js';
import { CaptureLogger } from './capture-logger.js';

/** Options of the demo client pointed at a running emulator. */
export function emulatorOptions(
  emulator: PlaylyfeEmulator,
  overrides: Partial<PlaylyfeModuleOptions> = {},
): PlaylyfeModuleOptions {
  return {
    clientId: DEMO_CLIENT.id,
    clientSecret: DEMO_CLIENT.secret,
    apiBaseUrl: emulator.url,
    authBaseUrl: emulator.url,
    ...overrides,
  };
}

export async function startEmulator(options?: EmulatorOptions): Promise<PlaylyfeEmulator> {
  const emulator = new PlaylyfeEmulator(options);
  await emulator.start();
  return emulator;
}

export interface PlaylyfeTestClient {
  readonly module: TestingModule;
  readonly playlyfe: PlaylyfeService;
  readonly tokens: PlaylyfeTokenService;
  readonly logger: CaptureLogger;
  close(): Promise<void>;
}

/**
 * A compiled and initialised Nest module with one default Playlyfe client on the emulator; with
 * `clock`, the token path reads that clock instead of the system's.
 */
export async function createPlaylyfeClient(
  emulator: PlaylyfeEmulator,
  overrides: Partial<PlaylyfeModuleOptions> = {},
  clock?: PlaylyfeClock,
): Promise<PlaylyfeTestClient> {
  const logger = new CaptureLogger();
  const builder = Test.createTestingModule({
    imports: [PlaylyfeModule.forRoot(emulatorOptions(emulator, overrides))],
  }).setLogger(logger);
  if (clock) builder.overrideProvider(PLAYLYFE_CLOCK).useValue(clock);
  const module = await builder.compile();
  await module.init();
  return {
    module,
    playlyfe: module.get(PlaylyfeService),
    tokens: module.get(PlaylyfeTokenService),
    logger,
    close: (() => {
      let closing: Promise<void> | undefined;
      return () => (closing ??= module.close());
    })(),
  };
}

/** How many times each call, tagged with `?call=<n>`, reached the server. */
export function sendsPerCall(emulator: PlaylyfeEmulator): Map<string, number> {
  const sends = new Map<string, number>();
  for (const entry of emulator.requestLog) {
    const tag = entry.query['call'];
    if (entry.kind === 'api' && tag !== undefined) sends.set(tag, (sends.get(tag) ?? 0) + 1);
  }
  return sends;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
