import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, relative, resolve } from 'node:path';
import { Controller, Get, Query, type INestApplication, type ModuleMetadata } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import ts from 'typescript';
import { PlaylyfeModule } from 'nestjs-playlyfe';
import { PlaylyfePlays, PlaylyfePlaysModule } from 'nestjs-playlyfe/plays';
import { PlaylyfePlaysHealthIndicator } from 'nestjs-playlyfe/terminus';
import { CaptureLogger } from '../utils/capture-logger.js';
import { useEmulatorSuite } from '../utils/emulator-suite.js';
import { emulatorOptions } from '../utils/playlyfe-client.js';

/** The health endpoint as docs/plays.md sets it up, with the thresholds from the query. */
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly plays: PlaylyfePlaysHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(@Query('maxDepth') maxDepth?: string, @Query('maxOldestAgeMs') maxOldestAgeMs?: string) {
    return this.health.check([
      () =>
        this.plays.isHealthy('plays', {
          ...(maxDepth === undefined ? {} : { maxDepth: Number(maxDepth) }),
          ...(maxOldestAgeMs === undefined ? {} : { maxOldestAgeMs: Number(maxOldestAgeMs) }),
        }),
    ]);
  }
}

const suite = useEmulatorSuite();
const opened: INestApplication[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
  suite.emulator.resetGame();
});

async function healthApp(imports: ModuleMetadata['imports']): Promise<INestApplication> {
  const module = await Test.createTestingModule({
    imports: [TerminusModule, ...(imports ?? [])],
    controllers: [HealthController],
    providers: [PlaylyfePlaysHealthIndicator],
  })
    .setLogger(new CaptureLogger())
    .compile();
  const app = module.createNestApplication({ logger: false });
  opened.push(app);
  await app.init();
  return app;
}

const withPlays = () => [
  PlaylyfeModule.forRoot(emulatorOptions(suite.emulator)),
  PlaylyfePlaysModule.forRoot({ retryDelayMs: 20, maxRetryDelayMs: 50, drainTimeoutMs: 0 }),
];

describe('PlaylyfePlaysHealthIndicator behind a real Terminus endpoint', () => {
  it('up with the depth and oldest age; down with the figures once Playlyfe stalls and plays pile up; up again once they drain', async () => {
    const app = await healthApp(withPlays());
    const http = () => request(app.getHttpServer() as Server);
    await http()
      .get('/health?maxDepth=2&maxOldestAgeMs=200')
      .expect(200)
      .expect((res) =>
        expect(res.body).toMatchObject({
          status: 'ok',
          info: { plays: { status: 'up', depth: 0, oldestAgeMs: 0 } },
        }),
      );

    // Playlyfe stops answering: the plays are held, retried with backoff.
    const plays = app.get(PlaylyfePlays);
    const port = Number(new URL(suite.emulator.url).port);
    await suite.emulator.stop();
    const ids = [];
    for (const player of ['alice', 'bob', 'carol']) {
      ids.push(
        await plays.enqueue({
          playerId: player,
          actionId: 'complete_quest',
          variables: { points: 1 },
        }),
      );
    }
    await http()
      .get('/health?maxDepth=2')
      .expect(503)
      .expect((res) =>
        expect(res.body).toMatchObject({
          status: 'error',
          error: { plays: { status: 'down', reason: 'max_depth', depth: 3, maxDepth: 2 } },
        }),
      );
    await http().get('/health?maxDepth=3').expect(200);
    await new Promise((r) => setTimeout(r, 250));
    const old = await http().get('/health?maxDepth=3&maxOldestAgeMs=200').expect(503);
    expect(old.body).toMatchObject({
      error: { plays: { status: 'down', reason: 'max_oldest_age', depth: 3, maxOldestAgeMs: 200 } },
    });
    expect((old.body as HealthCheckResult).error?.plays?.oldestAgeMs).toBeGreaterThan(200);

    await suite.emulator.start({ port });
    await Promise.all(ids.map((id) => plays.result(id)));
    await http()
      .get('/health?maxDepth=0&maxOldestAgeMs=0')
      .expect(200)
      .expect((res) =>
        expect((res.body as HealthCheckResult).info).toEqual({
          plays: { status: 'up', depth: 0, oldestAgeMs: 0 },
        }),
      );
  });

  it('fails the app at startup, saying what to import, when PlaylyfePlaysModule is missing', async () => {
    await expect(
      healthApp([PlaylyfeModule.forRoot(emulatorOptions(suite.emulator))]),
    ).rejects.toThrow(
      /PlaylyfePlaysHealthIndicator needs PlaylyfePlaysModule: import PlaylyfePlaysModule\.forRoot\(\)/,
    );
  });

  it('rejects a threshold that is not a number of at least 0', async () => {
    const app = await healthApp(withPlays());
    await expect(
      app.get(PlaylyfePlaysHealthIndicator).isHealthy('plays', { maxDepth: -1 }),
    ).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('nestjs-playlyfe/terminus', () => {
  /** Files a module loads when it is imported: value imports and re-exports, not `import type` nor `import()`. */
  function loadedFrom(entry: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
      for (const statement of source.statements) {
        const specifier =
          (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) ||
          (ts.isExportDeclaration(statement) && !statement.isTypeOnly)
            ? statement.moduleSpecifier
            : undefined;
        if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
        if (!specifier.text.startsWith('.')) continue;
        visit(resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts')));
      }
    };
    visit(entry);
    return seen;
  }

  it('loads no plays code: the plays indicator finds PlaylyfePlays only when an app provides it', () => {
    const root = resolve(import.meta.dirname, '../..');
    const loaded = [...loadedFrom(join(root, 'lib/terminus/index.ts'))].map((file) =>
      relative(root, file),
    );
    expect(loaded).toContain('lib/terminus/plays.health.ts');
    expect(loaded.filter((file) => file.startsWith('lib/plays/'))).toEqual([]);
  });
});
