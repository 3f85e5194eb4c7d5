import type { IoRedisClient, NodeRedisClient } from './redis-clients.js';

/** One raw command path to Redis, the same for every client kind. */
export interface RedisLink {
  /** Sends one command; rejects at once while the client is not connected. */
  send(args: string[]): Promise<unknown>;
  /** Closes the client if the store created it. */
  close(): Promise<void>;
}

type Events = Pick<IoRedisClient, 'once' | 'off'>;

/**
 * Commands wait for a client's first connection (an app that just created it), but fail at once
 * during a later outage: client libraries queue commands while they reconnect, and a queued token
 * lookup would hold the call that needs the token.
 */
abstract class GatedLink implements RedisLink {
  private seenReady = false;
  private firstConnection: Promise<void> | undefined;

  protected constructor(private readonly events: Events) {}

  protected abstract isReady(): boolean;
  /** Whether a first connection may still come (nothing to wait for otherwise). */
  protected abstract isConnecting(): boolean;
  protected abstract notConnected(): string;
  protected abstract run(args: string[]): Promise<unknown>;
  /** Starts a client that connects on its first command. */
  protected wake(): void {}
  abstract close(): Promise<void>;

  async send(args: string[]): Promise<unknown> {
    this.wake();
    if (!this.isReady() && !this.seenReady && this.isConnecting()) await this.connection();
    if (!this.isReady()) throw new Error(`Redis is not connected (${this.notConnected()})`);
    this.seenReady = true;
    return this.run(args);
  }

  /** Settles on the next ready, error or end; shared by every command that waits. */
  private connection(): Promise<void> {
    this.firstConnection ??= new Promise<void>((resolve) => {
      const events = ['ready', 'error', 'end'] as const;
      const done = (): void => {
        for (const event of events) this.events.off(event, done);
        this.firstConnection = undefined;
        resolve();
      };
      for (const event of events) this.events.once(event, done);
    });
    return this.firstConnection;
  }
}

/** An ioredis 5 or 6 client; `owned` when the store created it from `{ connection }`. */
export class IoRedisLink extends GatedLink {
  constructor(
    private readonly client: IoRedisClient & { quit?(): Promise<unknown>; disconnect?(): void },
    private readonly owned: boolean,
  ) {
    super(client);
  }

  protected isReady(): boolean {
    return this.client.status === 'ready';
  }

  /** A lazyConnect client that no command has started yet: start it, as its first command would. */
  protected override wake(): void {
    if (this.client.status === 'wait') this.client.connect().catch(() => undefined);
  }

  protected isConnecting(): boolean {
    const status = this.client.status;
    return status === 'connecting' || status === 'connect';
  }

  protected notConnected(): string {
    return `ioredis status: ${this.client.status}`;
  }

  protected run([command, ...args]: string[]): Promise<unknown> {
    return this.client.call(command, args);
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      await this.client.quit?.();
    } catch {
      this.client.disconnect?.();
    }
  }
}

/** A node-redis client; the app connects and closes it. */
export class NodeRedisLink extends GatedLink {
  constructor(private readonly client: NodeRedisClient) {
    super(client);
  }

  protected isReady(): boolean {
    return this.client.isReady;
  }

  protected isConnecting(): boolean {
    return this.client.isOpen;
  }

  protected notConnected(): string {
    return this.client.isOpen
      ? 'node-redis client is reconnecting'
      : 'node-redis client is not open: call `await client.connect()` first';
  }

  protected run(args: string[]): Promise<unknown> {
    return this.client.sendCommand(args);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
