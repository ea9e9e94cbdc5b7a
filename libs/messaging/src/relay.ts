import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer, type ProducerConfig, type TopicMessages } from 'kafkajs';
import { CheckpointConflict, type CheckpointStore, type PgPool, type PostgresEventStore, type StoredEvent } from '@app/event-store';
import { toCloudEvent, topicFor } from './cloud-event';
import { silentLogger, type MessagingLogger } from './kafka.config';
import { Lease } from './lease';

/**
 * The relay's producer: idempotent with one request in flight, so retries neither reorder nor double
 * messages. The default partitioner is Java's murmur2: other clients put a stream id in the same partition.
 */
export const RELAY_PRODUCER_CONFIG: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
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
  maxBackoffMs?: number;
  logger?: MessagingLogger;
}

/** A batch read from the log, its messages built (the events themselves are not kept). */
interface Batch {
  count: number;
  topicMessages: TopicMessages[];
  /** Position of its last event: where the checkpoint goes once the broker has acknowledged it. */
  to: bigint;
}

/** A batch handed to the producer; `acked` settles with the broker's answer. */
interface SentBatch extends Batch {
  acked: Promise<void>;
}

/**
 * Publishes the log to Kafka in gap-safe commit order: read after the checkpoint, send, and move the
 * checkpoint only once the broker has acknowledged (acks = all). A crash between the ack and the
 * checkpoint move re-sends that batch with the same CloudEvents ids, so delivery is at least once and
 * consumers dedupe. The idempotent producer with one request in flight keeps retries from
 * reordering or doubling messages within a producer session. A lease keeps one relay active; a
 * standby takes over once the active one stops renewing it.
 *
 * While there is a backlog the steps overlap, at most two batches deep: batch N+1 is read and built
 * while batch N is on its way to the broker and goes out as soon as N is acknowledged; N's
 * checkpoint move then runs while N+1 is on its way and N+2 is read. Sends stay one at a time and in
 * log order; checkpoint moves stay one at a time and in order, each after its batch's ack. While it
 * holds the lease the relay keeps the checkpoint in memory; after any failure, a conflict or a lapse
 * of the lease it lets what is under way finish, forgets it, and resumes from the checkpoint in
 * PostgreSQL (duplicates, never a gap).
 */
