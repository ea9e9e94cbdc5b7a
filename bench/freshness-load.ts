import { Agent, request } from 'node:http';
import { Client } from 'pg';

/**
 * Freshness load generator, in its own process: sends "report progress" commands open-loop at a
 * steady rate (each on schedule, whether or not earlier ones have been answered) and, on a
 * `LISTEN bench_fresh` connection, hears every commit of read_models.rectification_orders (a trigger
 * the bench installs sends `id:version`). Freshness of a command = commit of a read-model row at or
 * past the version the command returned − receipt of the HTTP acknowledgement, both on this
 * process's clock. argv[2] is a FreshnessJob as JSON; prints a FreshnessResult as JSON.
 */
export interface FreshnessJob {
  url: string;
  token: string;
  orderIds: string[];
  body: string;
  rate: number;
  seconds: number;
  /** Commands sent in the first seconds are checked but left out of the figures. */
  warmupSeconds: number;
  databaseUrl: string;
  /** How long to wait after the last acknowledgement for read-model updates still outstanding. */
  graceMs: number;
  maxSockets: number;
}

export interface FreshnessResult {
  sent: number;
  acked: number;
  failed: number;
  firstFailure?: string;
  /** Commands sent per second over the sending period. */
  sentPerSecond: number;
  /** Acknowledged commands that count (sent after the warm-up). */
  measured: number;
  httpP50: number;
  httpP99: number;
  freshP50: number;
  freshP99: number;
  freshMax: number;
  /** Read model already at the version when the acknowledgement arrived (counted as 0 ms). */
  beforeAck: number;
  /** Acknowledged commands whose read-model update never arrived within graceMs. */
  missing: number;
}

interface Waiting {
  version: number;
  ackAt: number;
  counted: boolean;
}

const percentile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;

async function main(job: FreshnessJob): Promise<FreshnessResult> {
  const listener = new Client({ connectionString: job.databaseUrl });
  await listener.connect();
  await listener.query('LISTEN bench_fresh');

  const notified = new Map<string, number>(); // order id → highest version committed so far
  const waiting = new Map<string, Waiting[]>();
  const fresh: number[] = [];
  let beforeAck = 0;
  listener.on('notification', ({ payload }) => {
    const at = performance.now();
    const [id, v] = (payload ?? '').split(':');
    const version = Number(v);
    if (version > (notified.get(id) ?? 0)) notified.set(id, version);
    const list = waiting.get(id);
    if (!list) return;
    const rest = list.filter((w) => {
      if (w.version > version) return true;
      if (w.counted) fresh.push(at - w.ackAt);
      return false;
    });
    if (rest.length) waiting.set(id, rest);
    else waiting.delete(id);
  });

  const agent = new Agent({ keepAlive: true, maxSockets: job.maxSockets });
  const target = new URL(job.url);
  const body = Buffer.from(job.body);
  const total = Math.round(job.rate * job.seconds);
  const http: number[] = [];
  let acked = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let lastAck = performance.now();

  const send = (i: number, counted: boolean) =>
    new Promise<void>((done) => {
      const id = job.orderIds[i % job.orderIds.length];
      const t0 = performance.now();
      const fail = (why: string) => {
        failed++;
        firstFailure ??= why;
        done();
      };
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: `/api/v1/rectification-orders/${id}/report-progress`,
          headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => fail(String(e)));
          res.on('end', () => {
            const ackAt = performance.now();
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) return fail(`${res.statusCode} ${text.slice(0, 300)}`);
            const { version } = JSON.parse(text) as { id: string; version: number };
            acked++;
            lastAck = ackAt;
            if (counted) http.push(ackAt - t0);
            if ((notified.get(id) ?? 0) >= version) {
              if (counted) {
                fresh.push(0);
                beforeAck++;
              }
            } else {
              const list = waiting.get(id) ?? [];
              list.push({ version, ackAt, counted });
              waiting.set(id, list);
            }
            done();
          });
        },
      );
      req.on('error', (e) => fail(String(e)));
      req.end(body);
    });

  // Open loop: command i is due at start + i / rate; a late timer sends what is due at once.
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  const warmupCount = Math.round(job.rate * job.warmupSeconds);
  let next = 0;
  let lastSend = start;
  await new Promise<void>((finished) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * job.rate) / 1000) + 1);
      for (; next < due; next++) inFlight.push(send(next, next >= warmupCount));
      lastSend = performance.now();
      if (next >= total) {
        clearInterval(timer);
        finished();
      }
    }, 1);
  });
  await Promise.all(inFlight);
  const graceEnd = () => lastAck + job.graceMs;
  while (waiting.size > 0 && performance.now() < graceEnd()) await new Promise((r) => setTimeout(r, 20));
  agent.destroy();
  await listener.end();

  http.sort((a, b) => a - b);
  fresh.sort((a, b) => a - b);
  let missing = 0;
  for (const list of waiting.values()) missing += list.length;
  return {
    sent: total,
    acked,
    failed,
    firstFailure,
    sentPerSecond: (total - 1) / ((lastSend - start) / 1000),
    measured: http.length,
    httpP50: percentile(http, 0.5),
    httpP99: percentile(http, 0.99),
    freshP50: percentile(fresh, 0.5),
    freshP99: percentile(fresh, 0.99),
    freshMax: fresh[fresh.length - 1] ?? NaN,
    beforeAck,
    missing,
  };
}

if (require.main === module) {
  main(JSON.parse(process.argv[2]) as FreshnessJob).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
