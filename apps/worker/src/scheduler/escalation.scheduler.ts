import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandExecutor, ConcurrencyExhausted, escalations, StreamAlreadyExists, StreamNotFound } from '@app/commands';
import {
  currentEscalation,
  DomainError,
  escalationId,
  shanghaiDate,
  type Actor,
  type DeadlineItem,
  type EscalationCommand,
  type ResolutionReason,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';
import { IndicatorEscalationSource } from './indicator-escalation.source';
import { SchedulerLease } from './scheduler-lease';

export const SCHEDULER_ACTOR: Actor = {
  userId: 'system:escalation-scheduler',
  displayName: '督办预警调度器',
  roles: [],
  department: null,
};

const LEASE_NAME = 'escalation-scheduler';
const FIRST_TICK_MAX_DELAY_MS = 3000;

export interface TickResult {
  raised: number;
  resolved: number;
  /** Commands another scheduler (or an earlier tick) had already carried out: refused, a no-op. */
  skipped: number;
}

interface DeadlineRow {
  subject_type: DeadlineItem['subjectType'];
  subject_id: string;
  subject_stream_id: string;
  subject_code: string;
  subject_name: string;
  item_id: string;
  kind: DeadlineItem['kind'];
  item_name: string;
  department: string | null;
  responsible_person: string | null;
  due_date: string;
  original_due_date: string;
  done_on: string | null;
}

interface OpenEscalationRow {
  id: string;
  subject_id: string;
  item_id: string;
  due_date: string;
}

const RESOLUTION_NOTES: Record<ResolutionReason, (item: DeadlineRow | undefined) => string> = {
  COMPLETED: (i) => `该事项已于 ${i?.done_on ?? ''} 完成，预警自动解除。`,
  EXTENSION_APPROVED: (i) => `时限已调整为 ${i?.due_date ?? ''}（原定 ${i?.original_due_date ?? ''}），按新时限重新计算预警。`,
  SUPERSEDED: () => '逾期时间增加，已生成更高等级预警，本条自动转入历史。',
  WITHDRAWN: () => '该期限事项已不再适用（如项目完工或取消、公示撤回），预警自动解除。',
};

/**
 * Evaluates every open deadline against the clock and appends escalation events.
 *
 * One scheduler acts at a time (a lease row in PostgreSQL), but correctness does not rest on it:
 * every escalation has a deterministic stream id, and raising and resolving go through the command
 * path like any other command (as the engine's own commands, which no role may send): raising an
 * escalation whose stream exists, or resolving one that is resolved already, is refused, so a
 * repeated, late or concurrent tick changes nothing.
 *
 * Resolution is done here rather than in a process manager on the order/project events: the tick
 * already compares each open escalation with its item (met, moved by an extension, superseded by a
 * higher level, gone), and it needs no second consumer of those events. The cost is up to one
 * interval's delay before "resolved" shows.
 */
@Injectable()
export class EscalationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EscalationScheduler');
  private readonly lease: SchedulerLease;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult | null> | null = null;
  private stopped = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly commands: CommandExecutor,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly indicatorEscalations: IndicatorEscalationSource,
  ) {
    this.lease = new SchedulerLease(pool, LEASE_NAME, `${hostname()}:${process.pid}:${randomUUID()}`, config.SCHEDULER_LEASE_TTL_MS);
  }

  get owner(): string {
    return this.lease.owner;
  }

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    const interval = this.config.SCHEDULER_INTERVAL_MS;
    // A first tick soon after start, so the demo's escalations appear within a minute, not an interval.
    this.schedule(Math.min(FIRST_TICK_MAX_DELAY_MS, interval));
    this.logger.log(`escalation scheduler every ${interval} ms (owner ${this.owner})`);
  }

  /**
   * First thing on SIGTERM, before the HTTP server drains and before other modules stop (Nest runs
   * their shutdown hooks one module after another): the tick under way stops after the command it is
   * carrying out (a tick may have hundreds to raise; the rest are the standby's, as they would be
   * after a crash), then the lease is handed over, so a standby takes over on its next tick instead
   * of after the process has wound down.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (this.config.SCHEDULER_ENABLED) await this.lease.release().catch(() => undefined);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick()
        .catch((error: unknown) => this.logger.error({ error: String(error) }, 'scheduler tick failed'))
        .finally(() => this.schedule(this.config.SCHEDULER_INTERVAL_MS));
    }, delay);
    this.timer.unref();
  }

  /** One tick if this instance holds (or takes) the lease; null when another scheduler is active. */
  async tick(): Promise<TickResult | null> {
    if (this.running) return this.running;
    this.running = (async () => {
      if (!(await this.lease.acquire())) return null;
      const result = await this.evaluate();
      if (result.raised || result.resolved) this.logger.log(result, 'escalations evaluated');
      return result;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The work of a tick, without the lease. Safe to run concurrently: see the class comment. */
  async evaluate(): Promise<TickResult> {
    const now = this.clock.now();
    const thresholds = this.config.escalationThresholds;
    const result: TickResult = { raised: 0, resolved: 0, skipped: 0 };
    const { rows: items } = await this.pool.query<DeadlineRow>(
      `SELECT subject_type, subject_id, subject_stream_id, subject_code, subject_name, item_id, kind, item_name, department,
              responsible_person, due_date::text, original_due_date::text, done_on::text
       FROM read_models.deadlines`,
    );
    const { rows: known } = await this.pool.query<{ id: string }>(`SELECT id FROM read_models.escalations`);
    const existing = new Set(known.map((r) => r.id));
    const current = new Map<string, string>();

    for (const item of items) {
      // Shutting down: the command under way has finished; the standby's tick does the rest.
      if (this.stopped) return result;
      const trigger = currentEscalation({ dueDate: item.due_date, doneOn: item.done_on, kind: item.kind }, now, thresholds);
      if (!trigger) continue;
      const id = escalationId({
        subjectStreamId: item.subject_stream_id,
        kind: item.kind,
        itemId: item.item_id,
        dueDate: item.due_date,
        trigger: trigger.trigger,
      });
      current.set(`${item.subject_id}|${item.item_id}`, id);
      if (existing.has(id)) continue;
      const outcome = await this.run(id, {
        type: 'RaiseEscalation',
        escalationId: id,
        level: trigger.level,
        trigger: trigger.trigger,
        subjectType: item.subject_type,
        subjectId: item.subject_id,
        subjectCode: item.subject_code,
        subjectName: item.subject_name,
        itemKind: item.kind,
        itemId: item.item_id,
        itemName: item.item_name,
        department: item.department,
        responsiblePerson: item.responsible_person,
        dueDate: item.due_date,
        originalDueDate: item.original_due_date,
      });
      if (outcome) result.raised++;
      else result.skipped++;
    }

    const byItem = new Map(items.map((i) => [`${i.subject_id}|${i.item_id}`, i]));
    const { rows: open } = await this.pool.query<OpenEscalationRow>(
      `SELECT id, subject_id, item_id, due_date::text FROM read_models.escalations WHERE status = 'OPEN' AND subject_type <> 'INDICATOR'`,
    );
    for (const esc of open) {
      if (this.stopped) return result;
      const key = `${esc.subject_id}|${esc.item_id}`;
      const item = byItem.get(key);
      const reason = resolutionReason(esc, item, current.get(key));
      if (!reason) continue;
      const outcome = await this.run(esc.id, { type: 'ResolveEscalation', reason, note: RESOLUTION_NOTES[reason](item) });
      if (outcome) result.resolved++;
      else result.skipped++;
    }
    if (this.stopped) return result;
    const indicators = await this.indicatorEscalations.evaluate(now, existing, (id, command) => this.run(id, command));
    return {
      raised: result.raised + indicators.raised,
      resolved: result.resolved + indicators.resolved,
      skipped: result.skipped + indicators.skipped,
    };
  }

  /** True when the command was carried out; false when the escalation was already where it would take it. */
  private async run(id: string, command: EscalationCommand): Promise<boolean> {
    const meta = { actor: SCHEDULER_ACTOR, asSystem: true, correlationId: `scheduler:${shanghaiDate(this.clock.now())}` };
    try {
      await this.commands.execute(escalations, id, command, meta);
      return true;
    } catch (error) {
      if (error instanceof DomainError || error instanceof StreamAlreadyExists || error instanceof StreamNotFound) return false;
      if (error instanceof ConcurrencyExhausted) return false; // the next tick looks again
      throw error;
    }
  }
}

function resolutionReason(esc: OpenEscalationRow, item: DeadlineRow | undefined, currentId: string | undefined): ResolutionReason | null {
  if (!item) return 'WITHDRAWN';
  if (item.done_on) return 'COMPLETED';
  if (item.due_date !== esc.due_date) return 'EXTENSION_APPROVED';
  if (currentId && currentId !== esc.id) return 'SUPERSEDED';
  return null;
}
