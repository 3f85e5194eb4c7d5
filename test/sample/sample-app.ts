import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import request from 'supertest';
import type { PlaylyfeEmulator } from 'nestjs-playlyfe/testing';
import { AppModule } from '../../sample/src/app.module.js';
import { EmbeddedEmulatorService } from '../../sample/src/emulator/embedded-emulator.service.js';
import { CaptureLogger } from '../utils/capture-logger.js';

/** Every variable the sample reads; cleared before each boot so nothing leaks in from the shell or another test. */
export const SAMPLE_ENV = [
  'PLAYLYFE_CLIENT_ID',
  'PLAYLYFE_CLIENT_SECRET',
  'PLAYLYFE_API_URL',
  'PLAYLYFE_AUTH_URL',
  'PLAYLYFE_TIMEOUT_MS',
  'PLAYLYFE_EMULATOR_PORT',
  'PLAYLYFE_DEFAULT_PLAYER',
  'PLAYLYFE_FRONT_END_TOKEN_SECONDS',
] as const;

export type SampleEnv = Partial<Record<(typeof SAMPLE_ENV)[number], string>>;

/** The sample's AppModule, initialised (not listening); supertest drives its HTTP server. */
export interface SampleApp {
  readonly app: INestApplication;
  readonly logger: CaptureLogger;
  /** The embedded emulator, or undefined when the app was booted with credentials. */
  readonly emulator: PlaylyfeEmulator | undefined;
  /** A supertest agent on the app. */
  http(): ReturnType<typeof request>;
  /** Closes the app (and with it the embedded emulator) and restores the environment. */
  close(): Promise<void>;
}

function applyEnv(env: SampleEnv): () => void {
  const saved = new Map(SAMPLE_ENV.map((name) => [name, process.env[name]]));
  for (const name of SAMPLE_ENV) delete process.env[name];
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** Boots the sample with exactly `env` as its PLAYLYFE_* environment (none: the embedded emulator). */
export async function bootSample(env: SampleEnv = {}): Promise<SampleApp> {
  const restore = applyEnv(env);
  const logger = new CaptureLogger();
  let app: INestApplication | undefined;
  try {
    const module = await Test.createTestingModule({ imports: [AppModule] })
      .setLogger(logger)
      .compile();
    app = module.createNestApplication();
    await app.init();
  } catch (error) {
    await app?.close();
    restore();
    throw error;
  }
  const opened = app;
  const server = opened.getHttpServer() as Server;
  return {
    app: opened,
    logger,
    emulator: opened.get(EmbeddedEmulatorService).emulator,
    http: () => request(server),
    close: async () => {
      try {
        await opened.close();
      } finally {
        restore();
      }
    },
  };
}

/** The embedded emulator of an app booted without credentials. */
export function embedded(sample: SampleApp): PlaylyfeEmulator {
  if (sample.emulator === undefined)
    throw new Error('the sample was booted with credentials: no embedded emulator');
  return sample.emulator;
}

/** Boots the sample on its embedded emulator once for the spec file, and closes it after. */
export function useEmbeddedSample(): {
  readonly sample: SampleApp;
  readonly emulator: PlaylyfeEmulator;
} {
  let booted: SampleApp | undefined;
  beforeAll(async () => {
    booted = await bootSample();
  });
  afterAll(async () => {
    await booted?.close();
  });
  const sample = (): SampleApp => {
    if (!booted) throw new Error('the sample is booted in beforeAll');
    return booted;
  };
  return {
    get sample() {
      return sample();
    },
    get emulator() {
      return embedded(sample());
    },
  };
}

/** `value` of a metric in a profile's scores. */
export function score(profile: unknown, metric: string): string | undefined {
  const scores = (profile as { scores: { metric: { id: string }; value: string }[] }).scores;
  return scores.find((s) => s.metric.id === metric)?.value;
}
