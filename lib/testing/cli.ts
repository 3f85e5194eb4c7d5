#!/usr/bin/env node
import { DEMO_CLIENT } from './emulator-auth.js';
import { PlaylyfeEmulator } from './emulator.js';

const DEFAULT_PORT = 4010;

const USAGE = `Usage: playlyfe-emulator [--port <port>]

Starts a local Playlyfe (v2 API and token endpoint) on 127.0.0.1 with the demo game.

Options:
  -p, --port <port>  port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  -h, --help         show this help
`;

class UsageError extends Error {}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(`invalid --port '${raw ?? ''}': expected an integer from 0 to 65535`);
  }
  return Number(raw);
}

function parseArgs(argv: readonly string[]): { port: number; help: boolean } {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { port, help: true };
    if (arg === '-p' || arg === '--port') port = parsePort(argv[++i]);
    else if (arg.startsWith('--port=')) port = parsePort(arg.slice('--port='.length));
    else throw new UsageError(`unknown argument '${arg}'`);
  }
  return { port, help: false };
}

async function main(): Promise<void> {
  let args: { port: number; help: boolean };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`playlyfe-emulator: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = new PlaylyfeEmulator();
  let url: string;
  try {
    url = await emulator.start({ port: args.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${args.port} is already in use` : String(error);
    process.stderr.write(`playlyfe-emulator: cannot start: ${why}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    [
      `Playlyfe emulator listening on ${url} (demo game)`,
      '',
      "Paste into your app's .env; pass PLAYLYFE_API_URL as `apiBaseUrl` and PLAYLYFE_AUTH_URL as",
      '`authBaseUrl` (the library appends /v2 and /auth/token itself):',
      '',
      `PLAYLYFE_API_URL=${url}`,
      `PLAYLYFE_AUTH_URL=${url}`,
      `PLAYLYFE_CLIENT_ID=${DEMO_CLIENT.id}`,
      `PLAYLYFE_CLIENT_SECRET=${DEMO_CLIENT.secret}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`playlyfe-emulator: ${String(error)}\n`);
  process.exit(1);
});
