import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(__dirname, '../..');
const SCRIPT = resolve(REPO, 'deploy/kafka/kafka.sh');

/** The test broker: its own ports and data dir, so it never meets a developer's broker on 9092. */
const env = {
  ...process.env,
  KAFKA_PORT: process.env.TEST_KAFKA_PORT ?? '19092',
  KAFKA_CONTROLLER_PORT: process.env.TEST_KAFKA_CONTROLLER_PORT ?? '19093',
  KAFKA_DATA_DIR: process.env.TEST_KAFKA_DATA_DIR ?? resolve(REPO, '.data/test-kafka'),
  // A killed broker re-registers once its old session has expired; keep that short for fault tests.
  KAFKA_EXTRA_PROPS: process.env.KAFKA_EXTRA_PROPS ?? 'broker.heartbeat.interval.ms=1000\nbroker.session.timeout.ms=4000',
};

export interface TestBroker {
  /** Bootstrap servers, `host:port`. */
  brokers: string;
  /** False when KAFKA_BROKERS points at a broker the tests do not control (no fault tests then). */
  managed: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

async function kafkaSh(command: 'start' | 'stop' | 'kill'): Promise<void> {
  try {
    await run('bash', [SCRIPT, command], { env, cwd: REPO, timeout: 180_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`kafka.sh ${command} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/**
 * KAFKA_BROKERS when set (an existing cluster), otherwise the broker of deploy/kafka started on
 * 127.0.0.1:19092. `start` is idempotent, so every test file may call this in beforeAll.
 */
export async function testBroker(): Promise<TestBroker> {
  if (process.env.KAFKA_BROKERS) {
    const unmanaged = async () => {
      throw new Error('the broker is external (KAFKA_BROKERS); fault tests need the managed test broker');
    };
    return { brokers: process.env.KAFKA_BROKERS, managed: false, start: async () => undefined, stop: unmanaged, kill: unmanaged };
  }
  await kafkaSh('start');
  return {
    brokers: `127.0.0.1:${env.KAFKA_PORT}`,
    managed: true,
    start: () => kafkaSh('start'),
    stop: () => kafkaSh('stop'),
    kill: () => kafkaSh('kill'),
  };
}
