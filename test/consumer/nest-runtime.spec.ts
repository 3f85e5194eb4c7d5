import { describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PlaylyfeModule, PlaylyfeService } from 'nestjs-playlyfe';
import commonPackage from '@nestjs/common/package.json' with { type: 'json' };
import corePackage from '@nestjs/core/package.json' with { type: 'json' };

/**
 * Which NestJS the suite really loads: `npm test` the repo's NestJS 12, `npm run test:nest11`
 * (PLAYLYFE_NEST=11, jest.nest11.config.js) compat/nest11's NestJS 11 with @nestjs/axios 4.
 */
const nest = process.env.PLAYLYFE_NEST ?? '12';
const major = (version: string) => version.split('.')[0];

describe(`the NestJS the suite loads (expected: ${nest})`, () => {
  it(`is @nestjs/common and @nestjs/core ${nest}`, () => {
    expect(major(commonPackage.version)).toBe(nest);
    expect(major(corePackage.version)).toBe(nest);
  });

  it(`is @nestjs/axios ${nest === '11' ? 4 : 12}`, async () => {
    // @nestjs/axios 12 has an exports map without ./package.json; 4 has none, so its package.json loads.
    const specifier: string = '@nestjs/axios/package.json';
    const loaded = import(specifier, { with: { type: 'json' } }) as Promise<{
      default: { version: string };
    }>;
    if (nest === '11') {
      expect(major((await loaded).default.version)).toBe('4');
    } else {
      await expect(loaded).rejects.toThrow("Cannot find module '@nestjs/axios/package.json'");
    }
  });

  it('boots the library module with it', async () => {
    @Module({ imports: [PlaylyfeModule.forRoot({ clientId: 'id', clientSecret: 'secret' })] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    try {
      expect(moduleRef.get(PlaylyfeService)).toBeInstanceOf(PlaylyfeService);
    } finally {
      await moduleRef.close();
    }
  });
});
