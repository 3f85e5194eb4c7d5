import { Test, type TestingModule } from '@nestjs/testing';
import type { ModuleMetadata } from '@nestjs/common';
import { PlaylyfeModule, PlaylyfeService, type PlaylyfeModuleOptions } from '../../lib/index.js';
import {
  PlaylyfePlays,
  PlaylyfePlaysModule,
  type PlaylyfePlayOutcome,
  type PlaylyfePlaysOptions,
} from '../../lib/plays/index.js';
import type { PlaylyfeEmulator } from '../../lib/testing/index.js';
import { CaptureLogger } from '../utils/capture-logger.js';
import { emulatorOptions } from '../utils/playlyfe-client.js';

export interface PlaysApp {
  readonly module: TestingModule;
  readonly plays: PlaylyfePlays;
  readonly playlyfe: PlaylyfeService;
  /** Every outcome emitted so far. */
  readonly outcomes: PlaylyfePlayOutcome[];
  close(): Promise<void>;
}

/** A Nest module with a Playlyfe client on the emulator and PlaylyfePlaysModule, initialised. */
export async function openPlaysApp(
  emulator: PlaylyfeEmulator,
  plays: PlaylyfePlaysOptions = {},
  client: Partial<PlaylyfeModuleOptions> = {},
  {
    playsModuleFirst = false,
    ...extra
  }: Pick<ModuleMetadata, 'controllers'> & {
    /** Imports PlaylyfePlaysModule before PlaylyfeModule. */
    playsModuleFirst?: boolean;
  } = {},
): Promise<PlaysApp> {
  const imports = [
    PlaylyfeModule.forRoot(emulatorOptions(emulator, client)),
    PlaylyfePlaysModule.forRoot({ settleDelayMs: 50, retryDelayMs: 20, ...plays }),
  ];
  if (playsModuleFirst) imports.reverse();
  const module = await Test.createTestingModule({ imports, ...extra })
    .setLogger(new CaptureLogger())
    .compile();
  await module.init();
  const service = module.get(PlaylyfePlays);
  const outcomes: PlaylyfePlayOutcome[] = [];
  service.results$.subscribe((o) => outcomes.push(o));
  let closing: Promise<void> | undefined;
  return {
    module,
    plays: service,
    playlyfe: module.get(PlaylyfeService),
    outcomes,
    close: () => (closing ??= module.close()),
  };
}

/** Resolves once `check` holds, polling every 10 ms; rejects after `ms`. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
