import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer, type ProducerConfig, type TopicMessages } from 'kafkajs';
import {
  CheckpointConflict,
  Lease,
  WakeableSleep,
  type CheckpointStore,
  type PgPool,
  type PostgresEventStore,
  type StoredEvent,
  type StoredEventJson,
} from '@app/event-store';
import { cloudEventJsonWith, toCloudEvent, topicFor } from './cloud-event';
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
      headers: { 'content-type': CONTENT_TYPE },
    });
  }
  return [...byTopic.values()];
}

const CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/**
 * What the relay sends for events read with `readAllJson`: the messages of `relayMessages`, with each
 * CloudEvent's JSON built around the data's JSON text instead of re-serialising parsed data.
 */
export function relayMessagesJson(events: StoredEventJson[], options: { topicPrefix: string; source: string }): TopicMessages[] {
  const sourceJson = JSON.stringify(options.source);
  const byTopic = new Map<string, TopicMessages>();
  let lastStream = '';
  let entry: TopicMessages | undefined;
  for (const event of events) {
    if (event.streamId !== lastStream || !entry) {
      const topic = topicFor(event.streamId, { prefix: options.topicPrefix });
      entry = byTopic.get(topic);
      if (!entry) byTopic.set(topic, (entry = { topic, messages: [] }));
      lastStream = event.streamId;
    }
    entry.messages.push({ key: event.streamId, value: cloudEventJsonWith(event, sourceJson), headers: { 'content-type': CONTENT_TYPE } });
  }
  return [...byTopic.values()];
}

