import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import type { PlaylyfeModuleOptions } from '../../lib/index.js';
import type { PlaylyfeClock } from '../../lib/utils/clock.js';
import {
  DEMO_CLIENT,
  type EmulatorOptions,
  type PlaylyfeEmulator,
} from '../../lib/testing/index.js';
import { createPlaylyfeClient, startEmulator, type PlaylyfeTestClient } from './playlyfe-client.js';

export interface EmulatorSuite {
  readonly emulator: PlaylyfeEmulator;
  /** A Nest module with a Playlyfe client on the emulator (on `clock` if given), closed after the test. */
  open(
    overrides?: Partial<PlaylyfeModuleOptions>,
    clock?: PlaylyfeClock,
  ): Promise<PlaylyfeTestClient>;
}

/**
 * Registers the usual hooks of a spec file: one emulator for the file; faults, the demo client's
 * token lifetime and the counters reset before each test; every client opened by a test closed after it.
 */
export function useEmulatorSuite(
  options?: EmulatorOptions,
  defaults: Partial<PlaylyfeModuleOptions> = {},
): EmulatorSuite {
  let started: PlaylyfeEmulator | undefined;
  const opened: PlaylyfeTestClient[] = [];
  const emulator = (): PlaylyfeEmulator => {
    if (!started) throw new Error('the emulator is started in beforeAll');
    return started;
  };

  beforeAll(async () => {
    started = await startEmulator(options);
  });
  beforeEach(() => {
    emulator().clearFaults();
    if (!options?.clients) emulator().setTokenLifetime(DEMO_CLIENT.id, 3600);
    emulator().resetStats();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((client) => client.close()));
  });
  afterAll(async () => {
    await started?.stop();
  });

  return {
    get emulator() {
      return emulator();
    },
    async open(overrides = {}, clock?: PlaylyfeClock) {
      const client = await createPlaylyfeClient(emulator(), { ...defaults, ...overrides }, clock);
      opened.push(client);
      return client;
    },
  };
}