export class OutboxRelay {
  readonly name: string;
  private readonly lease: Lease;
  private readonly batchSize: number;
  private readonly idleDelayMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: MessagingLogger;
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private keeper: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private published = 0;
  /** The checkpoint as this instance last read it or is moving it to; null: read it again before going on. */
  private committed: bigint | null = null;
  /** The compare-and-set to `committed` while it is under way. */
  private moving: Promise<void> | null = null;
  /** The batch sent by the previous step, read right after `committed`; not yet acknowledged or checkpointed. */
  private inFlight: SentBatch | null = null;

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
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.logger = options.logger ?? silentLogger;
    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lease = new Lease(pool, this.name, owner, options.leaseTtlMs ?? 10_000);
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
    this.keeper = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.lease.ttlMs / 3)));
    this.loop = this.run();
  }

  /** Waits for the step and the checkpoint move under way, and for the batch in flight, which is checkpointed if acknowledged. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.keeper) clearInterval(this.keeper);
    this.keeper = null;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.finish();
    await this.lease.release().catch(() => undefined);
    await this.closeProducer();
  }

  poke(): void {
    this.wake?.();
  }

  /**
   * Completes one batch, if this instance holds the lease: waits for the broker's ack of the batch
   * in flight (reading and sending one first if there is none), meanwhile reads and builds the next
   * batch, sends that one, and starts moving the checkpoint over the acknowledged one. While there
   * is a backlog a batch and a checkpoint move are thus still under way when this returns; the next
   * call (or `stop()`) finishes them. Returns how many events the broker acknowledged (0 when idle,
   * standing by, or beaten to the checkpoint); when it returns 0 nothing is under way. Calls must
   * not overlap, nor run beside `start()`.
   */
  async runOnce(): Promise<number> {
    try {
      return await this.step();
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  private async step(): Promise<number> {
    if (!this.lease.held) {
      // Standing by, or the lease lapsed: another holder may have moved the checkpoint meanwhile.
      await this.reset();
      if (!(await this.lease.acquire())) return 0;
    }
    const from = (this.committed ??= await this.checkpoints.get(this.name));
    const current = this.inFlight ?? (await this.send(await this.read(from)));
    if (!current) {
      await this.moved(); // idle: nothing stays under way
      return 0;
    }
    this.inFlight = null;
    // While `current` is on its way, read and build the batch after it.
    const [acked, next] = await Promise.allSettled([this.acknowledged(current), this.read(current.to)]);
    if (acked.status === 'rejected') throw acked.reason;
    // The next batch goes out now. A failed read-ahead is not fatal: the next step reads again and reports it.
    if (next.status === 'fulfilled') await this.send(next.value);
    // The checkpoint moves over `current` while the next batch is on its way, once the previous move has landed.
    if (!(await this.moved())) return 0;
    const moving = this.checkpoints.compareAndSet(this.name, from, current.to);
    moving.catch(() => undefined); // awaited by `moved`; until then a failure is not unhandled
    this.moving = moving;
    this.committed = current.to;
    return current.count;
  }

  /**
   * Waits for the checkpoint move under way. False when another relay (a stale holder) had moved the
   * checkpoint: what we sent is duplicated, never lost; the pipeline is forgotten then.
   */
  private async moved(): Promise<boolean> {
    const moving = this.moving;
    this.moving = null;
    try {
      await moving;
      return true;
    } catch (error) {
      if (!(error instanceof CheckpointConflict)) throw error;
      await this.reset();
      return false;
    }
  }

  /** The batch after position `after` in log order, its messages built; null when there is none yet. */
  private async read(after: bigint): Promise<Batch | null> {
    const events = await this.store.readAll({ after, limit: this.batchSize });
    if (events.length === 0) return null;
    return { count: events.length, topicMessages: relayMessages(events, this.options), to: events[events.length - 1].position };
  }

  /** Hands `batch` to the producer without waiting for the ack, unless the lease is gone. */
  private async send(batch: Batch | null): Promise<SentBatch | null> {
    if (!batch) return null;
    const producer = await this.connectedProducer();
    if (!this.lease.held) return null; // lost while reading: the new holder publishes these
    const acked = producer.sendBatch({ topicMessages: batch.topicMessages, acks: -1 }).then(() => undefined);
    acked.catch(() => undefined); // awaited by `acknowledged`; until then a failure is not unhandled
    return (this.inFlight = { ...batch, acked });
  }

  /** Waits for the broker's ack of `sent`; on a failure the producer is replaced and the error thrown. */
  private async acknowledged(sent: SentBatch): Promise<void> {
    try {
      await sent.acked;
    } catch (error) {
      // The producer's sequence state is unknown after a failed send; a fresh producer id avoids
      // OutOfOrderSequence errors. Publishing resumes from the checkpoint, so anything already written repeats.
      await this.closeProducer();
      throw error;
    }
    this.published += sent.count;
  }

  /**
   * Forgets the pipeline: lets the batch in flight and the checkpoint move finish (the batch is not
   * checkpointed), and reads the checkpoint again next time.
   */
  private async reset(): Promise<void> {
    const { inFlight: sent, moving } = this;
    this.inFlight = null;
    this.moving = null;
    this.committed = null;
    await Promise.allSettled([moving, sent && this.acknowledged(sent)]);
  }

  /** On stop: lets the checkpoint move and the batch in flight finish, and checkpoints the batch if acknowledged. */
  private async finish(): Promise<void> {
    const { inFlight: sent, moving, committed: from } = this;
    this.inFlight = null;
    this.moving = null;
    this.committed = null;
    const [moved, acked] = await Promise.allSettled([moving, sent && this.acknowledged(sent)]);
    try {
      if (moved.status === 'rejected') throw moved.reason;
      if (acked.status === 'rejected') throw acked.reason;
      if (sent && from !== null) await this.checkpoints.compareAndSet(this.name, from, sent.to);
    } catch (error) {
      // Not checkpointed: whoever publishes next sends it again.
      this.logger.warn('relay stopped with its last batches not checkpointed', { relay: this.name, error: String(error) });
    }
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
        if (n === 0) await this.sleep(this.lease.held ? this.idleDelayMs : Math.floor(this.lease.ttlMs / 3));
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
