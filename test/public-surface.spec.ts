import { describe, expect, it } from '@jest/globals';
import type { DynamicModule } from '@nestjs/common';
import {
  PlaylyfeModule,
  type PlaylyfeGameApi,
  type PlaylyfeModuleAsyncOptions,
  type PlaylyfePlayerScope,
  type PlaylyfePlayersApi,
  type PlaylyfeService,
  type PlaylyfeTeamsApi,
} from 'nestjs-playlyfe';

/**
 * The values each entry point exports at runtime, pinned: a new export is a decision (add it here),
 * an internal that leaks or a public name that disappears fails. Types are not in these lists.
 */
const RUNTIME_EXPORTS: Record<string, () => Promise<object>> = {
  'nestjs-playlyfe': () => import('nestjs-playlyfe'),
  'nestjs-playlyfe/testing': () => import('nestjs-playlyfe/testing'),
  'nestjs-playlyfe/redis': () => import('nestjs-playlyfe/redis'),
  'nestjs-playlyfe/terminus': () => import('nestjs-playlyfe/terminus'),
  'nestjs-playlyfe/plays': () => import('nestjs-playlyfe/plays'),
};

const PINNED: Record<string, string[]> = {
  'nestjs-playlyfe': [
    'DEFAULT_PLAYLYFE_CLIENT',
    'InMemoryTokenStore',
    'InjectPlaylyfe',
    'InjectPlaylyfeTokenService',
    'InjectPlaylyfeTokens',
    'PlaylyfeApiError',
    'PlaylyfeAuthError',
    'PlaylyfeError',
    'PlaylyfeExceptionFilter',
    'PlaylyfeModule',
    'PlaylyfeService',
    'PlaylyfeTokenService',
    'findPlaylyfeScore',
    'getPlaylyfeServiceToken',
    'getPlaylyfeTokenServiceToken',
    'isPlaylyfeChange',
    'isPlaylyfeScore',
  ],
  'nestjs-playlyfe/testing': [
    'DEMO_CLIENT',
    'DEMO_GAME',
    'EMULATOR_ASSUMPTIONS',
    'PlaylyfeEmulator',
    'RUNTIME_CLIENT',
    'startPlaylyfeTestEnvironment',
  ],
  'nestjs-playlyfe/redis': ['RedisTokenStore'],
  'nestjs-playlyfe/terminus': ['PlaylyfeHealthIndicator', 'PlaylyfePlaysHealthIndicator'],
  'nestjs-playlyfe/plays': [
    'PlaylyfePlay',
    'PlaylyfePlayInterceptor',
    'PlaylyfePlays',
    'PlaylyfePlaysModule',
  ],
};

describe('the public surface', () => {
  it.each(Object.keys(RUNTIME_EXPORTS))('%s exports exactly its pinned values', async (entry) => {
    const exported = Object.keys(await RUNTIME_EXPORTS[entry]()).sort();
    expect(exported).toEqual([...PINNED[entry]].sort());
  });

  it('exports the API classes as types only: the service builds them', async () => {
    const root = await import('nestjs-playlyfe');
    for (const name of [
      'PlaylyfePlayersApi',
      'PlaylyfeTeamsApi',
      'PlaylyfeGameApi',
      'PlaylyfePlayerScope',
    ]) {
      expect(root).not.toHaveProperty(name);
    }
  });

  it('PlaylyfeModuleAsyncOptions is what forRootAsync takes, name included', () => {
    const options: PlaylyfeModuleAsyncOptions = {
      name: 'orders',
      useFactory: () => ({ clientId: 'id', clientSecret: 'secret' }),
    };
    const module: DynamicModule = PlaylyfeModule.forRootAsync(options);
    expect(module.module).toBe(PlaylyfeModule);
  });
});

// Compile-time: the type-only exports still name what the service hands out.
export type ServiceParts = [
  PlaylyfeService['players'] extends PlaylyfePlayersApi ? true : never,
  PlaylyfeService['teams'] extends PlaylyfeTeamsApi ? true : never,
  PlaylyfeService['game'] extends PlaylyfeGameApi ? true : never,
  ReturnType<PlaylyfeService['forPlayer']> extends PlaylyfePlayerScope ? true : never,
];
