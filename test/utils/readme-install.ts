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

/**
 * The packages README.md's `### NestJS <major>` line installs besides nestjs-playlyfe, as
 * package.json dependencies: `@nestjs/axios@^4` → `^4`, a bare name → `*`: npm picks the `latest`
 * tag for `*` as a bare `npm install <name>` does, and `npm ls` accepts it (it calls a tag invalid).
 */
export function readmePeers(major: number, readme?: string): Record<string, string> {
  const line = readmeInstallLines(readme).get(major);
  if (line === undefined) throw new Error(`README.md has no "### NestJS ${major}" install line`);
  const specs = line.replace(/^npm install\s+/, '').split(/\s+/);
  const peers: Record<string, string> = {};
  for (const spec of specs) {
    const at = spec.indexOf('@', 1);
    const [name, range] = at === -1 ? [spec, '*'] : [spec.slice(0, at), spec.slice(at + 1)];
    if (name !== 'nestjs-playlyfe') peers[name] = range;
  }
  return peers;
}
