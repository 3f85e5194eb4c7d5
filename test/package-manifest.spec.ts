import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The manifest says what the code needs: every package lib/ imports is declared where an installing
 * app gets it (peerDependencies or dependencies, not devDependencies), and every path package.json
 * points at exists once the library is built.
 */
const root = resolve(import.meta.dirname, '..');

interface Manifest {
  main: string;
  types: string;
  files: string[];
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Bare, non-built-in specifiers (static, type-only, dynamic and require) of one file, by package name. */
function packagesImportedBy(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter(
      (specifier) =>
        !specifier.startsWith('.') && !specifier.startsWith('/') && !isBuiltin(specifier),
    )
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

function importsOf(dir: string): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const file of sources(dir)) {
    for (const name of packagesImportedBy(file)) {
      users.set(name, [...(users.get(name) ?? []), relative(root, file)]);
    }
  }
  return users;
}

/** Every file path an exports entry can resolve to, whatever the conditions. */
function targets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (entry === null || typeof entry !== 'object') return [];
  return Object.values(entry).flatMap(targets);
}

describe('package.json declares what lib/ imports', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    expect([...importsOf(join(root, 'lib')).keys()]).toEqual(
      expect.arrayContaining(['@nestjs/common', 'axios']),
    );
  });

  it('declares every package lib/ imports in peerDependencies or dependencies', () => {
    const declared = new Set([
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.dependencies ?? {}),
    ]);
    const undeclared = [...importsOf(join(root, 'lib'))].filter(([name]) => !declared.has(name));
    expect(Object.fromEntries(undeclared)).toEqual({});
  });

  it('keeps nestjs-playlyfe/testing (the emulator) on Node built-ins only', () => {
    expect(Object.fromEntries(importsOf(join(root, 'lib', 'testing')))).toEqual({});
  });
});

describe('package.json points at files the build emits', () => {
  let out: string;

  beforeAll(() => {
    // A real build, into a directory of its own so as not to race other specs that pack dist/.
    out = mkdtempSync(join(tmpdir(), 'playlyfe-manifest-'));
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    for (const [config, format] of [
      ['tsconfig.build.json', 'esm'],
      ['tsconfig.build.cjs.json', 'cjs'],
    ]) {
      execFileSync(tsc, ['-p', config, '--outDir', join(out, format)], {
        cwd: root,
        stdio: 'pipe',
      });
    }
  }, 120_000);

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  /** Where a package path (./dist/...) is in the build output. */
  const built = (path: string) => join(out, relative('dist', path));

  it('exports ".", "./testing" and "./redis", each as an ESM and a CommonJS build with its own types', () => {
    expect(Object.keys(manifest.exports)).toEqual(
      expect.arrayContaining(['.', './testing', './redis', './package.json']),
    );
    for (const [subpath, entry] of Object.entries(manifest.exports)) {
      if (subpath === './package.json') continue;
      const conditions = entry as Record<string, Record<string, string>>;
      expect({ subpath, conditions: Object.keys(conditions) }).toEqual({
        subpath,
        conditions: ['import', 'require'],
      });
      for (const [condition, format] of [
        ['import', 'esm'],
        ['require', 'cjs'],
      ]) {
        const target = conditions[condition];
        expect({ subpath, condition, keys: Object.keys(target) }).toEqual({
          subpath,
          condition,
          keys: ['types', 'default'],
        });
        expect(target.types.startsWith(`./dist/${format}/`)).toBe(true);
        expect(target.default.startsWith(`./dist/${format}/`)).toBe(true);
      }
    }
  });

  it('has an export for every entry point of lib/ (a folder with an index.ts)', () => {
    const entries = readdirSync(join(root, 'lib'), { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(join(root, 'lib', entry.name, 'index.ts')),
      )
      .map((entry) => `./${entry.name}`);
    expect(Object.keys(manifest.exports).sort()).toEqual(
      ['.', './package.json', ...entries].sort(),
    );
  });

  it('has every exports, main, types, typesVersions and bin target in dist/, shipped by "files"', () => {
    const paths = [
      ...Object.entries(manifest.exports)
        .filter(([subpath]) => subpath !== './package.json')
        .flatMap(([, entry]) => targets(entry)),
      manifest.main,
      manifest.types,
      ...Object.values(manifest.bin),
      ...Object.values(manifest.typesVersions ?? {}).flatMap((map) => Object.values(map).flat()),
    ];
    expect(paths.length).toBeGreaterThan(5);
    const wrong = paths.filter((path) => !path.startsWith('./dist/') || !existsSync(built(path)));
    expect(wrong).toEqual([]);
    // lib/ ships too: the source maps of dist/ point at it; docs/ so README's links work from npm.
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'lib', 'docs']));
  });

  it('maps every exported subpath to its types in typesVersions too (node10 resolution ignores exports)', () => {
    const expected = Object.entries(manifest.exports)
      .filter(([subpath]) => subpath !== '.' && subpath !== './package.json')
      .map(([subpath, entry]) => [
        subpath.slice(2),
        [(entry as { require: { types: string } }).require.types],
      ]);
    expect(manifest.typesVersions?.['*']).toEqual(Object.fromEntries(expected));
  });
});
