/** Child processes for test/consumer/apps.spec.ts: a clean user shell, timed, at most N at once. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The child sees neither npm's lifecycle variables nor Jest's NODE_OPTIONS: a clean user shell. */
export const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|NODE_OPTIONS$|PLAYLYFE_)/i.test(key)),
);

export function run(command: string, args: string[], cwd: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
      },
    );
  });
}

/** Runs tasks with at most `limit` at once (tsc and test runners are CPU-bound). */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** `1.2.3` for each named package installed in the app (read from its package.json), `-` when absent. */
export function installedVersions(dir: string, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const manifest = join(dir, 'node_modules', name, 'package.json');
      if (!existsSync(manifest)) return [name, '-'];
      return [name, (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version];
    }),
  );
}

/** Seconds with one decimal, for the timing log. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
