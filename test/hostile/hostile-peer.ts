import { Test, type TestingModule } from '@nestjs/testing';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  PlaylyfeModule,
  PlaylyfeService,
  PlaylyfeTokenService,
  type PlaylyfeModuleOptions,
} from '../../lib/index.js';
import { PLAYLYFE_CLOCK } from '../../lib/playlyfe.constants.js';
import type { PlaylyfeClock } from '../../lib/utils/clock.js';
import { CaptureLogger } from '../utils/capture-logger.js';

/** Distinctive values the suites search every captured text for. */
export const HOSTILE_SECRET = 'zq9hostilesecretvalue';
export const HOSTILE_CLIENT_ID = 'hostile-client';
export const HOSTILE_TOKEN = 'hostiletokenQx7Rm2Vb';

/** A request as the peer saw it. */
export interface PeerRequest {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** How the peer answers one request; a handler that never calls `res.end` leaves the call hanging. */
export type PeerHandler = (request: PeerRequest, res: ServerResponse) => void;

export function answerJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The token endpoint's honest answer: HOSTILE_TOKEN, valid an hour. */
export const grantToken: PeerHandler = (_, res) =>
  answerJson(res, 200, { access_token: HOSTILE_TOKEN, token_type: 'Bearer', expires_in: 3600 });

/**
 * A Playlyfe look-alike written with node:http that answers whatever a test tells it to: the token
 * endpoint (`/auth/token`) by `onToken`, everything else by `onApi`. It records every request and,
 * on `stop()`, destroys the sockets still open (a handler may hang on purpose).
 */
export class HostilePeer {
  readonly requests: PeerRequest[] = [];
  onToken: PeerHandler = grantToken;
  onApi: PeerHandler = (_, res) => answerJson(res, 200, { ok: true });
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #url = '';

  get url(): string {
    return this.#url;
  }

  /** Requests whose path is not the token endpoint's. */
  get apiRequests(): PeerRequest[] {
    return this.requests.filter((request) => request.path !== '/auth/token');
  }

  get tokenRequests(): PeerRequest[] {
    return this.requests.filter((request) => request.path === '/auth/token');
  }

  /** Sockets open from the client right now. */
  get openSockets(): number {
    return [...this.#sockets].filter((socket) => !socket.destroyed).length;
  }

  static async start(): Promise<HostilePeer> {
    const peer = new HostilePeer();
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = req.url ?? '/';
        const request: PeerRequest = {
          method: req.method ?? 'GET',
          url,
          path: url.split('?', 1)[0],
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        peer.requests.push(request);
        (request.path === '/auth/token' ? peer.onToken : peer.onApi)(request, res);
      });
    });
    server.on('connection', (socket) => {
      peer.#sockets.add(socket);
      socket.on('close', () => peer.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    peer.#server = server;
    peer.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return peer;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}

export interface HostileClient {
  readonly module: TestingModule;
  readonly playlyfe: PlaylyfeService;
  readonly tokens: PlaylyfeTokenService;
  readonly logger: CaptureLogger;
  close(): Promise<void>;
}

/** A Nest module with a Playlyfe client on the peer (on `clock` if given), its Logger output kept in `logger`. */
export async function openHostileClient(
  peer: HostilePeer,
  overrides: Partial<PlaylyfeModuleOptions> = {},
  clock?: PlaylyfeClock,
): Promise<HostileClient> {
  const logger = new CaptureLogger();
  const builder = Test.createTestingModule({
    imports: [
      PlaylyfeModule.forRoot({
        clientId: HOSTILE_CLIENT_ID,
        clientSecret: HOSTILE_SECRET,
        apiBaseUrl: peer.url,
        authBaseUrl: peer.url,
        tokenRetry: { attempts: 1 },
        ...overrides,
      }),
    ],
  }).setLogger(logger);
  if (clock) builder.overrideProvider(PLAYLYFE_CLOCK).useValue(clock);
  const module = await builder.compile();
  await module.init();
  let closing: Promise<void> | undefined;
  return {
    module,
    playlyfe: module.get(PlaylyfeService),
    tokens: module.get(PlaylyfeTokenService),
    logger,
    close: () => (closing ??= module.close()),
  };
}

/** Settles `promise` into its error (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
