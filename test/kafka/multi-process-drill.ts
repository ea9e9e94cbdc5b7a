import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { signToken } from '@app/auth';
import { addDays, shanghaiDate } from '@app/domain';
import { createKafka, topicForCategory } from '@app/messaging';
import { MIGRATIONS } from '../../apps/api/src/migrations';
import { createTestDatabase } from '../support/database';
import { buildServer, httpRequest, spawnApp, waitLive, type AppProcess, type HttpResult } from './app-processes';
import type { TestCluster } from './broker';
import { checkDelivery, readTopics } from './fixtures';

/*
 * The compose topology of deploy/compose.yaml without containers: two API processes and two workers,
 * from the built entrypoints, against one PostgreSQL database and the three-broker cluster, under a
 * steady load of HTTP commands (rectification orders issued with a deadline 10 days out, each of which
 * the escalation scheduler, ticking every second, answers with a 15-day notice escalation). Faults:
 *
 *   kill     SIGKILL of the worker holding the relay lease, then of the one holding the scheduler lease
 *            (one kill when it is the same worker): the other worker takes over each within its lease TTL
 *   term     the same with SIGTERM: the relay finishes its batch and both leases are released at exit, so the
 *            standby takes over on its next attempt; and SIGTERM of an API with commands in flight, which
 *            must all be answered
 *   backends pg_terminate_backend of every connection of the database: all four processes recover by themselves
 *
 * Used by test/e2e/multi-process.e2e-spec.ts (one drill, with assertions) and, to measure takeover
 * times over several drills, run as a script (docs/operations.md):
 *
 *   TEST_EMBEDDED_PG_PORT=54342 TEST_KAFKA_CLUSTER_PORT=19300 MULTI_PROCESS_PORT=28400 \
 *     node -r ./test/kafka/register.js test/kafka/multi-process-drill.ts 5
 */

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
/** Settings of the drill's processes: the promised bounds the test holds them to. */
export const RELAY_LEASE_TTL_MS = 10_000;
export const SCHEDULER_LEASE_TTL_MS = 10_000;
export const SCHEDULER_INTERVAL_MS = 1_000;
const RATE = Number(process.env.MULTI_PROCESS_RATE ?? 10); // orders a second
const STARTUP_MS = 180_000; // a Nest process's start on a busy 2-core machine; not a product figure

const run = promisify(execFile);

export interface Takeover {
  fault: 'SIGKILL' | 'SIGTERM';
  lease: 'relay' | 'scheduler';
  /** ms from the signal until the standby holds the lease (the relay: and has published a batch). */
  ms: number;
  /** SIGTERM only: at the process's exit, its lease row was already released (or taken over). */
  releasedAtExit?: boolean;
}

export interface DrillResult {
  takeovers: Takeover[];
  /** ms from pg_terminate_backend until each part served again. */
  backends: { terminated: number; relayMs: number; schedulerMs: number; apiMs: number[]; restarted: string[] };
  /** The burst of commands in flight when an API got SIGTERM: how many, and how they were answered. */
  apiTerm: { inFlight: number; statuses: number[]; transportErrors: string[] };
  load: { acknowledged: number; rejected: Record<string, number>; transportErrors: string[]; unexpected: string[] };
  kafka: { expected: number; missing: number; duplicates: number; problems: string[]; duplicatedAfterTerm: number };
  escalations: { orders: number; withOne: number; duplicateStreams: number };
  rebuild: Array<{ name: string; tables: string[]; equal: boolean }>;
  readModelMissing: number;
}

interface Order {
  code: string;
  id?: string;
  port: number;
  sentAt: number;
  result?: HttpResult;
  error?: string;
}

/**
 * A process that shut down on SIGTERM: Nest runs its shutdown hooks and then raises the signal again,
 * so the process ends by SIGTERM (its default action) once clean; an exit code other than 0 is a failure.
 */
