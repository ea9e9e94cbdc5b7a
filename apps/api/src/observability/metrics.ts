import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { PipelineStatus } from './pipeline-status';

/** Seconds buckets from a fast read (5 ms) to a command that waited out retries (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's Prometheus registry. Pipeline gauges are read from PostgreSQL (and Kafka) when
 * scraped, so every process reports the same cluster-wide figures; latency histograms are this
 * process's own.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly commandDuration: Histogram<'command' | 'outcome'>;

  constructor(pipeline: PipelineStatus) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.commandDuration = new Histogram({
      name: 'mdj_command_duration_seconds',
      help: 'Commands by name and outcome (ok, or the problem code it was refused with)',
      labelNames: ['command', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });

    // One snapshot serves all pipeline gauges of a scrape.
    let pending: ReturnType<PipelineStatus['snapshot']> | null = null;
    const snapshot = () => (pending ??= pipeline.snapshot().finally(() => setImmediate(() => (pending = null))));
    new Gauge({
      name: 'mdj_relay_lag_events',
      help: 'Events committed to the log and not yet acknowledged by Kafka (Kafka mode)',
      registers,
      async collect() {
        const { relay } = await snapshot();
        if (relay) this.set(relay.events ?? 0);
      },
    });
    new Gauge({
      name: 'mdj_relay_lag_seconds',
      help: 'Age of the oldest event not yet published to Kafka (0 when caught up)',
      registers,
      async collect() {
        const { relay } = await snapshot();
        if (relay) this.set(relay.seconds ?? 0);
      },
    });
    new Gauge({
      name: 'mdj_subscription_lag_events',
      help: 'Events (log mode) or Kafka messages (Kafka mode) a read model has not applied yet',
      labelNames: ['subscription'],
      registers,
      async collect() {
        this.reset();
        for (const s of (await snapshot()).subscriptions) if (s.events !== null) this.set({ subscription: s.name }, s.events);
      },
    });
    new Gauge({
      name: 'mdj_subscription_lag_seconds',
      help: 'Age of the oldest event a read model fed from the log has not applied yet (0 when caught up)',
      labelNames: ['subscription'],
      registers,
      async collect() {
        this.reset();
        for (const s of (await snapshot()).subscriptions) if (s.seconds !== null) this.set({ subscription: s.name }, s.seconds);
      },
    });
    new Gauge({
      name: 'mdj_oldest_writer_age_seconds',
      help: 'Age of the oldest open writing transaction of this database: gap-safe readers wait for it (0 when none)',
      registers,
      async collect() {
        this.set((await snapshot()).oldestWriter?.ageSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'mdj_dead_letters',
      help: 'Events parked after repeated failures, by subscription and source (log runner or Kafka projector)',
      labelNames: ['source', 'subscription'],
      registers,
      async collect() {
        this.reset();
        for (const d of await pipeline.deadLetters()) this.set({ source: d.source, subscription: d.subscription }, d.n);
      },
    });
    new Gauge({
      name: 'mdj_open_escalations',
      help: 'Escalations not resolved, by level (0 notice … 4 accountability)',
      labelNames: ['level'],
      registers,
      async collect() {
        this.reset();
        for (const e of await pipeline.openEscalationsByLevel()) this.set({ level: String(e.level) }, e.n);
      },
    });
  }
}
