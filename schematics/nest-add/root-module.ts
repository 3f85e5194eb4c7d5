import { SchematicsException, type Tree } from '@angular-devkit/schematics';
import { MetadataManager } from '@nestjs/schematics';

const CONFIG_MODULE = 'ConfigModule.forRoot({ isGlobal: true })';
const PLAYLYFE_MODULE = `PlaylyfeModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        clientId: config.getOrThrow<string>('PLAYLYFE_CLIENT_ID'),
        clientSecret: config.getOrThrow<string>('PLAYLYFE_CLIENT_SECRET'),
        apiBaseUrl: config.get<string>('PLAYLYFE_API_URL'),
        authBaseUrl: config.get<string>('PLAYLYFE_AUTH_URL'),
      }),
    })`;
const FILTER_PROVIDER = '{ provide: APP_FILTER, useClass: PlaylyfeExceptionFilter }';

/** The root module: `options.module`, else `<sourceRoot>/app.module.ts` (sourceRoot from nest-cli.json). */
export function rootModulePath(tree: Tree, module: string | undefined): string {
  if (module !== undefined) return module;
  let sourceRoot = 'src';
  if (tree.exists('nest-cli.json')) {
    const cli = JSON.parse(tree.readText('nest-cli.json')) as { sourceRoot?: string };
    sourceRoot = cli.sourceRoot ?? sourceRoot;
  }
  return `${sourceRoot.replace(/\/$/, '')}/app.module.ts`;
}

/** Adds `symbols` to the import from `from`, or a new import line after the last one. */
function ensureImport(content: string, symbols: string[], from: string): string {
  const existing = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*['"]${from}['"];?`).exec(content);
  if (existing) {
    const have = (existing[1] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const missing = symbols.filter((symbol) => !have.includes(symbol));
    if (missing.length === 0) return content;
    const merged = `import { ${[...have, ...missing].join(', ')} } from '${from}';`;
    return content.replace(existing[0], merged);
  }
  const line = `import { ${symbols.join(', ')} } from '${from}';`;
  const imports = [...content.matchAll(/^import[\s\S]*?from\s+['"][^'"]+['"];?[ \t]*$/gm)];
  const last = imports.at(-1);
  if (!last) return `${line}\n${content}`;
  const end = (last.index ?? 0) + last[0].length;
  return `${content.slice(0, end)}\n${line}${content.slice(end)}`;
}

function insert(content: string, metadata: string, symbol: string): string {
  const next = new MetadataManager(content).insert(metadata, symbol);
  if (next === undefined) throw new SchematicsException('The root module has no @Module({...}).');
  return next;
}

/**
 * Registers ConfigModule (if missing), PlaylyfeModule.forRootAsync with ConfigService and
 * PlaylyfeExceptionFilter as APP_FILTER in the root module; what is already there is left alone.
 */
export function registerInRootModule(tree: Tree, path: string): void {
  if (!tree.exists(path)) {
    throw new SchematicsException(`No root module at ${path}: pass --module <path>.`);
  }
  const before = tree.readText(path);
  let content = before;
  if (!/ConfigModule\.forRoot\s*\(/.test(content)) {
    content = ensureImport(content, ['ConfigModule'], '@nestjs/config');
    content = insert(content, 'imports', CONFIG_MODULE);
  }
  if (!/PlaylyfeModule\.forRoot(Async)?\s*\(/.test(content)) {
    content = ensureImport(content, ['ConfigModule', 'ConfigService'], '@nestjs/config');
    content = ensureImport(content, ['PlaylyfeModule'], 'nestjs-playlyfe');
    content = insert(content, 'imports', PLAYLYFE_MODULE);
  }
  if (!content.includes('PlaylyfeExceptionFilter')) {
    content = ensureImport(content, ['APP_FILTER'], '@nestjs/core');
    content = ensureImport(content, ['PlaylyfeExceptionFilter'], 'nestjs-playlyfe');
    content = insert(content, 'providers', FILTER_PROVIDER);
  }
  if (content !== before) tree.overwrite(path, content);
}
