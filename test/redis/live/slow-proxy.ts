import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server that holds every reply `delayMs` before
 * passing it on (requests go through at once): a slow Redis, as a loaded or distant one is.
 */
export class SlowProxy {
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly delayMs: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => this.pipe(client));
    this.server = server;
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    this.port = (server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((closed) =>
      this.server ? this.server.close(() => closed()) : closed(),
    );
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      // The same delay for every chunk keeps the replies in order.
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!client.destroyed) client.write(chunk);
      }, this.delayMs);
      this.timers.add(timer);
    });
  }
}
