import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root, from dist/bench/ (compiled) or bench/. */
const PARENT = resolve(__dirname, '..');
const REPO = basename(PARENT) === 'dist' ? resolve(PARENT, '..') : PARENT;
const SCRIPT = resolve(REPO, 'deploy/kafka/kafka.sh');
const run = promisify(execFile);

export interface BenchBroker {
  /** Bootstrap servers, `host:port`. */
  brokers: string;
  /** False when KAFKA_BROKERS names a broker this run does not own. */
  managed: boolean;
  /** e.g. `Kafka 4.4.0`, from the broker jar that deploy/kafka runs. */
  version: string;
  /** Stops the broker if this run started it; idempotent. */
  stop(): Promise<void>;
}

/**
 * KAFKA_BROKERS when set; otherwise a dedicated deploy/kafka broker on 127.0.0.1:19392 (data in
 * .data/bench-kafka), away from the test brokers, stopped by `stop()` or when the process is interrupted.
 */
export async function startBenchBroker(): Promise<BenchBroker> {
  if (process.env.KAFKA_BROKERS)
    return { brokers: process.env.KAFKA_BROKERS, managed: false, version: 'external', stop: async () => undefined };
  const env = {
    ...process.env,
    KAFKA_PORT: process.env.BENCH_KAFKA_PORT ?? '19392',
    KAFKA_CONTROLLER_PORT: process.env.BENCH_KAFKA_CONTROLLER_PORT ?? '19393',
    KAFKA_DATA_DIR: resolve(REPO, '.data/bench-kafka'),
  };
  const kafkaSh = async (command: 'start' | 'stop') => {
    try {
      await run('bash', [SCRIPT, command], { env, cwd: REPO, timeout: 180_000 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`kafka.sh ${command} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
    }
  };
  let running = true;
  const stopNow = () => {
    if (!running) return;
    running = false;
    execFileSync('bash', [SCRIPT, 'stop'], { env, cwd: REPO, stdio: 'ignore', timeout: 60_000 });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await kafkaSh('start');
  } catch (error) {
    stopNow(); // a broker that came up too slowly may still be running
    throw error;
  }
  const jar = readdirSync(resolve(REPO, process.env.KAFKA_CACHE_DIR ?? '.cache/kafka', 'libs')).find((f) =>
    /^kafka_[\d.]+-[\d.]+\.jar$/.test(f),
  );
  return {
    brokers: `127.0.0.1:${env.KAFKA_PORT}`,
    managed: true,
    version: `Kafka ${jar?.replace(/^kafka_[\d.]+-|\.jar$/g, '') ?? '?'}`,
    async stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (!running) return;
      running = false;
      await kafkaSh('stop');
    },
  };
}
