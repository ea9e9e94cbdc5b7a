import { resolve } from 'node:path';
import type { Kafka } from 'kafkajs';
import { CheckpointStore, CreateEventStore1764300000000, type PostgresEventStore } from '@app/event-store';
import { createKafka, KafkaProjector, MESSAGING_MIGRATIONS, OutboxRelay, topicForCategory, type MessagingLogger } from '@app/messaging';
import { EmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { testBroker, type TestBroker } from './broker';
import { spawnChild, type Child } from './child';
import { appendEvents, CATEGORIES, createReadModelTable, newStore, newStreams, orderedReadModel, waitUntil } from './fixtures';

/*
 * The recovery drills of docs/operations.md, each run N times in a row, with a timeline of what every
 * pause was made of:
 *
 *   outage   the broker stopped for OUTAGE_S (30) seconds while RATE (100) commands a second are accepted;
 *            seconds from the broker serving again (it answers, every partition has a leader, the group coordinator
 *            has loaded the projector's group); OUTAGE=kill SIGKILLs it
 *            instead of a controlled shutdown until the relay has published everything and
 *            until the Kafka-fed read model has applied every acknowledged event
 *   restart  the only relay process SIGKILLed mid-load and started again; seconds from the new
 *            process's spawn until it publishes
 *   standby  two relay processes, the active one SIGKILLed; seconds from the kill until the standby publishes
 *
 * Run: TEST_EMBEDDED_PG_PORT=54342 TEST_KAFKA_PORT=22092 node -r ./test/kafka/register.js test/kafka/recovery-drills.ts outage 5
 * (DATABASE_URL instead of the embedded server; the broker is the fault tests' one, TEST_KAFKA_PORT + 100.)
 */

type Drill = 'outage' | 'restart' | 'standby';

const started = Date.now();
const timeline: string[] = [];
function mark(what: string, context?: Record<string, unknown>): void {
  timeline.push(`${((Date.now() - started) / 1000).toFixed(2).padStart(8)} s  ${what}${context ? ` ${JSON.stringify(context)}` : ''}`);
}
const drillLogger: MessagingLogger = { log: mark, warn: mark, error: mark };

async function main(): Promise<void> {
  const drill = process.argv[2] as Drill;
  const runs = Number(process.argv[3] ?? 5);
  if (!['outage', 'restart', 'standby'].includes(drill)) throw new Error('usage: recovery-drills.ts outage|restart|standby [runs]');
  let embedded: EmbeddedPostgres | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = new EmbeddedPostgres({
      dataDir: resolve(__dirname, '../../.data/test-pg'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
      database: 'mdj_test',
    });
    process.env.DATABASE_URL = await embedded.start();
  }
  const [db, broker] = await Promise.all([
    createTestDatabase([CreateEventStore1764300000000, ...MESSAGING_MIGRATIONS], 30),
    testBroker('faults'),
  ]);
  const kafka = createKafka({
    brokers: broker.brokers,
    clientId: 'drill',
    topicPrefix: 'unused',
    categories: CATEGORIES,
    partitions: 3,
    logger: drillLogger,
  });
  const figures: Array<Record<string, number>> = [];
  try {
    for (let run = 1; run <= runs; run++) {
      mark(`== ${drill} drill ${run}/${runs}`);
      const figure = await { outage, restart, standby }[drill](db, broker, kafka);
      figures.push(figure);
      mark(`== ${drill} drill ${run}: ${JSON.stringify(figure)}`);
    }
  } finally {
    await broker.stop().catch(() => undefined);
    await db.drop();
    await embedded?.stop();
  }
  console.log(timeline.join('\n'));
  console.log(`\n${drill}: ${runs} drills in a row`);
  console.table(figures);
}

/** Commands per second while the broker is away. */
const RATE = Number(process.env.RATE ?? 100);

function sleepUntil(at: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
}

function scope(db: TestDatabase) {
  const prefix = `d${Math.random().toString(36).slice(2, 10)}`;
  return { prefix, name: `relay-${prefix}`, table: `rm_${prefix}`, store: newStore(db.pool), checkpoints: new CheckpointStore(db.pool) };
}

function seconds(from: number, to: number): number {
  return Math.round((to - from) / 10) / 100;
}

async function caughtUp(store: PostgresEventStore, checkpoints: CheckpointStore, name: string): Promise<boolean> {
  return store.hasReached(await checkpoints.get(name), await store.headPosition());
}

async function outage(db: TestDatabase, broker: TestBroker, kafka: Kafka): Promise<Record<string, number>> {
  const { prefix, name, table, store, checkpoints } = scope(db);
  await checkpoints.compareAndSet(name, 0n, await store.headPosition());
  await createReadModelTable(db.pool, table);
  const relay = new OutboxRelay(db.pool, store, checkpoints, kafka, { topicPrefix: prefix, source: '/drill', name, logger: drillLogger });
  const projector = new KafkaProjector(db.pool, kafka, orderedReadModel(table), {
    topicPrefix: prefix,
    categories: CATEGORIES,
    store,
    logger: drillLogger,
  });
  relay.start();
  await projector.start();
  const streams = newStreams(20);
  await appendEvents(store, streams, 200);
  const applied = async () => Number((await db.pool.query(`SELECT coalesce(sum(version), 0) AS n FROM ${table}`)).rows[0].n);
  await waitUntil('read model fed before the outage', async () => (await applied()) === 200, 60_000);
  const how = process.env.OUTAGE === 'kill' ? 'kill' : 'stop';
  mark(`broker ${how === 'kill' ? 'SIGKILLed' : 'stopping'}`);
  await broker[how]();
  mark('broker gone');
  const outageMs = Number(process.env.OUTAGE_S ?? 30) * 1000;
  const perTick = Math.max(1, Math.round(RATE / 10));
  const outageStart = Date.now();
  let accepted = 200;
  for (let tick = 1; Date.now() - outageStart < outageMs; tick++) {
    await appendEvents(store, streams, perTick, 4);
    accepted += perTick;
    await sleepUntil(outageStart + tick * 100);
  }
  mark('broker starting', { accepted });
  const starting = broker.start();
  await broker.serving({ topics: CATEGORIES.map((c) => topicForCategory(c, { prefix })), groups: [projector.groupId] });
  const back = Date.now();
  mark('broker serving again (leaders elected, group coordinator loaded)');
  let relayDone = 0;
  let readModelDone = 0;
  await Promise.all([
    starting.then(() => mark('kafka.sh start answered')),
    waitUntil('relay caught up', async () => await caughtUp(store, checkpoints, name), 600_000, 50).then(() => {
      relayDone = Date.now();
      mark('relay caught up');
    }),
    waitUntil('read model caught up', async () => (await applied()) === accepted, 600_000, 50).then(() => {
      readModelDone = Date.now();
      mark('read model caught up');
    }),
  ]);
  await Promise.all([relay.stop(), projector.stop()]);
  return { accepted, relayCaughtUpS: seconds(back, relayDone), readModelCaughtUpS: seconds(back, readModelDone) };
}

function relayChild(db: TestDatabase, broker: TestBroker, prefix: string, name: string): Child {
  const child = spawnChild('relay-process.ts', {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: broker.brokers,
    TOPIC_PREFIX: prefix,
    RELAY_NAME: name,
    BATCH_SIZE: '50',
    LEASE_TTL_MS: '10000',
  });
  return child;
}

/** Appends in the background until stopped, so a relay always has something to publish. */
function steadyLoad(store: PostgresEventStore): { stop(): Promise<void> } {
  let running = true;
  const streams = newStreams(20);
  const loop = (async () => {
    while (running) await appendEvents(store, streams, 20, 2);
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function restart(db: TestDatabase, broker: TestBroker): Promise<Record<string, number>> {
  const { prefix, name, store, checkpoints } = scope(db);
  await checkpoints.compareAndSet(name, 0n, await store.headPosition());
  const load = steadyLoad(store);
  const first = relayChild(db, broker, prefix, name);
  let second: Child | null = null;
  try {
    return await restartTakesOver(first, () => (second = relayChild(db, broker, prefix, name)), load, store, checkpoints, name);
  } finally {
    await load.stop();
    await Promise.all([first.kill('SIGKILL'), (second as Child | null)?.kill('SIGKILL')]);
  }
}

async function restartTakesOver(
  first: Child,
  restart: () => Child,
  load: { stop(): Promise<void> },
  store: PostgresEventStore,
  checkpoints: CheckpointStore,
  name: string,
) {
  await waitUntil('relay publishing', async () => Number(first.status.published ?? 0) >= 100, 60_000, 10);
  await first.kill('SIGKILL');
  mark('relay SIGKILLed');
  const spawned = Date.now();
  const second = restart();
  await waitUntil('restarted relay active', async () => second.status.active === true, 60_000, 5);
  const active = Date.now();
  mark('restarted relay holds the lease');
  await waitUntil('restarted relay publishing', async () => Number(second.status.published ?? 0) > 0, 60_000, 5);
  const publishing = Date.now();
  mark('restarted relay published');
  await load.stop();
  await waitUntil('caught up', () => caughtUp(store, checkpoints, name), 60_000);
  await second.kill('SIGTERM');
  return {
    leaseS: seconds(spawned, active),
    publishingS: seconds(spawned, publishing),
    processReadyS: seconds(spawned, spawned + Number(second.status.startedAfterMs ?? 0)),
  };
}

async function standby(db: TestDatabase, broker: TestBroker): Promise<Record<string, number>> {
  const { prefix, name, store, checkpoints } = scope(db);
  await checkpoints.compareAndSet(name, 0n, await store.headPosition());
  const load = steadyLoad(store);
  const relays = [relayChild(db, broker, prefix, name), relayChild(db, broker, prefix, name)];
  try {
    return await standbyTakesOver(db, relays, load, name);
  } finally {
    await load.stop();
    await Promise.all(relays.map((r) => r.kill('SIGKILL')));
  }
}

async function standbyTakesOver(db: TestDatabase, relays: Child[], load: { stop(): Promise<void> }, name: string) {
  const { store, checkpoints } = scope(db);
  await waitUntil('one relay publishing', async () => relays.some((r) => Number(r.status.published ?? 0) >= 100), 60_000, 10);
  const active = relays.find((r) => r.status.active === true)!;
  const other = relays.find((r) => r !== active)!;
  await waitUntil('standby up', async () => other.status.active === false, 60_000, 5);
  const before = Number(other.status.published ?? 0);
  await active.kill('SIGKILL');
  const killed = Date.now();
  mark('active relay SIGKILLed');
  await waitUntil('standby active', async () => other.status.active === true, 60_000, 5);
  const took = Date.now();
  mark('standby holds the lease');
  await waitUntil('standby publishing', async () => Number(other.status.published ?? 0) > before, 60_000, 5);
  const publishing = Date.now();
  mark('standby published');
  await load.stop();
  await waitUntil('caught up', () => caughtUp(store, checkpoints, name), 60_000);
  await other.kill('SIGTERM');
  return { leaseS: seconds(killed, took), publishingS: seconds(killed, publishing) };
}

main().catch((error: unknown) => {
  console.log(timeline.join('\n'));
  console.error(error);
  process.exit(1);
});
