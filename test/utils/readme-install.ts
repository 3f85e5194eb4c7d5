import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The `npm install` line under each `### NestJS <major>` heading of README.md's Install section. */
export function readmeInstallLines(
  readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8'),
): Map<number, string> {
  const lines = new Map<number, string>();
  const block = /^### NestJS (\d+)\n+```sh\n(npm install [^\n]+)\n```/gm;
  for (const match of readme.matchAll(block)) lines.set(Number(match[1]), match[2] ?? '');
  return lines;
}
