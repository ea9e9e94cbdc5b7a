import { Injectable } from '@nestjs/common';
import {
  deadlineItemsOfKeyProject,
  deadlineItemsOfOrder,
  keyProjectDecider,
  nextEscalationOn,
  rectificationOrderDecider,
  upgradeKeyProjectState,
  type DeadlineItem,
  type KeyProjectEvent,
  type KeyProjectState,
  type RectificationOrderEvent,
  type RectificationOrderState,
  personalToColumn,
} from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';
import { AppConfig } from '@app/platform';

const ORDER_PREFIX = 'rectification-order-';
const PROJECT_PREFIX = 'key-project-';
const COLUMNS = [
  'subject_type',
  'subject_id',
  'subject_stream_id',
  'subject_code',
  'subject_name',
  'subject_status',
  'item_id',
  'kind',
  'item_name',
  'department',
  'responsible_person',
  'due_date',
  'original_due_date',
  'done_on',
  'open_measure_due',
  'next_escalation_on',
  'updated_at',
];
const COLUMN_TYPES: Record<string, string> = {
  subject_type: 'text',
  subject_id: 'uuid',
  subject_stream_id: 'text',
  subject_code: 'text',
  subject_name: 'text',
  subject_status: 'text',
  item_id: 'text',
  kind: 'text',
  item_name: 'text',
  department: 'text',
  responsible_person: 'text',
  due_date: 'date',
  original_due_date: 'date',
  done_on: 'date',
  open_measure_due: 'date',
  next_escalation_on: 'date',
  updated_at: 'timestamptz',
};

type SubjectState = RectificationOrderState | KeyProjectState;

/**
 * read_models.deadlines from the order and project streams. Each touched subject's rows are
 * replaced as a whole, so an item that stops being owed (a withdrawn notice, a cancelled project)
 * disappears, and events at or below the stored version are skipped on redelivery. Every value comes
 * from the events (`updated_at` is when the event that last changed the rows was recorded) and count
 * groups that fall to zero are removed, so a rebuild writes the same rows whatever its batches.
 *
 * Set-based: a batch costs the same few statements whatever its number of subjects (lock and load
 * the folded states, store them, delete and insert the rows of the subjects whose items changed,
 * move the counts), and a subject whose items did not change (a progress report, say) only has its
 * folded state stored. A batch's transaction is kept short, which matters beyond this read model:
 * while it is open, gap-safe readers of the log cannot pass it.
 *
 * It also reads the escalations raised for the items (ESC-NEXT-1): `deadline_raised` keeps the latest
 * `raisedOn` per (subject, item, due date), and each row's `next_escalation_on` is nextEscalationOn of
 * its item and that date. Both are set-valued (the latest date wins whatever the order), so the rows are
 * the same whatever the batches, and the scheduler's tick reads only the rows whose date has come.
 */
@Injectable()
export class DeadlineProjection implements SubscriptionHandler {
  /** Its checkpoint's name (the escalation scheduler reads where it stands). */
  static readonly NAME = 'read-model.deadlines';
  readonly name = DeadlineProjection.NAME;
  readonly categories = ['rectification-order', 'key-project', 'escalation'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['deadline_subjects', 'deadlines', 'deadline_counts', 'deadline_raised'];

  constructor(private readonly config: AppConfig) {}

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const byStream = new Map<string, StoredEvent[]>();
    const raised = new Map<string, Raised>();
    for (const e of events) {
      if (e.type === 'EscalationRaised') {
        const data = e.data as unknown as Raised & { subjectType: string };
        if (data.subjectType === 'INDICATOR') continue;
        const key = `${data.subjectId}|${data.itemId}|${data.dueDate}`;
        const seen = raised.get(key);
        if (!seen || seen.raisedOn < data.raisedOn) {
          raised.set(key, { subjectId: data.subjectId, itemId: data.itemId, dueDate: data.dueDate, raisedOn: data.raisedOn });
        }
        continue;
      }
      if (!e.streamId.startsWith(ORDER_PREFIX) && !e.streamId.startsWith(PROJECT_PREFIX)) continue;
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    }
    await this.recordRaised([...raised.values()], tx);
    const rewrittenSubjects = await this.handleSubjects(byStream, tx);
    await this.moveNextEscalations(
      [...raised.values()].filter((r) => !rewrittenSubjects.has(r.subjectId)),
      tx,
    );
  }

