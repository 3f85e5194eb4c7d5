import { Module } from '@nestjs/common';
import { EmbeddedEmulatorService } from './embedded-emulator.service.js';

/** Provides the embedded emulator to the Playlyfe options factory (one instance per app). */
@Module({ providers: [EmbeddedEmulatorService], exports: [EmbeddedEmulatorService] })
export class EmbeddedEmulatorModule {}
