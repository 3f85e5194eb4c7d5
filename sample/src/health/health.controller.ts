import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { PlaylyfeHealthIndicator } from 'nestjs-playlyfe/terminus';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly playlyfe: PlaylyfeHealthIndicator,
  ) {}

  /** 200 while the Playlyfe client holds or can get an access token; 503 with a reason code otherwise. No API call. */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.playlyfe.isHealthy('playlyfe')]);
  }
}
