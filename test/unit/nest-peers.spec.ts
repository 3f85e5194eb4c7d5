import { describe, expect, it } from '@jest/globals';
import { installLine, nestMajorOf, peerLoadMessage } from '../../lib/utils/nest-peers.js';
import { readmeInstallLines, readmePeers } from '../utils/readme-install.js';

describe('the peers per NestJS major', () => {
  it('gives the install line of each major', () => {
    expect(installLine(10)).toBe(
      'npm install nestjs-playlyfe @nestjs/axios@^3 axios @nestjs/config@^3',
    );
    expect(installLine(11)).toBe(
      'npm install nestjs-playlyfe @nestjs/axios@^4 axios @nestjs/config@^4',
    );
    expect(installLine(12)).toBe('npm install nestjs-playlyfe @nestjs/axios axios @nestjs/config');
  });

  it('reads the major of a version or a range', () => {
    expect(nestMajorOf('11.2.10')).toBe(11);
    expect(nestMajorOf('^10.0.0')).toBe(10);
    expect(nestMajorOf('12.5.1')).toBe(12);
    expect(nestMajorOf('9.4.0')).toBeUndefined();
    expect(nestMajorOf(undefined)).toBeUndefined();
  });

  it('an ESM-only peer in a NestJS 11 app: the package, the range and the install line', () => {
    expect(peerLoadMessage('@nestjs/axios', '12.0.1', '11.2.10', 'esm-only')).toBe(
      'nestjs-playlyfe: @nestjs/axios 12.0.1 is ESM-only and cannot be loaded by require() in this ' +
        'NestJS 11 app (Jest and Node without require(esm) fail on it). NestJS 11 needs ' +
        '@nestjs/axios@^4.0.0. Fix: npm install @nestjs/axios@^4',
    );
    expect(peerLoadMessage('@nestjs/config', '12.0.1', '10.4.22', 'esm-only')).toContain(
      'Fix: npm install @nestjs/config@^3',
    );
    expect(peerLoadMessage('@nestjs/terminus', '12.2.0', '11.0.0', 'esm-only')).toContain(
      'Fix: npm install @nestjs/terminus@^11',
    );
  });

  it('a missing peer: the install line of the app’s major', () => {
    expect(peerLoadMessage('@nestjs/axios', undefined, '11.0.0', 'missing')).toBe(
      'nestjs-playlyfe needs @nestjs/axios, which this NestJS 11 app does not have. Install it ' +
        'with: npm install nestjs-playlyfe @nestjs/axios@^4 axios @nestjs/config@^4',
    );
  });
});

describe('README.md', () => {
  it('gives, under a heading per NestJS major, the install line of that major', () => {
    expect([...readmeInstallLines()]).toEqual([
      [12, installLine(12)],
      [11, installLine(11)],
      [10, installLine(10)],
    ]);
  });

  it('reads the peers of a line as the dependencies the consumer matrix installs', () => {
    expect(readmePeers(11)).toEqual({
      '@nestjs/axios': '^4',
      axios: '*',
      '@nestjs/config': '^4',
    });
    expect(readmePeers(12)).toEqual({
      '@nestjs/axios': '*',
      axios: '*',
      '@nestjs/config': '*',
    });
    expect(() => readmePeers(9)).toThrow('README.md has no "### NestJS 9" install line');
  });
});
