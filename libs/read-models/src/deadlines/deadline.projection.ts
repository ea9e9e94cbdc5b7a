import { Injectable } from '@nestjs/common';
import {
  deadlineItemsOfKeyProject,
  deadlineItemsOfOrder,
  keyProjectDecider,
  rectificationOrderDecider,
  type DeadlineItem,
  type KeyProjectEvent,
  type KeyProjectState,
  type RectificationOrderEvent,
  type RectificationOrderState,
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
];

type SubjectState = RectificationOrderState | KeyProjectState;

/**
 * read_models.deadlines from the order and project streams. Each touched subject's rows are
 * replaced as a whole, so an item that stops being owed (a withdrawn notice, a cancelled project)
 * disappears, and events at or below the stored version are skipped on redelivery.
 */
@Injectable()
export class DeadlineProjection implements SubscriptionHandler {
  readonly name = 'read-model.deadlines';
  readonly categories = ['rectification-order', 'key-project'];
  readonly schema = 'read_models';
  readonly tables = ['deadline_subjects', 'deadlines', 'deadline_counts'];

  constructor(private readonly config: AppConfig) {}

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) {
      if (!e.streamId.startsWith(ORDER_PREFIX) && !e.streamId.startsWith(PROJECT_PREFIX)) continue;
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    }
    const counts = new Map<string, CountGroup>();
    for (const [streamId, streamEvents] of byStream) await this.project(streamId, streamEvents, tx, counts);
    await applyCounts(
      [...counts.values()].filter((g) => g.n !== 0),
      tx,
    );
  }

  private async project(streamId: string, events: StoredEvent[], tx: PgClient, counts: Map<string, CountGroup>): Promise<void> {
    const isOrder = streamId.startsWith(ORDER_PREFIX);
    const id = streamId.slice((isOrder ? ORDER_PREFIX : PROJECT_PREFIX).length);
    const { rows } = await tx.query<{ state: SubjectState }>(`SELECT state FROM deadline_subjects WHERE stream_id = $1 FOR UPDATE`, [
      streamId,
    ]);
    let state: SubjectState = rows[0]?.state ?? (isOrder ? rectificationOrderDecider.initialState() : keyProjectDecider.initialState());
    let last: StoredEvent | undefined;
    for (const e of events) {
      if (e.version <= state.version) continue;
      state = isOrder
        ? rectificationOrderDecider.evolve(
            state as RectificationOrderState,
            { type: e.type, data: e.data } as unknown as RectificationOrderEvent,
          )
        : keyProjectDecider.evolve(state as KeyProjectState, { type: e.type, data: e.data } as unknown as KeyProjectEvent);
      last = e;
    }
    if (!last) return;
    await tx.query(
      `INSERT INTO deadline_subjects (stream_id, state, version, last_position, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (stream_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version,
         last_position = EXCLUDED.last_position, updated_at = now()`,
      [streamId, JSON.stringify(state), state.version, last.position.toString()],
    );
    const items = isOrder
      ? deadlineItemsOfOrder(id, state as RectificationOrderState, this.config.escalationThresholds)
      : deadlineItemsOfKeyProject(id, state as KeyProjectState);
    const { rows: removed } = await tx.query<Omit<CountGroup, 'n'>>(
      `DELETE FROM deadlines WHERE subject_id = $1 RETURNING due_date::text, department, kind, done_on IS NULL AS open`,
      [id],
    );
    for (const r of removed) count(counts, r, -1);
    for (const i of items) count(counts, { due_date: i.dueDate, department: i.department, kind: i.kind, open: i.doneOn === null }, +1);
    if (items.length === 0) return;
    // The earliest open measure, on the order deadline's row: "at risk" is then a column test (deadline.sql.ts).
    const openMeasureDue = items
      .filter((i) => i.kind === 'MEASURE' && i.doneOn === null)
      .reduce<string | null>((min, i) => (min === null || i.dueDate < min ? i.dueDate : min), null);
    const values: unknown[] = [];
    const tuples = items.map((item) => {
      const row = [...toRow(item), item.kind === 'ORDER_DEADLINE' ? openMeasureDue : null];
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await tx.query(`INSERT INTO deadlines (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
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

/** deadline_counts += n per (due date, department, kind, open), one statement for the batch. */
async function applyCounts(groups: CountGroup[], tx: PgClient): Promise<void> {
  if (groups.length === 0) return;
  const values = groups.flatMap((g) => [g.due_date, g.department, g.kind, g.open, g.n]);
  const tuples = groups.map((_, k) => `($${k * 5 + 1}::date, $${k * 5 + 2}, $${k * 5 + 3}, $${k * 5 + 4}::boolean, $${k * 5 + 5}::bigint)`);
  await tx.query(
    `INSERT INTO deadline_counts (due_date, department, kind, open, n) VALUES ${tuples.join(', ')}
     ON CONFLICT (due_date, department, kind, open) DO UPDATE SET n = deadline_counts.n + EXCLUDED.n`,
    values,
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
    i.responsiblePerson,
    i.dueDate,
    i.originalDueDate,
    i.doneOn,
  ];
}
