import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

let work: string;
let files: string[];

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  // Inside the repo's node_modules, so the unpacked package finds its peers (@nestjs/*, axios, rxjs) by walking up.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  work = mkdtempSync(join(cache, 'playlyfe-pack-'));
  run('npm', ['run', 'build', '--silent'], root);
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root)) as {
    filename: string;
    files: { path: string }[];
  }[];
  files = packed[0].files.map((file) => file.path);
  const app = join(work, 'app');
  const target = join(app, 'node_modules', 'nestjs-playlyfe');
  mkdirSync(target, { recursive: true });
  run('tar', ['-xzf', join(work, packed[0].filename), '-C', target, '--strip-components=1'], work);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds dist/, README, LICENSE and package.json, and nothing else of the repo', () => {
    const outside = files.filter((path) => !path.startsWith('dist/'));
    expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/testing/index.js');
    expect(files.some((path) => path.includes('.spec.'))).toBe(false);
  });

  it('imports in an ESM app', () => {
    const app = join(work, 'app');
    writeFileSync(
      join(app, 'esm.mjs'),
      `import 'reflect-metadata';
import { PlaylyfeModule, PlaylyfeService, PlaylyfeError } from 'nestjs-playlyfe';
import { PlaylyfeEmulator } from 'nestjs-playlyfe/testing';
console.log(JSON.stringify([typeof PlaylyfeModule.forRoot, typeof PlaylyfeService, typeof PlaylyfeError, typeof PlaylyfeEmulator]));`,
    );
    expect(JSON.parse(run('node', ['esm.mjs'], app))).toEqual([
      'function',
      'function',
      'function',
      'function',
    ]);
  });

  it('require()s in a CommonJS script', () => {
    const app = join(work, 'app');
    writeFileSync(
      join(app, 'cjs.cjs'),
      `require('reflect-metadata');
const { PlaylyfeModule, PlaylyfeService } = require('nestjs-playlyfe');
const { PlaylyfeEmulator } = require('nestjs-playlyfe/testing');
console.log(JSON.stringify([typeof PlaylyfeModule.forRootAsync, typeof PlaylyfeService, typeof PlaylyfeEmulator]));`,
    );
    const out = execFileSync('node', ['--no-warnings', 'cjs.cjs'], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['function', 'function', 'function']);
  });
});