  /** deadline_raised keeps the latest raisedOn per (subject, item, due date): redelivery changes nothing. */
  private async recordRaised(raised: Raised[], tx: PgClient): Promise<void> {
    if (raised.length === 0) return;
    await tx.query(
      `INSERT INTO deadline_raised (subject_id, item_id, due_date, raised_on)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[])
       ON CONFLICT (subject_id, item_id, due_date) DO UPDATE SET raised_on = GREATEST(deadline_raised.raised_on, EXCLUDED.raised_on)`,
      [raised.map((r) => r.subjectId), raised.map((r) => r.itemId), raised.map((r) => r.dueDate), raised.map((r) => r.raisedOn)],
    );
  }

  /** A raise moves its item's next escalation date on (rows rewritten in the same batch already have theirs). */
  private async moveNextEscalations(raised: Raised[], tx: PgClient): Promise<void> {
    if (raised.length === 0) return;
    const { rows } = await tx.query<{
      subject_id: string;
      item_id: string;
      kind: DeadlineItem['kind'];
      due_date: string;
      done_on: string | null;
      raised_on: string;
    }>(
      `SELECT d.subject_id, d.item_id, d.kind, d.due_date::text, d.done_on::text, r.raised_on::text
       FROM unnest($1::uuid[], $2::text[]) AS k(subject_id, item_id)
       JOIN deadlines d ON d.subject_id = k.subject_id AND d.item_id = k.item_id
       JOIN deadline_raised r ON r.subject_id = d.subject_id AND r.item_id = d.item_id AND r.due_date = d.due_date`,
      [raised.map((r) => r.subjectId), raised.map((r) => r.itemId)],
    );
    if (rows.length === 0) return;
    const thresholds = this.config.escalationThresholds;
    const next = rows.map((r) => nextEscalationOn({ dueDate: r.due_date, doneOn: r.done_on, kind: r.kind }, thresholds, r.raised_on));
    await tx.query(
      `UPDATE deadlines d SET next_escalation_on = z.next
       FROM unnest($1::uuid[], $2::text[], $3::date[]) AS z(subject_id, item_id, next)
       WHERE d.subject_id = z.subject_id AND d.item_id = z.item_id AND d.next_escalation_on IS DISTINCT FROM z.next`,
      [rows.map((r) => r.subject_id), rows.map((r) => r.item_id), next],
    );
  }

