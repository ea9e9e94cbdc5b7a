import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

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
    return { brokers: process.env.KAFKA_BROKERS, managed: false, start: async () => undefined, stop: unmanaged, kill: unmanaged };
  }
  const env = brokerEnv(instance);
  await kafkaSh('start', env);
  return {
    brokers: `127.0.0.1:${env.KAFKA_PORT}`,
    managed: true,
    start: () => kafkaSh('start', env),
    stop: () => kafkaSh('stop', env),
    kill: () => kafkaSh('kill', env),
  };
}
