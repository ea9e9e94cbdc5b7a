import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CheckpointStore } from './checkpoint-store';
import { PostgresEventStore } from './postgres-event-store';
import { PG_POOL, type PgPool } from './pg.types';
import { SubscriptionGroupRunner } from './subscription-group-runner';
import {
  groupAlike,
  PollingLoop,
  SubscriptionRunner,
  type SubscriptionHandler,
  type SubscriptionRunnerOptions,
} from './subscription-runner';

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

/**
 * Runs every registered handler from the log, each with its own checkpoint. Handlers that begin their
 * transactions alike (the read models: one schema, derived data only) run as one group: a batch read
 * once and applied for all of them in one transaction (SubscriptionGroupRunner); a handler alone in its
 * kind (the webhook fan-out) runs on its own.
 */
@Injectable()
export class SubscriptionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Subscriptions');
  private readonly runners: PollingLoop[] = [];
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
    const runners = this.registry.all().map(
      (handler) =>
        new SubscriptionRunner(this.pool, this.store, this.checkpoints, handler, {
          logger: this.loggerFor(handler.name),
          ...this.options,
        }),
    );
    for (const { name, members } of groupAlike(
      runners,
      (r) => r.handler,
      (r) => r.transactionBegin,
    )) {
      this.runners.push(
        members.length > 1
          ? new SubscriptionGroupRunner(this.pool, this.store, this.checkpoints, members, {
              ...this.options,
              logger: this.loggerFor(name),
              name,
            })
          : members[0],
      );
    }
    for (const runner of this.runners) runner.start();
    if (this.runners.length)
      this.logger.log(
        `running ${this.registry.all().length} subscription(s) as ${this.runners.length}: ` +
          this.runners
            .map((r) => (r instanceof SubscriptionGroupRunner ? `${r.name} (${r.members.map((m) => m.name).join(', ')})` : r.name))
            .join('; '),
      );
  }

  private loggerFor(subscription: string) {
    return {
      log: (m: string, c?: unknown) => this.logger.log({ ...(c as object), subscription }, m),
      warn: (m: string, c?: unknown) => this.logger.warn({ ...(c as object), subscription }, m),
      error: (m: string, c?: unknown) => this.logger.error({ ...(c as object), subscription }, m),
    };
  }

  /** Wakes every runner, e.g. right after this process appended an event. */
  poke(): void {
    for (const r of this.runners) r.poke();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}