  /** The order and project events; returns the ids of the subjects whose rows were written again. */
  private async handleSubjects(byStream: Map<string, StoredEvent[]>, tx: PgClient): Promise<Set<string>> {
    const rewrittenSubjects = new Set<string>();
    if (byStream.size === 0) return rewrittenSubjects;
    const { rows } = await tx.query<{ stream_id: string; state: SubjectState }>(
      `SELECT stream_id, state FROM deadline_subjects WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE`,
      [[...byStream.keys()]],
    );
    const stored = new Map(rows.map((r) => [r.stream_id, r.state]));

    const states: Array<{ streamId: string; state: SubjectState; position: bigint; updatedAt: Date }> = [];
    const rewritten: Array<{ id: string; items: DeadlineItem[]; updatedAt: Date }> = [];
    for (const [streamId, streamEvents] of byStream) {
      const isOrder = streamId.startsWith(ORDER_PREFIX);
      const id = streamId.slice((isOrder ? ORDER_PREFIX : PROJECT_PREFIX).length);
      const storedState = stored.get(streamId);
      let state: SubjectState = isOrder
        ? (storedState ?? rectificationOrderDecider.initialState())
        : upgradeKeyProjectState((storedState as KeyProjectState | undefined) ?? {});
      let items = this.itemsOf(id, isOrder, state);
      let itemsKey = JSON.stringify(items);
      let last: StoredEvent | undefined;
      // The rows carry the time of the event that last changed them, whichever batch it came in.
      let itemsChangedAt: Date | undefined;
      for (const e of streamEvents) {
        if (e.version <= state.version) continue;
        state = isOrder
          ? rectificationOrderDecider.evolve(
              state as RectificationOrderState,
              { type: e.type, data: e.data } as unknown as RectificationOrderEvent,
            )
          : keyProjectDecider.evolve(state as KeyProjectState, { type: e.type, data: e.data } as unknown as KeyProjectEvent);
        last = e;
        const next = this.itemsOf(id, isOrder, state);
        const nextKey = JSON.stringify(next);
        if (nextKey !== itemsKey) {
          items = next;
          itemsKey = nextKey;
          itemsChangedAt = e.recordedAt;
        }
      }
      if (!last) continue;
      states.push({ streamId, state, position: last.position, updatedAt: last.recordedAt });
      // The rows are the items of the stored state, written with it: unchanged items, unchanged rows.
      if (itemsChangedAt) rewritten.push({ id, items, updatedAt: itemsChangedAt });
    }
    if (states.length === 0) return rewrittenSubjects;

    await tx.query(
      `INSERT INTO deadline_subjects (stream_id, state, version, last_position, updated_at)
       SELECT s.stream_id, s.state, s.version, s.last_position, s.updated_at
       FROM unnest($1::text[], $2::jsonb[], $3::int[], $4::bigint[], $5::timestamptz[]) AS s(stream_id, state, version, last_position, updated_at)
       ON CONFLICT (stream_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version,
         last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at`,
      [
        states.map((s) => s.streamId),
        // Progress reports never make or move a deadline; stored, they would make every write of a
        // long-running order's state grow with its history.
        states.map((s) => JSON.stringify({ ...s.state, progressReports: [] })),
        states.map((s) => s.state.version),
        states.map((s) => s.position.toString()),
        states.map((s) => s.updatedAt),
      ],
    );
    if (rewritten.length === 0) return rewrittenSubjects;
    for (const r of rewritten) rewrittenSubjects.add(r.id);
    const { rows: raisedRows } = await tx.query<{ key: string; raised_on: string }>(
      `SELECT subject_id || '|' || item_id || '|' || due_date::text AS key, raised_on::text FROM deadline_raised WHERE subject_id = ANY($1::uuid[])`,
      [rewritten.map((r) => r.id)],
    );
    const raisedOn = new Map(raisedRows.map((r) => [r.key, r.raised_on]));
    const thresholds = this.config.escalationThresholds;

    const counts = new Map<string, CountGroup>();
    const { rows: removed } = await tx.query<Omit<CountGroup, 'n'>>(
      `DELETE FROM deadlines WHERE subject_id = ANY($1::uuid[]) RETURNING due_date::text, department, kind, done_on IS NULL AS open`,
      [rewritten.map((r) => r.id)],
    );
    for (const r of removed) count(counts, r, -1);
    const rowsToInsert: unknown[][] = [];
    for (const { items, updatedAt } of rewritten) {
      // The earliest open measure, on the order deadline's row: "at risk" is then a column test (deadline.sql.ts).
      const openMeasureDue = items
        .filter((i) => i.kind === 'MEASURE' && i.doneOn === null)
        .reduce<string | null>((min, i) => (min === null || i.dueDate < min ? i.dueDate : min), null);
      for (const i of items) {
        const next = nextEscalationOn(i, thresholds, raisedOn.get(`${i.subjectId}|${i.itemId}|${i.dueDate}`) ?? null);
        rowsToInsert.push([...toRow(i), i.kind === 'ORDER_DEADLINE' ? openMeasureDue : null, next, updatedAt]);
        count(counts, { due_date: i.dueDate, department: i.department, kind: i.kind, open: i.doneOn === null }, +1);
      }
    }
    if (rowsToInsert.length > 0) {
      // One array parameter per column: no limit on the number of rows a statement can carry.
      const columns = COLUMNS.map((_, c) => rowsToInsert.map((row) => row[c]));
      await tx.query(
        `INSERT INTO deadlines (${COLUMNS.join(', ')})
         SELECT * FROM unnest(${COLUMNS.map((column, c) => `$${c + 1}::${COLUMN_TYPES[column]}[]`).join(', ')})`,
        columns,
      );
    }
    await applyCounts(
      [...counts.values()].filter((g) => g.n !== 0),
      tx,
    );
    return rewrittenSubjects;
  }

