import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import type { SampleEnv } from './sample-app.js';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * The emulator's CLI (`playlyfe-emulator`, lib/testing/cli.ts) compiled as `npm run build` would,
 * into a temporary directory: lib/testing imports nothing outside itself but node builtins, so
 * transpiling its files is the whole build, and the test needs no dist/ (which other specs rebuild).
 * Returns the path of cli.js and a function that removes the directory.
 */
export function buildEmulatorCli(): { cli: string; remove(): void } {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'playlyfe-emulator-cli-'));
  const source = join(root, 'lib', 'testing');
  for (const file of readdirSync(source).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
      fileName: file,
    });
    writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  return { cli: join(dir, 'cli.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `npx playlyfe-emulator --port <port>` as a child process: started, stopped with SIGTERM. */
export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** What the CLI printed: the `PLAYLYFE_*=...` lines to paste into the app's environment. */
    readonly env: SampleEnv,
  ) {}

  static start(cli: string, port: number): Promise<EmulatorProcess> {
    const child = spawn(process.execPath, [cli, '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return new Promise((done, fail) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new Error(`the emulator did not start in 10 s: ${out}${err}`));
      }, 10_000);
      child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the emulator exited with ${code}: ${err}`));
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (!out.includes('Press Ctrl+C to stop.')) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        const env = Object.fromEntries(
          [...out.matchAll(/^(PLAYLYFE_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
        ) as SampleEnv;
        done(new EmulatorProcess(child, env));
      });
    });
  }

  /** Ctrl+C's signal: the CLI stops the emulator and exits; resolves once it has. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((done) => this.child.once('exit', () => done()));
    this.child.kill('SIGTERM');
    return exited;
  }
}
