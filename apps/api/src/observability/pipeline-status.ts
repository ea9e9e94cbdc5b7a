import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CheckpointStore, PG_POOL, PostgresEventStore, SubscriptionHost, SubscriptionRegistry, type PgPool } from '@app/event-store';
import { KafkaSubscriptionHost } from '@app/messaging';
import { AppConfig } from '@app/platform';

export interface Lag {
  name: string;
  /** Events (log mode) or Kafka messages (Kafka mode) not yet applied; null when unknown (broker silent). */
  events: number | null;
  /** Age of the oldest event not yet applied; null where only a message count is known (Kafka projectors). */
  seconds: number | null;
}

export interface PipelineSnapshot {
  relay: Lag | null;
  subscriptions: Lag[];
  oldestWriter: { pid: number | null; ageSeconds: number; query: string; applicationName: string | null } | null;
}

const WATCH_INTERVAL_MS = 10_000;

/**
 * How far the pipeline is behind the log, for /metrics and /health/ready: the relay (Kafka mode), each
 * read model's subscription (its checkpoint in log mode, its consumer group's lag in Kafka mode), and
 * the oldest writer of this database, which holds every gap-safe reader back while it stays open.
 * In a process that runs the worker it also logs that writer's pid and query once it is older than
 * LONG_WRITER_LOG_SECONDS.
 */
@Injectable()
export class PipelineStatus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pipeline');
  private watch: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly registry: SubscriptionRegistry,
    private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: PgPool,
    @Optional() @Inject(SubscriptionHost) private readonly host?: SubscriptionHost,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.host) return;
    this.watch = setInterval(() => void this.reportLongWriter(), WATCH_INTERVAL_MS);
    this.watch.unref();
  }

  onApplicationShutdown(): void {
    if (this.watch) clearInterval(this.watch);
  }

  async snapshot(): Promise<PipelineSnapshot> {
    const kafka = this.host instanceof KafkaSubscriptionHost ? this.host : null;
    const [relay, subscriptions, oldestWriter] = await Promise.all([
      this.config.KAFKA_BROKERS ? this.logLag(kafka?.relayName ?? 'relay') : Promise.resolve(null),
      kafka
        ? kafka.projectorLags().then((lags) => lags.map((l) => ({ ...l, seconds: null })))
        : this.config.KAFKA_BROKERS
          ? Promise.resolve([])
          : Promise.all(this.registry.all().map((h) => this.logLag(h.name))),
      this.store.oldestWriter(),
    ]);
    return { relay, subscriptions, oldestWriter };
  }

  /** The parked events: in the log runners' table and the Kafka projectors' table. */
  async deadLetters(): Promise<Array<{ source: 'log' | 'kafka'; subscription: string; n: number }>> {
    const { rows } = await this.pool.query<{ source: 'log' | 'kafka'; subscription: string; n: number }>(
      `SELECT 'log' AS source, subscription, count(*)::int AS n FROM event_store.dead_letters GROUP BY subscription
       UNION ALL
       SELECT 'kafka', subscription, count(*)::int FROM messaging.dead_letters WHERE to_regclass('messaging.dead_letters') IS NOT NULL GROUP BY subscription`,
    );
    return rows;
  }

  async openEscalationsByLevel(): Promise<Array<{ level: number; n: number }>> {
    const { rows } = await this.pool.query<{ level: number; n: number }>(
      `SELECT level, sum(n)::int AS n FROM read_models.escalation_counts WHERE status <> 'RESOLVED' GROUP BY level ORDER BY level`,
    );
    return rows;
  }

  private async logLag(name: string): Promise<Lag> {
    return { name, ...(await this.store.lagBehind(await this.checkpoints.get(name))) };
  }

  private async reportLongWriter(): Promise<void> {
    try {
      const writer = await this.store.oldestWriter();
      if (writer && writer.ageSeconds > this.config.LONG_WRITER_LOG_SECONDS) {
        this.logger.warn(
          { pid: writer.pid, ageSeconds: Math.round(writer.ageSeconds), applicationName: writer.applicationName, query: writer.query },
          'a long transaction of this database holds the event feed, Kafka publication and read models back',
        );
      }
    } catch (error) {
      this.logger.warn({ error: String(error) }, 'could not look for long transactions');
    }
  }
}