  private itemsOf(id: string, isOrder: boolean, state: SubjectState): DeadlineItem[] {
    return isOrder
      ? deadlineItemsOfOrder(id, state as RectificationOrderState, this.config.escalationThresholds)
      : deadlineItemsOfKeyProject(id, state as KeyProjectState, this.config.escalationThresholds);
  }
}

interface Raised {
  subjectId: string;
  itemId: string;
  dueDate: string;
  raisedOn: string;
}

interface CountGroup {
  due_date: string;
  department: string | null;
  kind: string;
  open: boolean;
  n: number;
}

function count(counts: Map<string, CountGroup>, g: Omit<CountGroup, 'n'>, delta: number): void {
  const key = JSON.stringify([g.due_date, g.department, g.kind, g.open]);
  const group = counts.get(key) ?? counts.set(key, { ...g, n: 0 }).get(key)!;
  group.n += delta;
}

/** deadline_counts += n per (due date, department, kind, open), one statement; groups left at 0 are removed. */
async function applyCounts(groups: CountGroup[], tx: PgClient): Promise<void> {
  if (groups.length === 0) return;
  const values = groups.flatMap((g) => [g.due_date, g.department, g.kind, g.open, g.n]);
  const tuples = groups.map((_, k) => `($${k * 5 + 1}::date, $${k * 5 + 2}, $${k * 5 + 3}, $${k * 5 + 4}::boolean, $${k * 5 + 5}::bigint)`);
  const { rows } = await tx.query<{ due_date: string; department: string | null; kind: string; open: boolean; n: string }>(
    `INSERT INTO deadline_counts (due_date, department, kind, open, n) VALUES ${tuples.join(', ')}
     ON CONFLICT (due_date, department, kind, open) DO UPDATE SET n = deadline_counts.n + EXCLUDED.n
     RETURNING due_date::text, department, kind, open, n`,
    values,
  );
  const emptied = rows.filter((r) => Number(r.n) === 0);
  if (emptied.length === 0) return;
  await tx.query(
    `DELETE FROM deadline_counts c
     USING unnest($1::date[], $2::text[], $3::text[], $4::boolean[]) AS z(due_date, department, kind, open)
     WHERE c.n = 0 AND c.due_date = z.due_date AND c.department IS NOT DISTINCT FROM z.department AND c.kind = z.kind AND c.open = z.open`,
    [emptied.map((r) => r.due_date), emptied.map((r) => r.department), emptied.map((r) => r.kind), emptied.map((r) => r.open)],
  );
}

function toRow(i: DeadlineItem): unknown[] {
  return [
    i.subjectType,
    i.subjectId,
    i.subjectStreamId,
    i.subjectCode,
    i.subjectName,
    i.subjectStatus,
    i.itemId,
    i.kind,
    i.itemName,
    i.department,
    personalToColumn(i.responsiblePerson),
    i.dueDate,
    i.originalDueDate,
    i.doneOn,
  ];
}
