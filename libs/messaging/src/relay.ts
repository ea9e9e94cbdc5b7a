import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer, type ProducerConfig, type TopicMessages } from 'kafkajs';
import { CheckpointConflict, Lease, type CheckpointStore, type PgPool, type PostgresEventStore, type StoredEvent } from '@app/event-store';
import { toCloudEvent, topicFor } from './cloud-event';
import { traceEach } from './tracing';
import { SpanKind } from '@opentelemetry/api';
import { silentLogger, type MessagingLogger } from './kafka.config';

/**
 * The relay's producer: one request in flight and no retries of its own. kafkajs's in-send retry
 * loses messages when a partition's leader moves to a broker that has already answered for other
 * partitions of the same send (it skips brokers with a response, yet resolves): seen as 11 of 2,335
 * events missing after a leader was killed in a three-broker cluster. So a failed send throws at
 * once, and the relay re-sends the whole batch with a fresh producer: messages already written
 * repeat (same CloudEvents ids, after their first copies), none is lost, and with one request in
 * flight nothing overtakes. Without retries idempotence adds nothing (kafkajs requires retries for
 * it). The default partitioner is Java's murmur2: other clients put a stream id in the same partition.
 */
export const RELAY_PRODUCER_CONFIG: ProducerConfig = {
  idempotent: false,
  maxInFlightRequests: 1,
  retry: { retries: 0 },
  allowAutoTopicCreation: true,
  createPartitioner: Partitioners.DefaultPartitioner,
};

/** The messages the relay sends for `events` (one CloudEvent each, keyed by stream), grouped by topic. */
export function relayMessages(events: StoredEvent[], options: { topicPrefix: string; source: string }): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const event of events) {
    const topic = topicFor(event.streamId, { prefix: options.topicPrefix });
    let entry = byTopic.get(topic);
    if (!entry) byTopic.set(topic, (entry = { topic, messages: [] }));
    entry.messages.push({
      key: event.streamId,
      value: JSON.stringify(toCloudEvent(event, { source: options.source })),
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
    });
  }
  return [...byTopic.values()];
}

export interface OutboxRelayOptions {
  topicPrefix: string;
  /** CloudEvents `source` of every event, e.g. `/mdj-eco-workflow`. */
  source: string;
  /** Name of the relay's checkpoint and lease. */
  name?: string;
  /** Identifies this process in the lease table. */
  owner?: string;
  batchSize?: number;
  leaseTtlMs?: number;
  /** Pause between polls when the log is quiet; `poke()` cuts it short. */
  idleDelayMs?: number;
  /** Pause between a standby's attempts to take the lease (one lock try each). */
  standbyPollMs?: number;
  /** Longest pause after a failed batch: short, so a broker that is back is used within it. */
  maxBackoffMs?: number;
  logger?: MessagingLogger;
}

/**
 * Publishes the log to Kafka in gap-safe commit order: read after the checkpoint, send, and move the
 * checkpoint only once the broker has acknowledged (acks = all). A crash between the ack and the
 * checkpoint move re-sends that batch with the same CloudEvents ids, so delivery is at least once and
 * consumers dedupe. A lease keeps one relay active; a standby takes over as soon as the active
 * one's database connection is gone.
 */
export class OutboxRelay {
  readonly name: string;
  private readonly lease: Lease;
  private readonly batchSize: number;
  private readonly idleDelayMs: number;
  private readonly standbyPollMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: MessagingLogger;
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private keeper: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private stopping: Promise<void> | null = null;
  private published = 0;

  constructor(
    pool: PgPool,
    private readonly store: PostgresEventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly kafka: Kafka,
    private readonly options: OutboxRelayOptions,
  ) {
    this.name = options.name ?? 'relay';
    this.batchSize = options.batchSize ?? 500;
    this.idleDelayMs = options.idleDelayMs ?? 50;
    this.standbyPollMs = options.standbyPollMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 1000;
    this.logger = options.logger ?? silentLogger;
    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lease = new Lease(pool, { table: 'messaging.leases', name: this.name, owner, ttlMs: options.leaseTtlMs ?? 10_000 });
  }

  get owner(): string {
    return this.lease.owner;
  }

  get isActive(): boolean {
    return this.lease.held;
  }

  /** Events this instance has had acknowledged by the broker. */
  get publishedCount(): number {
    return this.published;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = null;
    this.keeper = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.lease.ttlMs / 3)));
    this.loop = this.run();
  }

  /** Finishes the batch under way (sent and checkpointed), then hands the lease over. Repeated calls share it. */
  stop(): Promise<void> {
    return (this.stopping ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    this.running = false;
    if (this.keeper) clearInterval(this.keeper);
    this.keeper = null;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.lease.release().catch(() => undefined);
    await this.closeProducer();
  }

  poke(): void {
    this.wake?.();
  }

  /**
   * Publishes at most one batch, if this instance holds the lease. Returns how many events the
   * broker acknowledged (0 when idle, standing by, or beaten to the checkpoint).
   */
  async runOnce(): Promise<number> {
    if (!this.lease.held && !(await this.lease.acquire())) return 0;
    const from = await this.checkpoints.get(this.name);
    const events = await this.store.readAll({ after: from, limit: this.batchSize });
    if (events.length === 0) return 0;
    const producer = await this.connectedProducer();
    if (!this.lease.held) return 0; // lost while reading: the new holder publishes these
    const spans = traceEach(events, this.name, (e) => ({
      name: `${topicFor(e.streamId, { prefix: this.options.topicPrefix })} publish`,
      kind: SpanKind.PRODUCER,
    }));
    try {
      await spans.around(() => producer.sendBatch({ topicMessages: relayMessages(events, this.options), acks: -1 }));
    } catch (error) {
      // The batch is re-sent whole by a fresh producer (fresh connections and metadata), so anything
      // already written repeats; nothing is skipped.
      await this.closeProducer();
      throw error;
    }
    this.published += events.length;
    const to = events[events.length - 1].position;
    try {
      await this.checkpoints.compareAndSet(this.name, from, to);
    } catch (error) {
      // Another relay (a stale holder) moved it: what we sent is duplicated, never lost.
      if (error instanceof CheckpointConflict) return 0;
      throw error;
    }
    return events.length;
  }

  private async run(): Promise<void> {
    let backoff = this.idleDelayMs;
    let wasActive = false;
    while (this.running) {
      try {
        const n = await this.runOnce();
        if (this.lease.held !== wasActive) {
          wasActive = this.lease.held;
          this.logger.log(wasActive ? 'relay active (lease taken)' : 'relay standing by', { relay: this.name, owner: this.owner });
        }
        backoff = this.idleDelayMs;
        if (n === 0) await this.sleep(this.lease.held ? this.idleDelayMs : this.standbyPollMs);
      } catch (error) {
        backoff = Math.min(Math.max(backoff * 2, 100), this.maxBackoffMs);
        this.logger.warn('relay batch failed; checkpoint kept, retrying', { relay: this.name, error: String(error), retryInMs: backoff });
        await this.sleep(backoff);
      }
    }
  }

  /** Keeps the lease alive while a send is blocked on the broker, so no standby starts a duplicate stream. */
  private async renew(): Promise<void> {
    if (!this.running || !this.lease.held) return;
    try {
      if (!(await this.lease.acquire())) this.logger.warn('relay lease lost', { relay: this.name, owner: this.owner });
    } catch (error) {
      this.logger.warn('relay lease renewal failed', { relay: this.name, error: String(error) });
    }
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer(RELAY_PRODUCER_CONFIG);
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    return producer;
  }

  private async closeProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
