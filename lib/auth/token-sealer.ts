import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** A token as shared between instances: absolute expiry (epoch ms) and its original lifetime. */
export interface TokenGrant {
  readonly token: string;
  readonly expiresAtEpochMs: number;
  readonly lifetimeMs: number;
  /** Fingerprint of the rejected token this one was fetched to replace, if any. */
  readonly replaces?: string;
}

/** A token's fingerprint (not the token): compared in sealed records, never logged. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

/** When the token request of `grant` was sent (epoch ms). */
export function issuedAt(grant: TokenGrant): number {
  return grant.expiresAtEpochMs - grant.lifetimeMs;
}

const VERSION = 'v1';
const SALT = 'nestjs-playlyfe token store';

/**
 * Encrypts grants with AES-256-GCM under a key derived (HKDF-SHA256) from the client secret and bound
 * to the store key, so a reader of the store without the secret cannot use the token.
 */
export class TokenSealer {
  readonly #key: Buffer;

  constructor(
    secret: string,
    private readonly storeKey: string,
  ) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, SALT, storeKey, 32));
  }

  seal(grant: TokenGrant): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(this.storeKey));
    const payload = JSON.stringify({
      t: grant.token,
      e: grant.expiresAtEpochMs,
      l: grant.lifetimeMs,
      r: grant.replaces,
    });
    const body = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The grant, or `undefined` when the value is not one this secret sealed (rotated secret, tampering). */
  open(sealed: string): TokenGrant | undefined {
    if (!sealed.startsWith(`${VERSION}.`)) return undefined;
    try {
      const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(this.storeKey));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
      const { t, e, l, r } = JSON.parse(text) as { t: unknown; e: unknown; l: unknown; r: unknown };
      if (typeof t !== 'string' || typeof e !== 'number' || typeof l !== 'number') return undefined;
      const replaces = typeof r === 'string' ? r : undefined;
      return { token: t, expiresAtEpochMs: e, lifetimeMs: l, replaces };
    } catch {
      return undefined;
    }
  }
}
