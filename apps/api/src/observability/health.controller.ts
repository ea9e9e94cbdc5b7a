import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { AppConfig } from '@app/platform';
import { PipelineStatus } from './pipeline-status';

/**
 * Liveness and readiness kept apart. Live: the process answers (restart it when not). Ready: the
 * database answers and the pipeline is not further behind the log than READY_MAX_LAG_SECONDS (take
 * it out of the load balancer when not). Migrations run before the server listens, so a process
 * migrating is neither.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly pipeline: PipelineStatus,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '健康检查 / Liveness and database reachability (kept for existing monitors; see /health/ready)' })
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
  }

  @Get('live')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '存活检查 / Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: '就绪检查 / Readiness: database reachable and the pipeline within READY_MAX_LAG_SECONDS of the log' })
  async ready() {
    await this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
    const snapshot = await this.pipeline.snapshot();
    const limit = this.config.READY_MAX_LAG_SECONDS;
    const behind = [
      ...(snapshot.relay && (snapshot.relay.seconds ?? 0) > limit ? [`relay ${Math.round(snapshot.relay.seconds ?? 0)} s`] : []),
      ...snapshot.subscriptions.filter((s) => (s.seconds ?? 0) > limit).map((s) => `${s.name} ${Math.round(s.seconds ?? 0)} s`),
    ];
    const body = { status: behind.length ? 'behind' : 'ok', maxLagSeconds: limit, ...snapshot };
    if (behind.length) throw new ServiceUnavailableException({ ...body, message: `处理进度落后超过 ${limit} 秒：${behind.join('，')}` });
    return body;
  }
}
