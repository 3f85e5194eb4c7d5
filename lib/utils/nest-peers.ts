/** NestJS majors the package supports. */
export type NestMajor = 10 | 11 | 12;

/** The peer packages whose major must match the app's NestJS major. */
export type NestPeer = '@nestjs/axios' | '@nestjs/config' | '@nestjs/terminus';

/**
 * The range of each peer that matches a NestJS major: what the README's install lines and
 * `nest add nestjs-playlyfe` install. The 12 releases are ESM-only: a CommonJS app (NestJS 10/11)
 * tested with Jest cannot load them.
 */
export const PEERS_BY_NEST_MAJOR: Readonly<Record<NestMajor, Readonly<Record<NestPeer, string>>>> =
  {
    10: { '@nestjs/axios': '^3.0.0', '@nestjs/config': '^3.0.0', '@nestjs/terminus': '^11.0.0' },
    11: { '@nestjs/axios': '^4.0.0', '@nestjs/config': '^4.0.0', '@nestjs/terminus': '^11.0.0' },
    12: { '@nestjs/axios': '^12.0.0', '@nestjs/config': '^12.0.0', '@nestjs/terminus': '^12.0.0' },
  };

/** The major of a version such as `11.2.10` or a range such as `^11.0.0`, if it is a supported one. */
export function nestMajorOf(version: string | undefined): NestMajor | undefined {
  const major = Number(/(\d+)/.exec(version ?? '')?.[1]);
  return major === 10 || major === 11 || major === 12 ? major : undefined;
}

/** `npm install` of the package with the peers that match `major`, as the README gives it. */
export function installLine(major: NestMajor): string {
  const pin = (peer: NestPeer): string =>
    major === 12 ? peer : `${peer}@${PEERS_BY_NEST_MAJOR[major][peer].replace(/\.0\.0$/, '')}`;
  return `npm install nestjs-playlyfe ${pin('@nestjs/axios')} axios ${pin('@nestjs/config')}`;
}

/** Error text when a CommonJS app could not load `peer` (`version`): what is wrong and the line that fixes it. */
export function peerLoadMessage(
  peer: string,
  peerVersion: string | undefined,
  nestVersion: string | undefined,
  reason: 'esm-only' | 'missing',
): string {
  const major = nestMajorOf(nestVersion);
  const app = major ? `this NestJS ${major} app` : 'this app';
  const found = peerVersion ? `${peer} ${peerVersion}` : peer;
  if (reason === 'missing') {
    const fix = major ? installLine(major) : 'npm install nestjs-playlyfe @nestjs/axios axios';
    return `nestjs-playlyfe needs ${peer}, which ${app} does not have. Install it with: ${fix}`;
  }
  if (major === 10 || major === 11) {
    const range = PEERS_BY_NEST_MAJOR[major][peer as NestPeer] ?? '';
    const fix = `npm install ${peer}@${range.replace(/\.0\.0$/, '')}`;
    return (
      `nestjs-playlyfe: ${found} is ESM-only and cannot be loaded by require() in ${app} ` +
      `(Jest and Node without require(esm) fail on it). NestJS ${major} needs ${peer}@${range}. ` +
      `Fix: ${fix}`
    );
  }
  return (
    `nestjs-playlyfe: ${found} is ESM-only and cannot be loaded by require() in ${app}. ` +
    'Load nestjs-playlyfe from ESM ("type": "module", as `nest new` makes NestJS 12 apps), ' +
    'or run on Node >= 20.19 without --no-experimental-require-module.'
  );
}
