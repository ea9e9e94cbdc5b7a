import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** Structured logger the messaging classes write to (Nest's Logger in the app, silent in tests). */
export interface MessagingLogger {
  log(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export const silentLogger: MessagingLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface KafkaSettings {
  /** Bootstrap servers, `host:port[,host:port…]` or a list. */
  brokers: string | string[];
  clientId: string;
  /** Topics are `<prefix>.<aggregate type>.events.v1`; consumer groups `<prefix>.projector.<name>`. */
  topicPrefix: string;
  /** Aggregate types whose topics exist up front and feed handlers that name no categories. */
  categories: string[];
  /** Partitions of topics this code creates. */
  partitions: number;
  /** Replication factor of topics this code creates (the broker's default when absent). */
  replicationFactor?: number;
  logger?: MessagingLogger;
}

/**
 * Backoff of every Kafka request: 100 ms doubling to 1 s, for about five minutes before the caller
 * sees the error. A consumer that gave up sooner would throw its group membership away in the
 * middle of a broker restart, and recovering it costs more than the wait.
 */
export const CLIENT_RETRY = { initialRetryTime: 100, maxRetryTime: 1000, factor: 0.2, multiplier: 2, retries: 300 };

export const DEFAULT_CATEGORIES = ['key-project', 'rectification-order'];

export function brokerList(brokers: string | string[]): string[] {
  return (Array.isArray(brokers) ? brokers : brokers.split(',')).map((b) => b.trim()).filter(Boolean);
}

/** The one place kafkajs is instantiated; its own logging goes through our logger at WARN and up. */
export function createKafka(settings: KafkaSettings): Kafka {
  const logger = settings.logger ?? silentLogger;
  return new Kafka({
    clientId: settings.clientId,
    brokers: brokerList(settings.brokers),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    // Sized for a broker that comes back: kafkajs's default backoff grows to 30 s, so a client could
    // sleep through most of a broker's return. Capped at 1 s, a returning broker is found within a second.
    retry: CLIENT_RETRY,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const context = { kafka: namespace, ...extra };
        if (level <= logLevel.ERROR) logger.error(message, context);
        else logger.warn(message, context);
      },
  });
}

/**
 * Creates the topics of `categories` when missing (auto-creation would use the broker's defaults).
 * With `replicationFactor` (3 on a real cluster) they also get min.insync.replicas 2 from RF 3 on,
 * so an acks=all write survives the loss of any one broker and is refused rather than kept on one.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number, replicationFactor?: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) {
      const replication = replicationFactor
        ? { replicationFactor, configEntries: [{ name: 'min.insync.replicas', value: replicationFactor >= 3 ? '2' : '1' }] }
        : {};
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, ...replication })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