const cleanExit = (code: number | string) => code === 0 || code === 'SIGTERM';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function runMultiProcessDrill(
  cluster: TestCluster,
  options: { basePort: number; log?: (m: string) => void },
): Promise<DrillResult> {
  const log = options.log ?? (() => undefined);
  const begun = Date.now();
  const mark = (m: string) => log(`${((Date.now() - begun) / 1000).toFixed(2).padStart(7)} s  ${m}`);
  const [build, db] = await Promise.all([buildServer(), createTestDatabase(MIGRATIONS, 5)]);
  const prefix = `mp${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DB_POOL_SIZE: '10',
    JWT_SECRET: TEST_JWT_SECRET,
    // The personal-data store's master key: required with DATABASE_URL (docs/security.md).
    PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    SEED_PLAN: 'false',
    SEED_SAMPLES: 'false',
    DEMO_USERS: 'false',
    LOG_LEVEL: 'info',
    KAFKA_BROKERS: cluster.brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_REPLICATION: '3',
    RELAY_LEASE_TTL_MS: String(RELAY_LEASE_TTL_MS),
    RELAY_BATCH_SIZE: '100',
    SCHEDULER_ENABLED: 'true',
    SCHEDULER_INTERVAL_MS: String(SCHEDULER_INTERVAL_MS),
    SCHEDULER_LEASE_TTL_MS: String(SCHEDULER_LEASE_TTL_MS),
    RATE_LIMIT_USER_PER_MINUTE: '0',
    RATE_LIMIT_IP_PER_MINUTE: '0',
    OTEL_SDK_DISABLED: 'true',
  };
  const port = options.basePort;
  const apiPorts = [port, port + 1];
  const workerPorts = [port + 10, port + 11];
  const everyProcess: AppProcess[] = [];
  const spawnOne = (kind: 'api' | 'worker', i: number) => {
    const p = spawnApp(build, kind, `${kind}-${i + 1}`, (kind === 'api' ? apiPorts : workerPorts)[i], env);
    everyProcess.push(p);
    return p;
  };
  const apis = [spawnOne('api', 0), spawnOne('api', 1)];
  const workers = [spawnOne('worker', 0), spawnOne('worker', 1)];
  // The drill's own connections are among those pg_terminate_backend ends: a query that meets one runs again.
  const q = async <R extends object>(text: string, values: unknown[] = []): Promise<R[]> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await db.pool.query<R>(text, values)).rows;
      } catch (error) {
        const lost = /terminat|Connection ended|ECONNRESET/i.test(String(error));
        if (!lost || attempt >= 20) throw error;
        await sleep(100);
      }
    }
  };

  const supervision = await signToken(TEST_JWT_SECRET, {
    userId: 'drill-supervision',
    displayName: '演练 督察办',
    roles: ['supervision-office'],
    department: null,
  });
  const orders: Order[] = [];
  const inRotation = new Set(apiPorts);
  let loading = true;
  let seq = 0;
  const issue = (toPort: number, extra: Partial<Order> = {}, onWritten?: () => void): Order => {
    const today = shanghaiDate(new Date());
    const order: Order = { code: `演练-${prefix}-${++seq}`, port: toPort, sentAt: Date.now(), ...extra };
    orders.push(order);
    void httpRequest(toPort, 'POST', '/api/v1/rectification-orders', {
      headers: { authorization: `Bearer ${supervision}` },
      body: {
        code: order.code,
        source: 'CENTRAL_INSPECTION',
        batch: '第二轮中央生态环境保护督察',
        finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
        target: '沿湖村屯生活污水全部收集处理。',
        deadlineKind: 'BY_DATE',
        deadline: addDays(today, 10),
        measures: [],
      },
      onWritten,
    }).then(
      (r) => {
        order.result = r;
        if (r.status === 201) order.id = (JSON.parse(r.body) as { id: string }).id;
      },
      (e: Error & { code?: string }) => (order.error = e.code ?? e.message),
    );
    return order;
  };
  let load: Promise<void> = Promise.resolve();
  /** A steady RATE commands a second, spread over the APIs in rotation (a load balancer's pool). */
  const startLoad = () => {
    const from = Date.now();
    load = (async () => {
      for (let tick = 0; loading; tick++) {
        const ports = [...inRotation];
        if (ports.length) issue(ports[tick % ports.length]);
        await sleep(Math.max(0, from + ((tick + 1) * 1000) / RATE - Date.now()));
      }
    })();
  };
  const settled = () => orders.every((o) => o.result || o.error);

  const lease = async (table: 'messaging.leases' | 'scheduler.leases', name: string) =>
    (await q<{ owner: string; live: boolean }>(`SELECT owner, expires_at > now() AS live FROM ${table} WHERE name = $1`, [name]))[0];
  const relayLease = () => lease('messaging.leases', 'relay');
  const schedulerLease = () => lease('scheduler.leases', 'escalation-scheduler');
  const pidOf = (owner: string) => Number(owner.split(':')[1]);
  const relayCheckpoint = async () =>
    BigInt((await q<{ position: string }>(`SELECT position FROM event_store.checkpoints WHERE name = 'relay'`))[0]?.position ?? 0);
  const escalatedOrders = async () =>
    Number(
      (
        await q<{ n: string }>(`SELECT count(DISTINCT subject_id) AS n FROM read_models.escalations WHERE subject_id = ANY($1::uuid[])`, [
          orders.filter((o) => o.id).map((o) => o.id),
        ])
      )[0].n,
    );

  const result: DrillResult = {
    takeovers: [],
    backends: { terminated: 0, relayMs: 0, schedulerMs: 0, apiMs: [], restarted: [] },
    apiTerm: { inFlight: 0, statuses: [], transportErrors: [] },
    load: { acknowledged: 0, rejected: {}, transportErrors: [], unexpected: [] },
    kafka: { expected: 0, missing: 0, duplicates: 0, problems: [], duplicatedAfterTerm: 0 },
    escalations: { orders: 0, withOne: 0, duplicateStreams: 0 },
    rebuild: [],
    readModelMissing: 0,
  };
  const termWindows: Array<{ from: bigint; to: bigint }> = [];

  try {
    await Promise.all(everyProcess.map((p) => waitLive(p, STARTUP_MS)));
    mark('two APIs and two workers live');
    startLoad();
    await waitFor(
      'the relay and the scheduler to be held',
      async () => (await relayLease())?.live && (await schedulerLease())?.live,
      STARTUP_MS,
    );
    await waitFor('escalations raised for the load', async () => (await escalatedOrders()) >= 5, STARTUP_MS, 100);
    mark('relay publishing, scheduler raising escalations');

    /** Signals the worker holding `which`, measures the takeover of every lease it held, starts it again. */
    const fault = async (signal: 'SIGKILL' | 'SIGTERM', which: 'relay' | 'scheduler') => {
      const [relay, scheduler] = await Promise.all([relayLease(), schedulerLease()]);
      const holder = pidOf((which === 'relay' ? relay : scheduler).owner);
      const index = workers.findIndex((w) => w.pid === holder && w.alive());
      if (index < 0) return; // the earlier fault took this one over already, and its worker was restarted
      const victim = workers[index];
      const held = { relay: pidOf(relay.owner) === holder, scheduler: pidOf(scheduler.owner) === holder };
      const fromCheckpoint = await relayCheckpoint();
      mark(
        `${signal} ${victim.name} (pid ${holder}), holding ${Object.keys(held)
          .filter((k) => held[k as keyof typeof held])
          .join(' and ')}`,
      );
      // The batch in flight at a SIGTERM is finished and checkpointed: nothing after this point may repeat.
      if (signal === 'SIGTERM' && held.relay) termWindows.push({ from: fromCheckpoint, to: fromCheckpoint + 200n });
      const t0 = performance.now();
      victim.signal(signal);
      // SIGTERM: once the process has exited, the leases it held are free (or already the standby's).
      const exitCheck = victim.exited.then(async () => {
        const [r, s] = await Promise.all([relayLease(), schedulerLease()]);
        return (!held.relay || pidOf(r.owner) !== holder || !r.live) && (!held.scheduler || pidOf(s.owner) !== holder || !s.live);
      });
      const takeovers: Array<Promise<void>> = [];
      if (held.relay) {
        takeovers.push(
          waitFor(
            'the standby relay to publish',
            async () => {
              const r = await relayLease();
              return r.live && pidOf(r.owner) !== holder && (await relayCheckpoint()) > fromCheckpoint;
            },
            RELAY_LEASE_TTL_MS * 3,
          ).then(() => {
            result.takeovers.push({ fault: signal, lease: 'relay', ms: Math.round(performance.now() - t0) });
          }),
        );
      }
      if (held.scheduler) {
        takeovers.push(
          waitFor(
            'the standby scheduler to hold its lease',
            async () => {
              const s = await schedulerLease();
              return s.live && pidOf(s.owner) !== holder;
            },
            SCHEDULER_LEASE_TTL_MS * 3,
          ).then(() => {
            result.takeovers.push({ fault: signal, lease: 'scheduler', ms: Math.round(performance.now() - t0) });
          }),
        );
      }
      await Promise.all(takeovers);
      const code = await victim.exited;
      const releasedAtExit = await exitCheck;
      if (signal === 'SIGTERM')
        for (const t of result.takeovers) if (t.fault === 'SIGTERM' && t.releasedAtExit === undefined) t.releasedAtExit = releasedAtExit;
      mark(`${victim.name} exited (${String(code)}); taken over: ${JSON.stringify(result.takeovers.slice(-2))}`);
      if (signal === 'SIGTERM' && !cleanExit(code))
        result.load.unexpected.push(`${victim.name} exited ${String(code)} on SIGTERM:\n${victim.tail(20)}`);
      workers[index] = spawnOne('worker', index);
      await waitLive(workers[index], STARTUP_MS);
      mark(`${workers[index].name} started again (pid ${workers[index].pid})`);
    };

    await fault('SIGKILL', 'relay');
    await fault('SIGKILL', 'scheduler');
    await fault('SIGTERM', 'relay');
    await fault('SIGTERM', 'scheduler');

    // SIGTERM of an API with a burst of commands it has received: every one is answered.
    const api = apis[0];
    inRotation.delete(api.port);
    const burst: Order[] = [];
    const written: Array<Promise<void>> = [];
    for (let i = 0; i < 20; i++) written.push(new Promise<void>((r) => burst.push(issue(api.port, {}, r))));
    await Promise.all(written);
    // A request sent after the burst's is answered: the server has read the burst (it reads in order).
    await httpRequest(api.port, 'GET', '/health/live');
    mark(`SIGTERM ${api.name} with ${burst.filter((o) => !o.result && !o.error).length} of 20 commands still in flight`);
    result.apiTerm.inFlight = burst.filter((o) => !o.result && !o.error).length;
    api.signal('SIGTERM');
    const apiExit = await api.exited;
    await waitFor('the burst answered', async () => burst.every((o) => o.result || o.error), 30_000);
    result.apiTerm.statuses = burst.map((o) => o.result?.status ?? 0);
    result.apiTerm.transportErrors = burst.filter((o) => o.error).map((o) => o.error!);
    if (!cleanExit(apiExit)) result.load.unexpected.push(`${api.name} exited ${String(apiExit)} on SIGTERM:\n${api.tail(20)}`);
    apis[0] = spawnOne('api', 0);
    await waitLive(apis[0], STARTUP_MS);
    inRotation.add(apis[0].port);
    mark(`${api.name} exited (${String(apiExit)}) and started again; the burst answered ${JSON.stringify(result.apiTerm.statuses)}`);

    // Every connection of the database terminated under load: the processes carry on by themselves.
    const pids = everyProcess.filter((p) => p.alive()).map((p) => p.pid);
    const before = await relayCheckpoint();
    const t0 = performance.now();
    const cutAt = Date.now();
    // OFFSET 0 keeps the filter apart from pg_terminate_backend, which would otherwise end this session too.
    const terminated = await q<{ pid: number }>(
      `SELECT pid FROM (SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() OFFSET 0) s
        WHERE pg_terminate_backend(pid)`,
    );
    result.backends.terminated = terminated.length;
    mark(`pg_terminate_backend: ${terminated.length} connections`);
    const ms = () => Math.round(performance.now() - t0);
    await Promise.all([
      waitFor(
        'the relay to publish again',
        async () => (await relayLease())?.live && (await relayCheckpoint()) > before,
        RELAY_LEASE_TTL_MS * 3,
      ).then(() => (result.backends.relayMs = ms())),
      waitFor(
        'the scheduler to raise an escalation for an order issued after the cut',
        async () => {
          const after = orders.filter((o) => o.id && o.sentAt > cutAt).map((o) => o.id);
          const rows = await q<{ n: string }>(`SELECT count(*) AS n FROM read_models.escalations WHERE subject_id = ANY($1::uuid[])`, [
            after,
          ]);
          return Number(rows[0].n) > 0;
        },
        SCHEDULER_LEASE_TTL_MS * 3,
      ).then(() => (result.backends.schedulerMs = ms())),
      ...apis.map((a, i) =>
        waitFor(
          `${a.name} to acknowledge a command`,
          async () => orders.some((o) => o.port === a.port && o.sentAt > cutAt && o.id),
          30_000,
        ).then(() => (result.backends.apiMs[i] = ms())),
      ),
    ]);
    result.backends.restarted = everyProcess.filter((p) => pids.includes(p.pid) && !p.alive()).map((p) => p.name);
    mark(`recovered from pg_terminate_backend: ${JSON.stringify(result.backends)}`);

    loading = false;
    await load;
    await waitFor('every command answered', async () => settled(), 60_000);
    const acked = orders.filter((o) => o.id);
    result.load.acknowledged = acked.length;
    for (const o of orders) {
      if (burst.includes(o)) continue;
      if (o.error) result.load.transportErrors.push(`${o.code} → ${o.error}`);
      else if (o.result && o.result.status !== 201) {
        const key = String(o.result.status);
        result.load.rejected[key] = (result.load.rejected[key] ?? 0) + 1;
        if (o.result.status !== 503 || !o.result.headers['retry-after'])
          result.load.unexpected.push(`${o.code} → ${o.result.status} ${o.result.body.slice(0, 300)}`);
      }
    }
    mark(
      `answers: ${acked.length} × 201, ${JSON.stringify(result.load.rejected)} otherwise, ${result.load.transportErrors.length} transport errors, ` +
        `${result.load.unexpected.length} unexpected`,
    );
    // A command answered with a transport error must not have been carried out unseen.
    const lostCodes = orders.filter((o) => o.error).map((o) => o.code);
    const applied = await q<{ code: string }>(
      `SELECT data->>'code' AS code FROM event_store.events WHERE type = 'RectificationOrderIssued' AND data->>'code' = ANY($1::text[])`,
      [lostCodes],
    );
    for (const a of applied) result.load.unexpected.push(`${a.code} was carried out but its request failed`);

    // Everything settles: each acknowledged order projected and escalated once, every read model caught up.
    await waitFor(
      'every acknowledged order escalated',
      async () => (await escalatedOrders()) === acked.length,
      SCHEDULER_LEASE_TTL_MS * 3,
      100,
    );
    const caughtUp = async () => {
      const behind = await q<{ n: string }>(
        `SELECT count(*) AS n FROM (VALUES ('read-model.rectification-orders', 'rectification-order-'),
                                          ('read-model.deadlines', 'rectification-order-'),
                                          ('read-model.escalations', 'escalation-')) s(subscription, prefix)
           JOIN (SELECT stream_id, max(version) AS version FROM event_store.events GROUP BY stream_id) e ON e.stream_id LIKE s.prefix || '%'
           LEFT JOIN messaging.stream_positions p ON p.subscription = s.subscription AND p.stream_id = e.stream_id
          WHERE p.version IS DISTINCT FROM e.version`,
      );
      return Number(behind[0].n) === 0;
    };
    await waitFor('the read models to apply the whole log', caughtUp, 60_000, 100);
    mark(`load stopped: ${acked.length} orders acknowledged, all escalated and projected`);
    await Promise.all(
      everyProcess
        .filter((p) => p.alive())
        .map(async (p) => {
          p.signal('SIGTERM');
          const code = await p.exited;
          if (!cleanExit(code)) result.load.unexpected.push(`${p.name} exited ${String(code)} on SIGTERM:\n${p.tail(20)}`);
        }),
    );
    if (!(await caughtUp())) result.load.unexpected.push('the log moved after the read models had caught up');

    const missingRows = await q<{ n: string }>(
      `SELECT count(*) AS n FROM unnest($1::uuid[]) id WHERE NOT EXISTS (SELECT 1 FROM read_models.rectification_orders r WHERE r.id = id)`,
      [acked.map((o) => o.id)],
    );
    result.readModelMissing = Number(missingRows[0].n);
    const perOrder = await q<{ n: string }>(
      `SELECT count(*) AS n FROM read_models.escalations WHERE subject_id = ANY($1::uuid[]) GROUP BY subject_id HAVING count(*) = 1`,
      [acked.map((o) => o.id)],
    );
    result.escalations.orders = acked.length;
    result.escalations.withOne = perOrder.length;
    result.escalations.duplicateStreams = (
      await q(`SELECT stream_id FROM event_store.events WHERE type = 'EscalationRaised' GROUP BY stream_id HAVING count(*) > 1`)
    ).length;

    // Kafka: every event of the log, each id at least once, first copies in per-key order.
    const expected = await q<{ eventId: string; streamId: string; version: number; position: string }>(
      `SELECT event_id AS "eventId", stream_id AS "streamId", version, position::text FROM event_store.events ORDER BY position`,
    );
    const categories = [...new Set(expected.map((e) => e.streamId.replace(/-[0-9a-f-]{36}$/, '')))];
    const kafka = createKafka({ brokers: cluster.brokers, clientId: 'drill-reader', topicPrefix: prefix, categories, partitions: 3 });
    const received = await readTopics(
      kafka,
      categories.map((c) => topicForCategory(c, { prefix })),
      (all) => checkDelivery(all, expected).missing === 0,
      60_000,
    );
    const check = checkDelivery(received, expected);
    result.kafka = { expected: expected.length, ...check, duplicatedAfterTerm: 0 };
    const positionOf = new Map(expected.map((e) => [e.eventId, BigInt(e.position)]));
    const seen = new Map<string, number>();
    for (const r of received) seen.set(r.ce.id, (seen.get(r.ce.id) ?? 0) + 1);
    for (const [id, n] of seen) {
      const p = positionOf.get(id);
      if (n > 1 && p !== undefined && termWindows.some((w) => p > w.from && p <= w.to)) result.kafka.duplicatedAfterTerm++;
    }
    mark(`Kafka: ${JSON.stringify(result.kafka)}`);

    // The Kafka-fed read models equal a rebuild from the log (the rebuild CLI, as an operator runs it).
    for (const name of ['read-model.rectification-orders', 'read-model.deadlines', 'read-model.escalations']) {
      const tables = (await q<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'read_models'`)).map((r) => r.t);
      const snapshot = async () => {
        const out: Record<string, string[]> = {};
        for (const t of tables)
          out[t] = (await q<{ j: string }>(`SELECT to_jsonb(x)::text AS j FROM read_models.${t} x`)).map((r) => r.j).sort();
        return out;
      };
      const live = await snapshot();
      const { stdout } = await run(process.execPath, [resolve(build, 'apps/api/src/cli/rebuild.js'), name], {
        cwd: resolve(__dirname, '../..'),
        env: { ...process.env, ...env },
        timeout: 120_000,
      });
      const rebuilt = JSON.parse(stdout.trim().split('\n').pop()!) as { tables: string[] };
      const after = await snapshot();
      result.rebuild.push({
        name,
        tables: rebuilt.tables,
        equal: rebuilt.tables.every((t) => JSON.stringify(after[t]) === JSON.stringify(live[t])),
      });
    }
    mark(`rebuild: ${JSON.stringify(result.rebuild)}`);
    return result;
  } catch (error) {
    const tails = everyProcess.map((p) => `--- ${p.name} (pid ${p.pid}, ${p.alive() ? 'alive' : 'exited'})\n${p.tail(30)}`).join('\n');
    throw new Error(`${(error as Error).message}\n${tails}`, { cause: error });
  } finally {
    loading = false;
    await load;
    for (const p of everyProcess) p.signal('SIGKILL');
    await Promise.all(everyProcess.map((p) => p.exited));
    await db.drop();
    await deleteTopics(cluster, prefix).catch(() => undefined);
  }
}

