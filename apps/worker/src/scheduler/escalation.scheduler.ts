import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  BatchRefused,
  CommandExecutor,
  ConcurrencyExhausted,
  escalations,
  StreamAlreadyExists,
  StreamNotFound,
  type CommandMeta,
} from '@app/commands';
import {
  currentEscalation,
  DomainError,
  escalationId,
  shanghaiDate,
  type Actor,
  type DeadlineItem,
  type EscalationCommand,
  type ResolutionReason,
  personalFromColumn,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { DeadlineProjection, EscalationProjection } from '@app/read-models';
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
/** Escalation commands appended in one statement (CommandExecutor.executeBatch). */
const DEFAULT_BATCH_SIZE = 500;
/** Batches under way at once: one is read and decided while another's append is in flight. */
const BATCHES_IN_FLIGHT = 2;
const DEADLINE_COLUMNS = `subject_type, subject_id, subject_stream_id, subject_code, subject_name, item_id, kind, item_name, department,
  responsible_person, due_date::text, original_due_date::text, done_on::text`;

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

interface EscalationCommandItem {
  id: string;
  command: EscalationCommand;
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
 *
 * A tick reads only what can have changed (issue 18, part 4):
 * - to raise, the deadline rows whose next escalation date has come (`next_escalation_on`, ESC-NEXT-1,
 *   kept by DeadlineProjection from the log, indexed);
 * - to resolve, the open escalations of the subjects whose rows changed since its last tick, the
 *   escalations that changed since then, and those of the items it raises for. "Since" is a mark per
 *   read model, its checkpoint as the tick began; a row changed since is one whose `last_position`
 *   (indexed) is among the events after the mark in the log's order, (tx_id, position), which is not
 *   the order of positions. Its first tick (a new process, or a lease taken over) reads them all. In
 *   log mode both read models are projected in log order, so whichever of an item and its escalation
 *   is projected last brings the pair into a later tick; in Kafka mode (partitions in any order) every
 *   tick reads every open escalation.
 * Raising and resolving go in batches of `batchSize` commands, one append each.
 */
/**
 * The lowest position among the events after position `$n` in the log's order: an index range on
 * (tx_id, position), fenced (OFFSET 0) so that min() is not planned as a walk of the position index
 * from its lowest entry, which would read the whole log when the range is empty.
 */
const EVENTS_AFTER_MIN_POSITION = (param: string) =>
  `SELECT min(a.position) FROM (
     SELECT e.position FROM event_store.events e
     WHERE ${param}::bigint > 0
       AND (e.tx_id, e.position) > (coalesce((SELECT c.tx_id FROM event_store.events c WHERE c.position = ${param}::bigint), '0'::xid8), ${param}::bigint)
     OFFSET 0) a`;

@Injectable()
export class EscalationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EscalationScheduler');
  private readonly lease: SchedulerLease;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult | null> | null = null;
  private stopped = false;
  /** Commands per append; a test makes it small to die between two appends. */
  batchSize = DEFAULT_BATCH_SIZE;
  /** The last_position of deadline subjects and of escalations up to which the last tick looked. */
  private seen = { subjects: '0', escalations: '0' };

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
    const { rows: dueItems } = await this.pool.query<DeadlineRow>(
      `SELECT ${DEADLINE_COLUMNS} FROM read_models.deadlines WHERE next_escalation_on <= $1::date`,
      [shanghaiDate(now)],
    );
    const current = new Map<string, string>();
    const raises: EscalationCommandItem[] = [];
    for (const item of dueItems) {
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
      raises.push({
        id,
        command: {
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
          responsiblePerson: personalFromColumn(item.responsible_person),
          dueDate: item.due_date,
          originalDueDate: item.original_due_date,
        },
      });
    }
    // Raised already, and the deadline row not yet moved on: nothing to send.
    const { rows: known } = await this.pool.query<{ id: string }>(`SELECT id FROM read_models.escalations WHERE id = ANY($1::uuid[])`, [
      raises.map((r) => r.id),
    ]);
    const existing = new Set(known.map((r) => r.id));
    const raisedNow = await this.runAll(raises.filter((r) => !existing.has(r.id)));
    result.raised += raisedNow.done;
    result.skipped += raisedNow.skipped;

    // Shutting down: the batch under way has finished; the standby's tick does the rest.
    if (this.stopped) return result;
    const { resolves, seen } = await this.resolutions(now, dueItems, current);
    const resolvedNow = await this.runAll(resolves);
    if (!this.stopped) this.seen = seen; // only once they are carried out: a failed or cut-short tick looks at the same changes again
    result.resolved += resolvedNow.done;
    result.skipped += resolvedNow.skipped;
    if (this.stopped) return result;

    const indicators = await this.indicatorEscalations.evaluate(now, (id, command) => this.run(id, command));
    return {
      raised: result.raised + indicators.raised,
      resolved: result.resolved + indicators.resolved,
      skipped: result.skipped + indicators.skipped,
    };
  }

  /**
   * The open escalations to resolve, among those that can have changed since the last tick (see the
   * class comment), each with its reason (ESC-RESOLVE-1).
   */
  private async resolutions(
    now: Date,
    dueItems: DeadlineRow[],
    current: Map<string, string>,
  ): Promise<{ resolves: EscalationCommandItem[]; seen: { subjects: string; escalations: string } }> {
    const thresholds = this.config.escalationThresholds;
    // Where the two read models stand, read before their rows: whatever was projected up to there is
    // in the rows read below. In the same snapshot, the lowest position among the events after each
    // earlier mark in the log's (commit) order, (tx_id, position): a row changed since the mark has its
    // last_position there or above. Comparing with the mark itself would miss a change whose
    // transaction took a lower position and committed after it. Null: nothing after the mark.
    const seen = this.seen;
    const { rows: marks } = await this.pool.query<{
      subjects: string | null;
      escalations: string | null;
      subjects_from: string | null;
      escalations_from: string | null;
    }>({
      name: 'scheduler_marks',
      text: `SELECT (SELECT position FROM event_store.checkpoints WHERE name = $1)::text AS subjects,
                    (SELECT position FROM event_store.checkpoints WHERE name = $2)::text AS escalations,
                    (${EVENTS_AFTER_MIN_POSITION('$3')})::text AS subjects_from,
                    (${EVENTS_AFTER_MIN_POSITION('$4')})::text AS escalations_from`,
      values: [DeadlineProjection.NAME, EscalationProjection.NAME, seen.subjects, seen.escalations],
    });
    let next = seen;
    const from = (mark: string, lowest: string | null) => (mark === '0' ? '0' : lowest);
    // The candidates first, each from an index; then only those of them that are open.
    const { rows: open } = await this.pool.query<OpenEscalationRow>(
      `WITH changed AS (
         SELECT id FROM read_models.escalations WHERE last_position >= $1::bigint
         UNION
         SELECT o.id FROM read_models.deadline_subjects s
           JOIN read_models.escalations o ON o.subject_id = substring(s.stream_id FROM '[0-9a-f-]{36}$')::uuid
           WHERE s.last_position >= $2::bigint
         UNION
         SELECT o.id FROM unnest($3::uuid[]) AS k(subject_id) JOIN read_models.escalations o ON o.subject_id = k.subject_id)
       SELECT e.id, e.subject_id, e.item_id, e.due_date::text FROM changed c JOIN read_models.escalations e ON e.id = c.id
       WHERE e.status = 'OPEN' AND e.subject_type <> 'INDICATOR'`,
      [
        from(seen.escalations, marks[0].escalations_from),
        from(seen.subjects, marks[0].subjects_from),
        [...new Set(dueItems.map((i) => i.subject_id))],
      ],
    );
    // In Kafka mode the partitions are projected in any order, and there are no log checkpoints: there
    // every tick reads every open escalation, as every tick did before these marks.
    if (!this.config.KAFKA_BROKERS) {
      next = { subjects: marks[0].subjects ?? seen.subjects, escalations: marks[0].escalations ?? seen.escalations };
    }
    if (open.length === 0) return { resolves: [], seen: next };
    const { rows: items } = await this.pool.query<DeadlineRow>(
      `SELECT ${DEADLINE_COLUMNS} FROM read_models.deadlines d
       WHERE (d.subject_id, d.item_id) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
      [open.map((e) => e.subject_id), open.map((e) => e.item_id)],
    );
    const byItem = new Map(items.map((i) => [`${i.subject_id}|${i.item_id}`, i]));
    const resolves: EscalationCommandItem[] = [];
    for (const esc of open) {
      const key = `${esc.subject_id}|${esc.item_id}`;
      const item = byItem.get(key);
      let currentId = current.get(key);
      if (item && currentId === undefined) {
        const trigger = currentEscalation({ dueDate: item.due_date, doneOn: item.done_on, kind: item.kind }, now, thresholds);
        currentId = trigger
          ? escalationId({
              subjectStreamId: item.subject_stream_id,
              kind: item.kind,
              itemId: item.item_id,
              dueDate: item.due_date,
              trigger: trigger.trigger,
            })
          : undefined;
      }
      const reason = resolutionReason(esc, item, currentId);
      if (reason) resolves.push({ id: esc.id, command: { type: 'ResolveEscalation', reason, note: RESOLUTION_NOTES[reason](item) } });
    }
    return { resolves, seen: next };
  }

  /**
   * The commands in batches of `batchSize`, one append each, up to BATCHES_IN_FLIGHT batches at a
   * time (their streams are distinct, so they never wait for each other): one batch is read and
   * decided while another's append is under way. A command refused because another scheduler (or an
   * earlier tick) carried it out already is counted as skipped, and the rest of its batch is sent
   * again without it. When a batch fails, the others stop after the one under way and the failure is
   * thrown: what is left is the next tick's, as after a crash.
   */
  private async runAll(items: EscalationCommandItem[]): Promise<{ done: number; skipped: number }> {
    const meta = { actor: SCHEDULER_ACTOR, asSystem: true, correlationId: `scheduler:${shanghaiDate(this.clock.now())}` };
    const outcome = { done: 0, skipped: 0 };
    let next = 0;
    let failed = false;
    const lane = async () => {
      // shutting down: after the batches under way, the rest is the standby's
      while (next < items.length && !this.stopped && !failed) {
        const batch = items.slice(next, next + this.batchSize);
        next += batch.length;
        try {
          const { done, skipped } = await this.runBatch(batch, meta);
          outcome.done += done;
          outcome.skipped += skipped;
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    const lanes = Math.min(BATCHES_IN_FLIGHT, Math.ceil(items.length / this.batchSize));
    const settled = await Promise.allSettled(Array.from({ length: lanes }, lane));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    return outcome;
  }

  /** One batch, sent again without the commands refused as carried out already, until none is refused. */
  private async runBatch(batch: EscalationCommandItem[], meta: CommandMeta): Promise<{ done: number; skipped: number }> {
    let pending = batch;
    let skipped = 0;
    while (pending.length > 0) {
      try {
        await this.commands.executeBatch(
          escalations,
          pending.map((p) => ({ id: p.id, commands: [p.command] })),
          meta,
        );
        return { done: pending.length, skipped };
      } catch (error) {
        if (error instanceof ConcurrencyExhausted) return { done: 0, skipped: skipped + pending.length }; // the next tick looks again
        if (!(error instanceof BatchRefused)) throw error;
        const unexpected = error.failures.find((f) => !isNoOp(f.error));
        if (unexpected) throw unexpected.error;
        const refused = new Set(error.failures.map((f) => f.index));
        skipped += refused.size;
        pending = pending.filter((_, index) => !refused.has(index));
      }
    }
    return { done: 0, skipped };
  }

  /** True when the command was carried out; false when the escalation was already where it would take it. */
  private async run(id: string, command: EscalationCommand): Promise<boolean> {
    const meta = { actor: SCHEDULER_ACTOR, asSystem: true, correlationId: `scheduler:${shanghaiDate(this.clock.now())}` };
    try {
      await this.commands.execute(escalations, id, command, meta);
      return true;
    } catch (error) {
      if (isNoOp(error)) return false;
      if (error instanceof ConcurrencyExhausted) return false; // the next tick looks again
      throw error;
    }
  }
}

/** Refusals that mean the command was carried out already (raised, resolved) or has nothing to act on. */
function isNoOp(error: unknown): boolean {
  return error instanceof DomainError || error instanceof StreamAlreadyExists || error instanceof StreamNotFound;
}

function resolutionReason(esc: OpenEscalationRow, item: DeadlineRow | undefined, currentId: string | undefined): ResolutionReason | null {
  if (!item) return 'WITHDRAWN';
  if (item.done_on) return 'COMPLETED';
  if (item.due_date !== esc.due_date) return 'EXTENSION_APPROVED';
  if (currentId && currentId !== esc.id) return 'SUPERSEDED';
  return null;
}
