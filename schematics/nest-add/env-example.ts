import type { Tree } from '@angular-devkit/schematics';

const LINES = `# Playlyfe (nestjs-playlyfe): a client of your game, from the Playlyfe dashboard
PLAYLYFE_CLIENT_ID=
PLAYLYFE_CLIENT_SECRET=
# Other hosts than Playlyfe's (the tests set them to the local emulator)
# PLAYLYFE_API_URL=https://api.playlyfe.com
# PLAYLYFE_AUTH_URL=https://playlyfe.com
`;

/** Adds the PLAYLYFE_* lines to .env.example (created if missing), once. */
export function addEnvExample(tree: Tree): void {
  const path = '.env.example';
  const current = tree.exists(path) ? tree.readText(path) : undefined;
  if (current?.includes('PLAYLYFE_CLIENT_ID=')) return;
  if (current === undefined) tree.create(path, LINES);
  else
    tree.overwrite(
      path,
      `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}${LINES}`,
    );
}
