// Loads a peer as a CommonJS app's require() does, so a wrong install names the package and the
// fix instead of failing inside the library with the test runner's message.
import nestPeers = require('../utils/nest-peers.js');

import fs = require('node:fs');
import path = require('node:path');

/** The installed version of `name` as require() would find it (its exports may hide package.json). */
function versionOf(name: string): string | undefined {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      const manifest = fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8');
      return (JSON.parse(manifest) as { version?: string }).version;
    } catch {
      continue;
    }
  }
  return undefined;
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`)
  );
}

function isEsmOnly(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 'ERR_REQUIRE_ESM' ||
    code === 'ERR_REQUIRE_ASYNC_MODULE' ||
    (typeof message === 'string' &&
      /Must use import to load ES Module|Cannot use import statement outside a module|Unexpected token 'export'/.test(
        message,
      ))
  );
}

/** Loads `name` as this app's require() would; a failure says which package and how to fix it. */
export function checkPeer(name: string, optional: boolean): void {
  try {
    require(name);
  } catch (error) {
    if (isMissing(error, name)) {
      if (optional) return;
      throw new Error(
        nestPeers.peerLoadMessage(name, undefined, versionOf('@nestjs/core'), 'missing'),
        {
          cause: error,
        },
      );
    }
    if (!isEsmOnly(error)) throw error;
    throw new Error(
      nestPeers.peerLoadMessage(name, versionOf(name), versionOf('@nestjs/core'), 'esm-only'),
      { cause: error },
    );
  }
}
