import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics';
import { PipelineStatus } from './pipeline-status';
import { RequestMetrics } from './request-metrics';
import { TracingInterceptor } from './tracing';

/** /metrics (Prometheus), /health, /health/live, /health/ready, the long-writer log, and a span per HTTP request. */
@Global()
@Module({
  imports: [TerminusModule],
  providers: [
    PipelineStatus,
    Metrics,
    RequestMetrics,
    { provide: APP_INTERCEPTOR, useClass: TracingInterceptor },
    { provide: APP_INTERCEPTOR, useExisting: RequestMetrics },
  ],
  controllers: [HealthController, MetricsController],
  exports: [PipelineStatus, Metrics],
})
export class ObservabilityModule {}
