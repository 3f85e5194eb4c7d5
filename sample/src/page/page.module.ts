import { Module } from '@nestjs/common';
import { EmbeddedEmulatorModule } from '../emulator/embedded-emulator.module.js';
import { PageController } from './page.controller.js';
import { PageOriginsService } from './page-origins.service.js';

/** The player page at `/`, and the embedded emulator's CORS for it. */
@Module({
  imports: [EmbeddedEmulatorModule],
  controllers: [PageController],
  providers: [PageOriginsService],
})
export class PageModule {}
