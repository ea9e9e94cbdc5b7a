import { Kafka, logLevel, type Admin, type Consumer, type ConsumerConfig, type LogEntry } from 'kafkajs';

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
  /** Topics are `<prefix>.<aggregate type>.events.v1`; consumer groups `<prefix>.projector.<name>` (see projectorGroups). */
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
 * A consumer whose group-coordinator lookup waits for a broker instead of crashing.
 *
 * When the only broker shuts down, its last answers tell the consumer that it is no longer the
 * group's coordinator; kafkajs then rejoins, finds no broker to ask for the coordinator
 * (KafkaJSGroupCoordinatorNotFound) and crashes with a non-retriable error. The crashed member
 * stays in the group, so after the broker's return its replacement's join waits out that member's
 * session (6 s). Here the lookup is retried with CLIENT_RETRY's backoff for as long as the other
 * requests are, unless `giveUp()` says the consumer is being stopped: the consumer keeps its
 * member id and rejoins as itself once the broker serves again.
 *
 * kafkajs (2.2.4) offers no option for this; the lookup is reached through the client's private
 * cluster factory, for this one consumer only. Should a kafkajs upgrade remove that factory, the
 * consumer is created unchanged (the unit test of this function then fails).
 */
export function createConsumer(
  kafka: Kafka,
  config: ConsumerConfig,
  giveUp: () => boolean,
  logger: MessagingLogger = silentLogger,
): Consumer {
  const factory = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!factory) return kafka.consumer(config);
  const holder = kafka as unknown as Record<symbol, (options: unknown) => ClusterLike>;
  const original = holder[factory];
  const coordinators = new Set<BrokerLike>();
  holder[factory] = (options) => {
    const cluster = original(options);
    const find = cluster.findGroupCoordinator.bind(cluster);
    cluster.findGroupCoordinator = async (args) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const coordinator = await find(args);
          coordinators.add(coordinator);
          return coordinator;
        } catch (error) {
          if (!noBrokerAnswered(error) || attempt >= CLIENT_RETRY.retries || giveUp()) throw error;
          if (attempt === 0) logger.warn('no broker answers for the group coordinator, waiting for one', { groupId: config.groupId });
          const delay = Math.min(CLIENT_RETRY.initialRetryTime * CLIENT_RETRY.multiplier ** attempt, CLIENT_RETRY.maxRetryTime);
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    };
    return cluster;
  };
  let consumer: Consumer;
  try {
    consumer = kafka.consumer(config);
  } finally {
    holder[factory] = original;
  }
  // After a broker restart the group keeps the coordinator's Broker object it had, while the cluster's
  // pool holds a new one for the same node: disconnecting the consumer closes the pool's, not the
  // group's, and that one's heartbeat connection stays open (seen after the outage drill, keeping
  // the test process alive). So every coordinator the group was given is disconnected too.
  const disconnect = consumer.disconnect.bind(consumer);
  consumer.disconnect = async () => {
    try {
      await disconnect();
    } finally {
      const brokers = [...coordinators];
      coordinators.clear();
      await Promise.all(brokers.map((broker) => broker.disconnect().catch(() => undefined)));
    }
  };
  return consumer;
}

interface BrokerLike {
  disconnect(): Promise<void>;
}

interface ClusterLike {
  findGroupCoordinator(args: unknown): Promise<BrokerLike>;
}

function noBrokerAnswered(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++)
    if (e.name === 'KafkaJSGroupCoordinatorNotFound') return true;
  return false;
}

/**
 * Creates the topics of `categories` when missing (auto-creation would use the broker's defaults).
 * With `replicationFactor` (3 on a real cluster) they also get min.insync.replicas 2 from RF 3 on,
 * so an acks=all write survives the loss of any one broker and is refused rather than kept on one.
 */
/** How long a topic just created may take to have a leader for every partition, as the brokers tell it. */
const TOPIC_LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates the topics that are missing and returns once every partition of every topic has a leader in
 * the metadata the brokers serve, and that leader answers. On a cluster, the broker that forwarded the creation knows the topic
 * before the others do: until then a metadata request answers "This server does not host this
 * topic-partition" (UNKNOWN_TOPIC_OR_PARTITION), which kafkajs's own `waitForLeaders` does not wait
 * out, and a concurrent creator (another worker) skips that wait altogether. Both wait here instead.
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
        waitForLeaders: false,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, ...replication })),
      });
    }
    await topicLeaders(admin, topics);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Leaders in the metadata are not yet leaders that answer: a first produce without retries (the
 * relay's) can still meet NOT_LEADER and re-send its batch. ListOffsets goes to each partition's
 * leader, so its answer means they all serve.
 */
async function leadersAnswer(admin: Admin, topics: string[]): Promise<boolean> {
  try {
    for (const topic of topics) await admin.fetchTopicOffsets(topic);
    return true;
  } catch {
    return false;
  }
}

async function topicLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + TOPIC_LEADERS_TIMEOUT_MS;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    let reason: string;
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const leaderless = found.flatMap((t) => t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}/${p.partitionId}`));
      if (found.length === topics.length && leaderless.length === 0) {
        if (await leadersAnswer(admin, topics)) return;
        reason = 'a leader named in the metadata does not answer yet';
      } else {
        reason = leaderless.length ? `no leader yet for ${leaderless.join(', ')}` : 'a topic is missing from the metadata';
      }
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw error;
      reason = String(error);
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')} have no leaders after ${TOPIC_LEADERS_TIMEOUT_MS} ms: ${reason}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