/** One batch as the relay sends it. */
interface RelayBatch {
  events: StoredEventJson[];
  topicMessages: TopicMessages[];
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
  private readonly idle = new WakeableSleep();
  /** A poke arrived since the current batch began (see poke()). */
  private poked = false;
  private stopping: Promise<void> | null = null;
  private published = 0;
  /**
   * Where the next batch starts: the checkpoint as this holder last read it, or the end of the last
   * batch the broker acknowledged (whose checkpoint move may still be in flight, `moving`). While
   * the lease is held nobody else moves the checkpoint, so it is not read again before each batch;
   * every move is still a compare-and-set from the previous batch's end, which a stale holder (one
   * that lost the lease unnoticed) fails. Forgotten on any failure and whenever the lease is not
   * held, so the next batch starts from the stored checkpoint again.
   */
  private cursor: bigint | null = null;
  /** The checkpoint move of the last acknowledged batch, overlapping the next batch's send. */
  private moving: Promise<void> | null = null;
  /** The batch after `after` (read, its messages built), started while the batch ending there was being sent. */
  private ahead: { after: bigint; batch: Promise<RelayBatch> } | null = null;

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
    this.idle.wake();
    await this.loop;
    this.loop = null;
    await this.settle().catch(() => undefined); // the last batch's checkpoint move lands before the lease goes
    await this.forget();
    await this.lease.release().catch(() => undefined);
    await this.closeProducer();
  }

  /**
   * Ends an idle wait early (an append in this process). A poke that comes while a batch is being
   * read or sent is remembered: that read may have missed the new event, so the relay reads once
   * more instead of idling.
   */
  poke(): void {
    this.poked = true;
    this.idle.wake();
  }

  /**
   * Publishes at most one batch, if this instance holds the lease. Returns how many events the
   * broker acknowledged (0 when idle, standing by, or beaten to the checkpoint).
   *
   * One send at a time, and a batch's checkpoint moves only after the broker acknowledged it and
   * after the previous batch's move succeeded (compare-and-set from that batch's end, so in order).
   * What overlaps a send: the read of the next batch (it depends on nothing but where this batch
   * ends) and the previous batch's checkpoint move. Anything that fails throws both away and the
   * next batch starts from the stored checkpoint: acknowledged batches whose move did not land are
   * sent again (same CloudEvents ids), never skipped. An idle call, and `stop()`, wait for the last
   * move, so the checkpoint is at the head whenever the relay is quiet.
   */
  async runOnce(): Promise<number> {
    if (!this.lease.held) {
      await this.forget();
      if (!(await this.lease.acquire())) return 0;
    }
    try {
      const from = (this.cursor ??= await this.checkpoints.get(this.name));
      const { events, topicMessages } = await this.read(from);
      if (events.length === 0) {
        await this.settle();
        return 0;
      }
      const producer = await this.connectedProducer();
      if (!this.lease.held) {
        await this.forget(); // lost while reading: the new holder publishes these
        return 0;
      }
      const to = BigInt(events[events.length - 1].position);
      const spans = traceEach(events, this.name, (e) => ({
        name: `${topicFor(e.streamId, { prefix: this.options.topicPrefix })} publish`,
        kind: SpanKind.PRODUCER,
      }));
      if (events.length === this.batchSize) this.readAhead(to);
      try {
        await spans.around(() => producer.sendBatch({ topicMessages, acks: -1 }));
      } catch (error) {
        // The batch is re-sent whole by a fresh producer (fresh connections and metadata), so anything
        // already written repeats; nothing is skipped.
        await this.closeProducer();
        throw error;
      }
      this.published += events.length;
      if (!(await this.settle())) return 0;
      const moving = this.checkpoints.compareAndSet(this.name, from, to);
      moving.catch(() => undefined); // settled (and its failure handled) by the next call or stop()
      this.moving = moving;
      this.cursor = to;
      return events.length;
    } catch (error) {
      await this.forget();
      throw error;
    }
  }

  /**
   * Waits for the last checkpoint move. False when another relay (a stale holder) had moved it: what
   * we sent is duplicated, never lost, and the next batch starts from the stored checkpoint. Other
   * failures throw (the caller forgets the cursor).
   */
  private async settle(): Promise<boolean> {
    const moving = this.moving;
    this.moving = null;
    try {
      await moving;
      return true;
    } catch (error) {
      if (!(error instanceof CheckpointConflict)) throw error;
      await this.forget();
      return false;
    }
  }

  /** The batch after `from`: the one read ahead when it starts there, else a fresh read. */
  private async read(from: bigint): Promise<RelayBatch> {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead?.after === from) {
      const batch = await ahead.batch;
      if (batch.events.length > 0) return batch;
    } else if (ahead) {
      await ahead.batch.catch(() => undefined);
    }
    return this.readBatch(from);
  }

  private async readBatch(after: bigint): Promise<RelayBatch> {
    const events = await this.store.readAllJson({ after, limit: this.batchSize });
    return { events, topicMessages: relayMessagesJson(events, this.options) };
  }

  private readAhead(after: bigint): void {
    const batch = this.readBatch(after);
    batch.catch(() => undefined); // a failed read ahead is thrown again when (if) it is used
    this.ahead = { after, batch };
  }

  /** Drops the cursor, any read ahead and the last checkpoint move (waiting for both, so no query outlives the relay). */
  private async forget(): Promise<void> {
    this.cursor = null;
    const { ahead, moving } = this;
    this.ahead = null;
    this.moving = null;
    await Promise.all([ahead?.batch.catch(() => undefined), moving?.catch(() => undefined)]);
  }

  private async run(): Promise<void> {
    let backoff = this.idleDelayMs;
    let wasActive = false;
    while (this.running) {
      try {
        this.poked = false;
        const n = await this.runOnce();
        if (this.lease.held !== wasActive) {
          wasActive = this.lease.held;
          this.logger.log(wasActive ? 'relay active (lease taken)' : 'relay standing by', { relay: this.name, owner: this.owner });
        }
        backoff = this.idleDelayMs;
        if (n === 0 && !(this.poked && this.lease.held)) await this.idle.sleep(this.lease.held ? this.idleDelayMs : this.standbyPollMs);
      } catch (error) {
        backoff = Math.min(Math.max(backoff * 2, 100), this.maxBackoffMs);
        this.logger.warn('relay batch failed; checkpoint kept, retrying', { relay: this.name, error: String(error), retryInMs: backoff });
        await this.idle.sleep(backoff);
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
}
