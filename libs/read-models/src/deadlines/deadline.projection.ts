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
  readonly tables = ['deadline_subjects', 'deadlines'];

  constructor(private readonly config: AppConfig) {}

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) {
      if (!e.streamId.startsWith(ORDER_PREFIX) && !e.streamId.startsWith(PROJECT_PREFIX)) continue;
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    }
    for (const [streamId, streamEvents] of byStream) await this.project(streamId, streamEvents, tx);
  }

  private async project(streamId: string, events: StoredEvent[], tx: PgClient): Promise<void> {
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
    await tx.query(`DELETE FROM deadlines WHERE subject_id = $1`, [id]);
    if (items.length === 0) return;
    const values: unknown[] = [];
    const tuples = items.map((item) => {
      const row = toRow(item);
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await tx.query(`INSERT INTO deadlines (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
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
