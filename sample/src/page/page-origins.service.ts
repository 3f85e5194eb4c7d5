import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { EmbeddedEmulatorService } from '../emulator/embedded-emulator.service.js';

/** The origins a browser on this machine uses for the sample listening on `port`. */
export function loopbackOrigins(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
}

/**
 * Lets the player page, served by this app, call the embedded emulator directly: once the app
 * listens, the emulator answers CORS for the app's own origins (and no other). Playlyfe itself
 * decides its CORS for a real game.
 */
@Injectable()
export class PageOriginsService implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly embedded: EmbeddedEmulatorService,
  ) {}

  onApplicationBootstrap(): void {
    const emulator = this.embedded.emulator;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (emulator === undefined || server === undefined) return;
    const allow = (): void => {
      const address = server.address();
      if (address !== null && typeof address === 'object') {
        emulator.setCorsOrigins(loopbackOrigins(address.port));
      }
    };
    if (server.listening) allow();
    else server.once('listening', allow);
  }
}
