import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  AppendListener,
  CheckpointStore,
  PG_POOL,
  PostgresEventStore,
  SubscriptionHost,
  SubscriptionRegistry,
  type PgPool,
  type SubscriptionHandler,
} from '@app/event-store';
import { AppConfig, validateConfig } from '@app/platform';
import { createKafka, DEFAULT_CATEGORIES, ensureTopics, type MessagingLogger } from './kafka.config';
import { KafkaProjector, projectorGroups } from './kafka-projector';
import { OutboxRelay } from './relay';
import { topicForCategory } from './cloud-event';

export const KAFKA = Symbol('KAFKA');

function nestLogger(context: string): MessagingLogger {
  const logger = new Logger(context);
  return {
    log: (message, ctx) => logger.log({ ...ctx }, message),
    warn: (message, ctx) => logger.warn({ ...ctx }, message),
    error: (message, ctx) => logger.error({ ...ctx }, message),
  };
}

/**
 * SubscriptionHost for a process with KAFKA_BROKERS: the registered handlers are fed from Kafka
 * consumer groups instead of the log, and the relay (one active per cluster, by lease) publishes
 * the log to Kafka. `poke()` after an append wakes the relay, so the write reaches Kafka at once.
 */
@Injectable()
export class KafkaSubscriptionHost extends SubscriptionHost {
  private readonly messagingLog = nestLogger('Messaging');
  private readonly relay: OutboxRelay;
  private readonly projectors: KafkaProjector[] = [];
  private stopping = false;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly handlers: SubscriptionRegistry,
    private readonly eventStore: PostgresEventStore,
    checkpoints: CheckpointStore,
    @Inject(PG_POOL) private readonly pgPool: PgPool,
    private readonly config: AppConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {
    super(handlers, eventStore, checkpoints, pgPool);
    this.relay = new OutboxRelay(pgPool, eventStore, checkpoints, kafka, {
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      source: `/${config.KAFKA_CLIENT_ID}`,
      batchSize: config.RELAY_BATCH_SIZE,
      leaseTtlMs: config.RELAY_LEASE_TTL_MS,
      logger: nestLogger('Relay'),
    });
  }

  override onApplicationBootstrap(): void {
    // Feature modules register their handlers in onModuleInit, so they are all known only now.
    this.addProjectors(this.handlers.all());
    this.relay.start();
    // The broker may be down at start-up: keep trying in the background rather than fail the process.
    this.starting = this.startProjectors();
  }

  override poke(): void {
    this.relay.poke();
  }

  /**
   * Each handler's lag in messages: its consumer group's uncommitted messages on the handler's topics
   * (null: the broker did not answer in time).
   */
  async projectorLags(): Promise<Array<{ name: string; events: number | null }>> {
    return (await Promise.all(this.projectors.map((p) => p.handlerLags()))).flat();
  }

  /** The relay's checkpoint name, whose distance to the log head is the relay's lag. */
  get relayName(): string {
    return this.relay.name;
  }

  /**
   * First thing on SIGTERM: the relay finishes the batch it is sending, moves its checkpoint and
   * hands its lease over, so the standby publishes on its next attempt. Nest runs the shutdown hooks
   * one module after another, and the projectors' consumer groups take seconds to leave.
   * In a process that also serves HTTP (RUN_WORKER), events appended by requests still draining
   * after this are published by the next relay to hold the lease (the standby, or this one restarted).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.relay.stop();
  }

  override async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.starting;
    // The relay has stopped before (beforeApplicationShutdown); stopping it again changes nothing.
    await Promise.all([this.relay.stop(), ...this.projectors.map((p) => p.stop())]);
  }

  private addProjectors(handlers: SubscriptionHandler[]): void {
    for (const group of projectorGroups(handlers, { topicPrefix: this.config.KAFKA_TOPIC_PREFIX, categories: DEFAULT_CATEGORIES })) {
      this.projectors.push(
        new KafkaProjector(this.pgPool, this.kafka, group.handlers, {
          name: group.name,
          topicPrefix: this.config.KAFKA_TOPIC_PREFIX,
          categories: DEFAULT_CATEGORIES,
          partitions: this.config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: this.config.KAFKA_TOPIC_REPLICATION || undefined,
          store: this.eventStore,
          logger: nestLogger('Projector'),
        }),
      );
    }
  }

  private async startProjectors(): Promise<void> {
    const topics = DEFAULT_CATEGORIES.map((c) => topicForCategory(c, { prefix: this.config.KAFKA_TOPIC_PREFIX }));
    for (let delay = 500; !this.stopping; delay = Math.min(delay * 2, 10_000)) {
      try {
        await ensureTopics(this.kafka, topics, this.config.KAFKA_TOPIC_PARTITIONS, this.config.KAFKA_TOPIC_REPLICATION || undefined);
        for (const p of this.projectors) if (!this.stopping) await p.start();
        this.messagingLog.log(
          `consuming Kafka for ${this.handlers.all().length} subscription(s) in ${this.projectors.length} consumer group(s)`,
          {
            groups: this.projectors.map((p) => ({ groupId: p.groupId, subscriptions: p.handlers.map((h) => h.name) })),
          },
        );
        return;
      } catch (error) {
        this.messagingLog.warn('Kafka not reachable yet, retrying', { error: String(error), retryInMs: delay });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}

/**
 * Wakes this process's subscriptions (runners, or the relay in Kafka mode) when an API-only process
 * signals an append (AppendSignal), instead of leaving them to their next poll.
 */
@Injectable()
export class AppendWakeUp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: AppendListener;

  constructor(host: SubscriptionHost, @Inject(PG_POOL) pool: PgPool) {
    this.listener = AppendListener.forPool(pool, () => host.poke(), nestLogger('AppendWakeUp'));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}

/**
 * The worker's subscriptions. Without KAFKA_BROKERS (the embedded default) SubscriptionHost runs
 * the handlers straight from the log; with it, KafkaSubscriptionHost takes its place under the same
 * token, so code that pokes SubscriptionHost after an append works either way.
 */
@Module({})
export class MessagingModule {
  constructor(host: SubscriptionHost, config: AppConfig) {
    // Before bootstrap, when the host creates its runners (the Kafka host ignores runner options).
    host.configure({ lingerMs: config.SUBSCRIPTION_LINGER_MS });
  }

  static forRoot(): DynamicModule {
    if (!validateConfig(process.env).KAFKA_BROKERS) {
      return { module: MessagingModule, providers: [SubscriptionHost, AppendWakeUp], exports: [SubscriptionHost] };
    }
    return {
      module: MessagingModule,
      providers: [
        {
          provide: KAFKA,
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            createKafka({
              brokers: config.KAFKA_BROKERS as string,
              clientId: config.KAFKA_CLIENT_ID,
              topicPrefix: config.KAFKA_TOPIC_PREFIX,
              categories: DEFAULT_CATEGORIES,
              partitions: config.KAFKA_TOPIC_PARTITIONS,
              logger: nestLogger('Kafka'),
            }),
        },
        { provide: SubscriptionHost, useClass: KafkaSubscriptionHost },
        AppendWakeUp,
      ],
      exports: [SubscriptionHost, KAFKA],
    };
  }
}
