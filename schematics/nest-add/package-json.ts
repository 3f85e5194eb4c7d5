import { SchematicsException, type Tree } from '@angular-devkit/schematics';
import { nestMajorOf, PEERS_BY_NEST_MAJOR, type NestMajor } from '../../lib/utils/nest-peers.js';

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const AXIOS_RANGE = '^1.7.0';

function read(tree: Tree): PackageJson {
  const text = tree.readText('package.json');
  return JSON.parse(text) as PackageJson;
}

/** The NestJS major of the app, from the `@nestjs/core` it depends on. */
export function appNestMajor(tree: Tree): NestMajor {
  if (!tree.exists('package.json')) throw new SchematicsException('No package.json here.');
  const manifest = read(tree);
  const core =
    manifest.dependencies?.['@nestjs/core'] ?? manifest.devDependencies?.['@nestjs/core'];
  const major = nestMajorOf(core);
  if (major === undefined) {
    throw new SchematicsException(
      `nestjs-playlyfe supports NestJS 10, 11 and 12; this app depends on @nestjs/core ${core ?? '(none)'}.`,
    );
  }
  return major;
}

/**
 * Adds the peers that match `major` to `dependencies`; a peer of another major (such as
 * `@nestjs/axios` 12 in a NestJS 11 app) is replaced. Returns whether package.json changed.
 */
export function addPeers(tree: Tree, major: NestMajor, terminus: boolean): boolean {
  const text = tree.readText('package.json');
  const manifest = JSON.parse(text) as PackageJson;
  const dependencies = { ...manifest.dependencies };
  const wanted: Record<string, string> = {
    '@nestjs/axios': PEERS_BY_NEST_MAJOR[major]['@nestjs/axios'],
    '@nestjs/config': PEERS_BY_NEST_MAJOR[major]['@nestjs/config'],
  };
  if (terminus) wanted['@nestjs/terminus'] = PEERS_BY_NEST_MAJOR[major]['@nestjs/terminus'];
  for (const [name, range] of Object.entries(wanted)) {
    const present = dependencies[name] ?? manifest.devDependencies?.[name];
    if (present === undefined || nestMajorOfPeer(present) !== nestMajorOfPeer(range)) {
      dependencies[name] = range;
    }
  }
  dependencies['axios'] ??= AXIOS_RANGE;
  const sorted = Object.fromEntries(
    Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)),
  );
  const next = `${JSON.stringify({ ...manifest, dependencies: sorted }, null, 2)}\n`;
  if (JSON.stringify(sorted) === JSON.stringify(manifest.dependencies ?? {})) return false;
  tree.overwrite('package.json', next);
  return true;
}

function nestMajorOfPeer(range: string): number {
  return Number(/(\d+)/.exec(range)?.[1]);
}