/** A drill's topics go with it, so the cluster's start does not grow with every drill run against it. */
async function deleteTopics(cluster: TestCluster, prefix: string): Promise<void> {
  const admin = createKafka({
    brokers: cluster.brokers,
    clientId: 'drill-cleanup',
    topicPrefix: prefix,
    categories: [],
    partitions: 3,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (topics.length) await admin.deleteTopics({ topics });
    const { groups } = await admin.listGroups();
    const mine = groups.map((g) => g.groupId).filter((g) => g.startsWith(`${prefix}.`));
    if (mine.length) await admin.deleteGroups(mine);
  } finally {
    await admin.disconnect();
  }
}

/** The script: N drills in a row on a fresh database each, then a table of takeover times. */
async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const { EmbeddedPostgres } = await import('../../libs/platform/src/database/embedded-postgres');
  const { testCluster } = await import('./broker');
  let embedded: InstanceType<typeof EmbeddedPostgres> | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = new EmbeddedPostgres({
      dataDir: resolve(__dirname, '../../.data/test-pg'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
      database: 'mdj_test',
    });
    process.env.DATABASE_URL = await embedded.start();
  }
  const rows: Array<Record<string, number | string>> = [];
  let cluster: TestCluster | null = null;
  try {
    cluster = await testCluster();
    for (let i = 1; i <= runs; i++) {
      console.log(`== multi-process drill ${i}/${runs}`);
      const r = await runMultiProcessDrill(cluster, { basePort: Number(process.env.MULTI_PROCESS_PORT ?? 28400), log: console.log });
      const t = (fault: string, lease: string) => r.takeovers.find((x) => x.fault === fault && x.lease === lease)?.ms ?? NaN;
      rows.push({
        'relay, SIGKILL': t('SIGKILL', 'relay'),
        'scheduler, SIGKILL': t('SIGKILL', 'scheduler'),
        'relay, SIGTERM': t('SIGTERM', 'relay'),
        'scheduler, SIGTERM': t('SIGTERM', 'scheduler'),
        'backends: relay': r.backends.relayMs,
        'backends: scheduler': r.backends.schedulerMs,
        'backends: APIs': Math.max(...r.backends.apiMs),
        'API SIGTERM in flight': r.apiTerm.inFlight,
        acknowledged: r.load.acknowledged,
        'Kafka duplicates': r.kafka.duplicates,
      });
    }
  } finally {
    await cluster?.stop().catch(() => undefined);
    await embedded?.stop();
  }
  console.log(`\nmulti-process drills (ms from the fault; ${runs} in a row)`);
  console.table(rows);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
