import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

const run = promisify(execFile);
const REPO = resolve(__dirname, '../..');
const SCRIPT = resolve(REPO, 'deploy/kafka/kafka.sh');

/**
 * Test brokers have their own ports and data dirs, so they never meet a developer's broker on 9092.
 * The fault tests stop and kill theirs, so they get a second one that no other test file uses.
 */
function brokerEnv(instance: 'shared' | 'faults') {
  const base = Number(process.env.TEST_KAFKA_PORT ?? 19092) + (instance === 'faults' ? 100 : 0);
  return {
    ...process.env,
    KAFKA_PORT: String(base),
    KAFKA_CONTROLLER_PORT: String(base + 1),
    KAFKA_DATA_DIR: resolve(REPO, process.env.TEST_KAFKA_DATA_DIR ?? '.data/test-kafka') + (instance === 'faults' ? '-faults' : ''),
    // A killed broker re-registers once its old session has expired; keep that short for fault tests.
    KAFKA_EXTRA_PROPS: process.env.KAFKA_EXTRA_PROPS ?? 'broker.heartbeat.interval.ms=1000\nbroker.session.timeout.ms=4000',
  };
}

export interface TestBroker {
  /** Bootstrap servers, `host:port`. */
  brokers: string;
  /** False when KAFKA_BROKERS points at a broker the tests do not control (no fault tests then). */
  managed: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  /**
   * Resolves once the broker serves again, as a client needs it: it answers, every partition of
   * `topics` has a leader, and the coordinator of each of `groups` has loaded it. Recovery targets
   * count from here; before it no client can produce or consume, whatever it does.
   */
  serving(on?: { topics?: string[]; groups?: string[] }): Promise<void>;
}

async function servingAgain(brokers: string, on: { topics?: string[]; groups?: string[] } = {}): Promise<void> {
  const probe = new Kafka({
    clientId: 'test-probe',
    brokers: [brokers],
    connectionTimeout: 200,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  for (;;) {
    const admin = probe.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      if (on.topics?.length) {
        const { topics } = await admin.fetchTopicMetadata({ topics: on.topics });
        if (topics.some((t) => t.partitions.some((p) => p.leader < 0))) throw new Error('a partition has no leader yet');
      }
      if (on.groups?.length) await admin.describeGroups(on.groups);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

async function kafkaSh(command: 'start' | 'stop' | 'kill', env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run('bash', [SCRIPT, command], { env, cwd: REPO, timeout: 180_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`kafka.sh ${command} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}

/**
 * KAFKA_BROKERS when set (an existing cluster), otherwise a broker of deploy/kafka started on
 * 127.0.0.1:19092 (`faults`: 19192). `start` is idempotent, so every test file may call this in beforeAll.
 */
export async function testBroker(instance: 'shared' | 'faults' = 'shared'): Promise<TestBroker> {
  if (process.env.KAFKA_BROKERS) {
    const unmanaged = async () => {
      throw new Error('the broker is external (KAFKA_BROKERS); fault tests need the managed test broker');
    };
    return {
      brokers: process.env.KAFKA_BROKERS,
      managed: false,
      start: async () => undefined,
      stop: unmanaged,
      kill: unmanaged,
      serving: (on) => servingAgain(process.env.KAFKA_BROKERS as string, on),
    };
  }
  const env = brokerEnv(instance);
  await kafkaSh('start', env);
  return {
    brokers: `127.0.0.1:${env.KAFKA_PORT}`,
    managed: true,
    start: () => kafkaSh('start', env),
    stop: () => kafkaSh('stop', env),
    kill: () => kafkaSh('kill', env),
    serving: (on) => servingAgain(`127.0.0.1:${env.KAFKA_PORT}`, on),
  };
}

const CLUSTER_SCRIPT = resolve(REPO, 'deploy/kafka/cluster.sh');

export interface TestCluster {
  /** Bootstrap servers of all nodes, `host:port,…`. */
  brokers: string;
  /** Node i (1-based) is broker id i. */
  nodes: number;
  stop(node?: number): Promise<void>;
  start(node?: number): Promise<void>;
  kill(node: number): Promise<void>;
}

async function clusterSh(args: string[]): Promise<string> {
  const env = {
    ...process.env,
    KAFKA_BASE_PORT: process.env.TEST_KAFKA_CLUSTER_PORT ?? '19300',
    KAFKA_CLUSTER_DIR: resolve(REPO, process.env.TEST_KAFKA_CLUSTER_DIR ?? '.data/test-kafka-cluster'),
  };
  try {
    // cluster.sh fails a start that stops making progress (kafka.sh's KAFKA_START_TIMEOUT, nothing logged);
    // three brokers that keep working on a loaded machine may take minutes, so this is only the last resort.
    return (await run('bash', [CLUSTER_SCRIPT, ...args], { env, cwd: REPO, timeout: 600_000 })).stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`cluster.sh ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
  }
}

/** Three KRaft nodes of deploy/kafka/cluster.sh on 127.0.0.1:19300, :19302, :19304 (TEST_KAFKA_CLUSTER_PORT), RF 3, min ISR 2. */
export async function testCluster(): Promise<TestCluster> {
  await clusterSh(['start']);
  const brokers = (await clusterSh(['brokers'])).trim();
  return {
    brokers,
    nodes: brokers.split(',').length,
    start: async (node) => void (await clusterSh(node ? ['start', String(node)] : ['start'])),
    stop: async (node) => void (await clusterSh(node ? ['stop', String(node)] : ['stop'])),
    kill: async (node) => void (await clusterSh(['kill', String(node)])),
  };
}
