import { DEMO_CLIENT } from './emulator-auth.js';
import { PlaylyfeEmulator } from './emulator.js';
import type { EmulatorOptions } from './emulator.types.js';

/** The variables an app reads to reach Playlyfe, pointed at the emulator. */
export interface PlaylyfeTestEnv {
  PLAYLYFE_API_URL: string;
  PLAYLYFE_AUTH_URL: string;
  PLAYLYFE_CLIENT_ID: string;
  PLAYLYFE_CLIENT_SECRET: string;
}

/** Options of startPlaylyfeTestEnvironment. */
export interface PlaylyfeTestEnvironmentOptions extends EmulatorOptions {
  /** Write the variables into `process.env` (restored by `close()`). Default true. */
  setProcessEnv?: boolean;
  /** Port of the emulator. Default 0: a free port. */
  port?: number;
}

/** A running emulator and the environment that points an app at it. */
export interface PlaylyfeTestEnvironment {
  readonly emulator: PlaylyfeEmulator;
  readonly env: Readonly<PlaylyfeTestEnv>;
  /** Stops the emulator and restores the variables `process.env` had before. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the emulator with its seeded game (the demo game, or `options.game`) and gives the
 * PLAYLYFE_* variables for it, set in `process.env` by default: an AppModule that reads them through
 * ConfigService (`forRootAsync`) then runs unchanged on the emulator. Call it before the app's
 * module is compiled.
 */
export async function startPlaylyfeTestEnvironment(
  options: PlaylyfeTestEnvironmentOptions = {},
): Promise<PlaylyfeTestEnvironment> {
  const { setProcessEnv = true, port, ...emulatorOptions } = options;
  const emulator = new PlaylyfeEmulator(emulatorOptions);
  const url = await emulator.start({ port });
  const client = emulatorOptions.clients?.[0] ?? DEMO_CLIENT;
  const env: PlaylyfeTestEnv = {
    PLAYLYFE_API_URL: url,
    PLAYLYFE_AUTH_URL: url,
    PLAYLYFE_CLIENT_ID: client.id,
    PLAYLYFE_CLIENT_SECRET: client.secret,
  };
  const restore = setProcessEnv ? setVariables(env) : () => undefined;
  let closing: Promise<void> | undefined;
  return {
    emulator,
    env: Object.freeze(env),
    close() {
      closing ??= emulator.stop().finally(restore);
      return closing;
    },
  };
}

function setVariables(env: PlaylyfeTestEnv): () => void {
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
