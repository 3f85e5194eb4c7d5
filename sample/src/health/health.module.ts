import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PlaylyfeHealthIndicator } from 'nestjs-playlyfe/terminus';
import { HealthController } from './health.controller.js';

/** `GET /health` for readiness probes. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [PlaylyfeHealthIndicator],
})
export class HealthModule {}
