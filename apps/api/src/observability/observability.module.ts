import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics';
import { PipelineStatus } from './pipeline-status';
import { RequestMetrics } from './request-metrics';

/** /metrics (Prometheus), /health, /health/live, /health/ready, and the long-writer log. */
@Global()
@Module({
  imports: [TerminusModule],
  providers: [PipelineStatus, Metrics, RequestMetrics, { provide: APP_INTERCEPTOR, useExisting: RequestMetrics }],
  controllers: [HealthController, MetricsController],
  exports: [PipelineStatus, Metrics],
})
export class ObservabilityModule {}
