import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CheckpointStore } from './checkpoint-store';
import { PostgresEventStore } from './postgres-event-store';
import { PG_POOL, type PgPool } from './pg.types';
import { SubscriptionRunner, type SubscriptionHandler, type SubscriptionRunnerOptions } from './subscription-runner';

/**
 * The read models and other log consumers of this process. Feature modules register their handlers
 * in onModuleInit; the worker decides whether they run here (SubscriptionHost) — in the embedded
 * default straight from the log, with Kafka as consumer groups (libs/messaging).
 */
@Injectable()
export class SubscriptionRegistry {
  private readonly handlers = new Map<string, SubscriptionHandler>();

  register(handler: SubscriptionHandler): void {
    if (this.handlers.has(handler.name)) throw new Error(`subscription ${handler.name} registered twice`);
    this.handlers.set(handler.name, handler);
  }

  all(): SubscriptionHandler[] {
    return [...this.handlers.values()];
  }

  get(name: string): SubscriptionHandler | undefined {
    return this.handlers.get(name);
  }
}

/** Runs every registered handler from the log, each with its own checkpoint. */
@Injectable()
export class SubscriptionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Subscriptions');
  private readonly runners = new Map<string, SubscriptionRunner>();
  private options: SubscriptionRunnerOptions = {};

  constructor(
    private readonly registry: SubscriptionRegistry,
    private readonly store: PostgresEventStore,
    private readonly checkpoints: CheckpointStore,
    @Inject(PG_POOL) private readonly pool: PgPool,
  ) {}

  configure(options: SubscriptionRunnerOptions): void {
    this.options = options;
  }

  onApplicationBootstrap(): void {
    for (const handler of this.registry.all()) {
      const runner = new SubscriptionRunner(this.pool, this.store, this.checkpoints, handler, {
        logger: {
          log: (m, c) => this.logger.log({ ...(c as object), subscription: handler.name }, m),
          warn: (m, c) => this.logger.warn({ ...(c as object), subscription: handler.name }, m),
          error: (m, c) => this.logger.error({ ...(c as object), subscription: handler.name }, m),
        },
        ...this.options,
      });
      this.runners.set(handler.name, runner);
      runner.start();
    }
    if (this.runners.size) this.logger.log(`running ${this.runners.size} subscription(s): ${[...this.runners.keys()].join(', ')}`);
  }

  /** Wakes every runner, e.g. right after this process appended an event. */
  poke(): void {
    for (const r of this.runners.values()) r.poke();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }
}
