import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  EmulatorClientOptions,
  EmulatorRouteAccess,
  EmulatorRouteFamily,
} from './emulator.types.js';

/** The demo client's credentials: the emulator's default client. */
export const DEMO_CLIENT = { id: 'demo-client-id', secret: 'demo-client-secret' } as const;

/** A client restricted to the runtime routes (Playlyfe's default scope): it cannot read activity feeds. */
export const RUNTIME_CLIENT = { id: 'runtime-client-id', secret: 'runtime-client-secret' } as const;

/** The default client list: the demo client with write access to every route family, and the runtime-only client. */
export const DEFAULT_CLIENTS: readonly EmulatorClientOptions[] = [
  { ...DEMO_CLIENT, routes: { admin: 'write', design: 'write', runtime: 'write' } },
  { ...RUNTIME_CLIENT, routes: { admin: 'none', design: 'none', runtime: 'write' } },
];

const DEFAULT_LIFETIME_SECONDS = 3600;
const ACCESS_VALUES: readonly string[] = ['read', 'write', 'none'];

/** A client as the emulator holds it. */
export interface EmulatorClient {
  readonly id: string;
  /** SHA-256 of the secret, compared in constant time. */
  readonly secretDigest: Buffer;
  /** The raw secret, needed only to check front-end JWT signatures. */
  readonly secret: string;
  readonly routes: Readonly<Record<EmulatorRouteFamily, EmulatorRouteAccess>>;
  lifetimeSeconds: number;
}

/** A token the emulator issued. */
export interface IssuedToken {
  readonly clientId: string;
  readonly seq: number;
  readonly expiresAt: number;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

function checkLifetime(seconds: number): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError('PlaylyfeEmulator: a token lifetime must be a positive number of seconds');
  }
  return seconds;
}

/** The clients the emulator accepts and the tokens it issued to them. */
export class EmulatorAuth {
  private readonly clients = new Map<string, EmulatorClient>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly dummyDigest = digest('not-a-client');
  private seq = 0;

  constructor(options: readonly EmulatorClientOptions[]) {
    if (options.length === 0) throw new Error('PlaylyfeEmulator: at least one client is required');
    for (const option of options) {
      if (typeof option.id !== 'string' || option.id === '') {
        throw new Error('PlaylyfeEmulator: every client needs a non-empty id');
      }
      if (typeof option.secret !== 'string' || option.secret === '') {
        throw new Error(`PlaylyfeEmulator: client '${option.id}' needs a non-empty secret`);
      }
      if (this.clients.has(option.id)) {
        throw new Error(`PlaylyfeEmulator: client '${option.id}' is declared twice`);
      }
      const routes: Record<EmulatorRouteFamily, EmulatorRouteAccess> = {
        admin: option.routes?.admin ?? 'none',
        design: option.routes?.design ?? 'none',
        runtime: option.routes?.runtime ?? 'write',
      };
      for (const [family, access] of Object.entries(routes)) {
        if (!ACCESS_VALUES.includes(access)) {
          throw new Error(
            `PlaylyfeEmulator: client '${option.id}' has an invalid access for ${family}`,
          );
        }
      }
      this.clients.set(option.id, {
        id: option.id,
        secret: option.secret,
        secretDigest: digest(option.secret),
        routes,
        lifetimeSeconds: checkLifetime(option.tokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS),
      });
    }
  }

  /** The client with this id, if any. */
  client(id: string): EmulatorClient | undefined {
    return this.clients.get(id);
  }

  /** The client whose id and secret these are, compared in constant time; undefined if none. */
  authenticate(id: string, secret: string): EmulatorClient | undefined {
    const client = this.clients.get(id);
    const given = digest(secret);
    const equal = timingSafeEqual(given, client?.secretDigest ?? this.dummyDigest);
    return client !== undefined && equal ? client : undefined;
  }

  /** Sets the lifetime of the tokens issued to a client from now on. */
  setLifetime(clientId: string, seconds: number): void {
    const client = this.clients.get(clientId);
    if (client === undefined) throw new Error(`PlaylyfeEmulator: unknown client '${clientId}'`);
    client.lifetimeSeconds = checkLifetime(seconds);
  }

  /** Issues a new random token to a client. */
  issue(client: EmulatorClient): { token: string; record: IssuedToken } {
    const now = Date.now();
    if (this.tokens.size >= 10_000) this.sweep(now);
    const token = randomBytes(32).toString('base64url');
    const record = {
      clientId: client.id,
      seq: ++this.seq,
      expiresAt: now + client.lifetimeSeconds * 1000,
    };
    this.tokens.set(token, record);
    return { token, record };
  }

  /** The live token record, or undefined when unknown, revoked or expired. */
  lookup(token: string): IssuedToken | undefined {
    const record = this.tokens.get(token);
    if (record === undefined) return undefined;
    if (Date.now() >= record.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return record;
  }

  /** Revokes every token issued so far. */
  revokeAll(): void {
    this.tokens.clear();
  }

  private sweep(now: number): void {
    for (const [token, record] of this.tokens) {
      if (now >= record.expiresAt) this.tokens.delete(token);
    }
  }
}
