import type { Tree } from '@angular-devkit/schematics';

export const SETUP_FILE = 'test/playlyfe-emulator.setup.ts';

function setupSource(runner: 'jest' | 'vitest'): string {
  return `${runner === 'vitest' ? "import { afterAll, beforeAll } from 'vitest';\n" : ''}import {
  startPlaylyfeTestEnvironment,
  type PlaylyfeTestEnvironment,
} from 'nestjs-playlyfe/testing';

// Written by \`nest add nestjs-playlyfe\`: every e2e test file runs on a local Playlyfe emulator
// (its demo game), with PLAYLYFE_* set in process.env; no Playlyfe credentials needed.
let playlyfe: PlaylyfeTestEnvironment | undefined;

beforeAll(async () => {
  playlyfe = await startPlaylyfeTestEnvironment();
});

afterAll(async () => {
  await playlyfe?.close();
});
`;
}

const VITEST_CONFIGS = [
  'vitest.config.e2e.ts',
  'vitest.e2e.config.ts',
  'test/vitest.config.e2e.ts',
  'test/vitest-e2e.config.ts',
  'vitest.config.ts',
  'vitest.config.mts',
];

/** Jest: setupFilesAfterEnv in test/jest-e2e.json. */
function addToJestE2e(tree: Tree): boolean {
  const path = 'test/jest-e2e.json';
  if (!tree.exists(path)) return false;
  const config = JSON.parse(tree.readText(path)) as { setupFilesAfterEnv?: string[] };
  const entry = '<rootDir>/playlyfe-emulator.setup.ts';
  if (!(config.setupFilesAfterEnv ?? []).includes(entry)) {
    config.setupFilesAfterEnv = [...(config.setupFilesAfterEnv ?? []), entry];
    tree.overwrite(path, `${JSON.stringify(config, null, 2)}\n`);
  }
  return true;
}

/** Vitest: setupFiles in the e2e config (or the one config). */
function addToVitest(tree: Tree): boolean {
  const path = VITEST_CONFIGS.find((candidate) => tree.exists(candidate));
  if (path === undefined) return false;
  const content = tree.readText(path);
  if (content.includes('playlyfe-emulator.setup')) return true;
  const entry = `'./${SETUP_FILE}'`;
  const withSetup = /setupFiles\s*:\s*\[/.test(content)
    ? content.replace(/setupFiles\s*:\s*\[/, (found) => `${found}${entry}, `)
    : content.replace(/test\s*:\s*\{/, (found) => `${found}\n    setupFiles: [${entry}],`);
  if (withSetup === content) return false;
  tree.overwrite(path, withSetup);
  return true;
}

/** Writes the e2e setup that starts the emulator and hooks it into the app's e2e runner. */
export function addE2eSetup(tree: Tree): 'jest' | 'vitest' | undefined {
  const runner = addToJestE2e(tree) ? 'jest' : addToVitest(tree) ? 'vitest' : undefined;
  if (runner !== undefined && !tree.exists(SETUP_FILE))
    tree.create(SETUP_FILE, setupSource(runner));
  return runner;
}
