import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PlaylyfeEmulator } from 'nestjs-playlyfe/testing';

/**
 * The Playlyfe emulator the sample runs in-process when no `PLAYLYFE_CLIENT_ID` is set.
 * Started on demand by the Playlyfe options factory, stopped when the app closes.
 */
@Injectable()
export class EmbeddedEmulatorService implements OnApplicationShutdown {
  private readonly logger = new Logger('PlaylyfeEmulator');
  private starting: Promise<PlaylyfeEmulator> | undefined;
  private running: PlaylyfeEmulator | undefined;

  /** The running emulator, or `undefined` when the app talks to a real Playlyfe. */
  get emulator(): PlaylyfeEmulator | undefined {
    return this.running;
  }

  /** Starts the emulator with its demo game (once) on 127.0.0.1:`port` (0: any free port). */
  start(port = 0): Promise<PlaylyfeEmulator> {
    this.starting ??= this.launch(port);
    return this.starting;
  }

  async onApplicationShutdown(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    this.running = undefined;
    if (starting === undefined) return;
    const emulator = await starting.catch(() => undefined);
    await emulator?.stop();
  }

  private async launch(port: number): Promise<PlaylyfeEmulator> {
    const emulator = new PlaylyfeEmulator();
    const url = await emulator.start({ port });
    this.running = emulator;
    this.logger.log(
      `No PLAYLYFE_CLIENT_ID set: started the embedded Playlyfe emulator with its demo game at ${url} ` +
        '(set PLAYLYFE_CLIENT_ID and PLAYLYFE_CLIENT_SECRET to use Playlyfe)',
    );
    return emulator;
  }
}
