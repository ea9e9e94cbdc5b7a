import { testCluster, type TestCluster } from '../kafka/broker';
import { RELAY_LEASE_TTL_MS, runMultiProcessDrill, SCHEDULER_LEASE_TTL_MS, type DrillResult } from '../kafka/multi-process-drill';

/*
 * deploy/compose.yaml's topology as processes: two APIs and two workers from the built entrypoints,
 * one PostgreSQL database, the three-broker cluster, under a steady load of HTTP commands that the
 * escalation scheduler answers with escalations. SIGKILL and SIGTERM of the workers holding the relay
 * and scheduler leases, SIGTERM of an API with commands in flight, pg_terminate_backend of every
 * connection (test/kafka/multi-process-drill.ts). The bounds are the product's: a standby takes over
 * within its lease's TTL, and at once (its next attempt) when the holder shut down cleanly.
 * Skipped when KAFKA_BROKERS points at brokers the tests do not manage.
 */
jest.setTimeout(900_000);

const describeManaged = process.env.KAFKA_BROKERS ? describe.skip : describe;

describeManaged('two APIs and two workers on one database and a three-broker cluster', () => {
  let cluster: TestCluster;
  let r: DrillResult;

  beforeAll(async () => {
    cluster = await testCluster();
    r = await runMultiProcessDrill(cluster, {
      basePort: Number(process.env.TEST_MULTI_PROCESS_PORT ?? 19400),
      log: (m) => process.stdout.write(`[multi-process] ${m}\n`),
    });
    console.log(
      `multi-process drill: ${JSON.stringify({ takeovers: r.takeovers, backends: r.backends, apiTerm: r.apiTerm, load: r.load })}`,
    );
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('SIGKILL of the active relay’s and scheduler’s worker: the standby takes over within the lease TTL', () => {
    // One kill when one worker held both leases, else one each; a second kill may take both again.
    const kills = r.takeovers.filter((t) => t.fault === 'SIGKILL');
    expect(new Set(kills.map((t) => t.lease))).toEqual(new Set(['relay', 'scheduler']));
    for (const t of kills) expect(t.ms).toBeLessThan(t.lease === 'relay' ? RELAY_LEASE_TTL_MS : SCHEDULER_LEASE_TTL_MS);
  });

  it('SIGTERM: the worker releases its leases before it exits and finishes the relay’s batch', () => {
    const terms = r.takeovers.filter((t) => t.fault === 'SIGTERM');
    expect(new Set(terms.map((t) => t.lease))).toEqual(new Set(['relay', 'scheduler']));
    for (const t of terms) {
      expect(t.releasedAtExit).toBe(true);
      expect(t.ms).toBeLessThan(t.lease === 'relay' ? RELAY_LEASE_TTL_MS : SCHEDULER_LEASE_TTL_MS);
    }
    // Nothing the stopping relay sent was left unacknowledged in its checkpoint, so nothing repeats there.
    expect(r.kafka.duplicatedAfterTerm).toBe(0);
  });

  it('SIGTERM of an API answers every command it had received', () => {
    expect(r.apiTerm.transportErrors).toEqual([]);
    expect(r.apiTerm.statuses.every((s) => s === 201)).toBe(true);
  });

  it('pg_terminate_backend of every connection: all four processes recover without a restart', () => {
    expect(r.backends.terminated).toBeGreaterThan(4);
    expect(r.backends.restarted).toEqual([]);
    expect(r.backends.apiMs).toHaveLength(2);
  });

  it('every acknowledged command reaches the read models and Kafka, each event once per id and in order per key', () => {
    expect(r.load.unexpected).toEqual([]);
    expect(r.load.transportErrors).toEqual([]);
    expect(r.load.acknowledged).toBeGreaterThan(0);
    expect(r.readModelMissing).toBe(0);
    expect(r.kafka).toMatchObject({ missing: 0, problems: [] });
  });

  it('each order is escalated exactly once across every takeover', () => {
    expect(r.escalations.withOne).toBe(r.escalations.orders);
    expect(r.escalations.duplicateStreams).toBe(0);
  });

  it('the Kafka-fed read models equal a rebuild from the log', () => {
    expect(r.rebuild.map((x) => x.name)).toHaveLength(3);
    for (const x of r.rebuild) expect(x).toMatchObject({ equal: true });
  });
});
