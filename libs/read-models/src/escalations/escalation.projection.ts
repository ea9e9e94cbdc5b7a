import { Injectable } from '@nestjs/common';
import { escalationDecider, type EscalationEvent, type EscalationState, personalToColumn } from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';

const STREAM_PREFIX = 'escalation-';
const COLUMNS = `id, level, trigger, status, subject_type, subject_id, subject_code, subject_name, item_kind, item_id, item_name,
  department, responsible_person, due_date, original_due_date, raised_at, raised_on, acknowledged_at, resolved_at, resolved_on,
  resolution_reason, resolution_note, actions, state, version, last_position, updated_at`;

/**
 * read_models.escalations from the escalation streams, folded with the decider's own evolve.
 * Events at or below the stored version are skipped, so a redelivered batch is harmless. `updated_at`
 * is when the last event was recorded and count groups that fall to zero are removed, so a rebuild
 * writes the same rows whatever its batches.
 */
@Injectable()
export class EscalationProjection implements SubscriptionHandler {
  /** Its checkpoint's name (the escalation scheduler reads where it stands). */
  static readonly NAME = 'read-model.escalations';
  readonly name = EscalationProjection.NAME;
  readonly categories = ['escalation'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['escalations', 'escalation_counts'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const mine = events.filter((e) => e.streamId.startsWith(STREAM_PREFIX));
    if (mine.length === 0) return;
    const stored = await this.load([...new Set(mine.map((e) => e.streamId.slice(STREAM_PREFIX.length)))], tx);
    const touched = new Map<string, { before: EscalationState; state: EscalationState; position: bigint; updatedAt: Date }>();
    for (const event of mine) {
      const id = event.streamId.slice(STREAM_PREFIX.length);
      const before = touched.get(id)?.before ?? stored.get(id.toLowerCase()) ?? escalationDecider.initialState();
      const current = touched.get(id)?.state ?? before;
      if (event.version <= current.version) continue;
      const state = escalationDecider.evolve(current, { type: event.type, data: event.data } as unknown as EscalationEvent);
      touched.set(id, { before, state, position: event.position, updatedAt: event.recordedAt });
    }
    const counts = new Map<string, [EscalationState['status'], number, string | null, string | null, number]>();
    const count = (s: EscalationState, delta: number) => {
      if (s.status === null) return;
      const key = JSON.stringify([s.status, s.level, s.department, s.subjectType]);
      const group = counts.get(key) ?? counts.set(key, [s.status, s.level, s.department, s.subjectType, 0]).get(key)!;
      group[4] += delta;
    };
    for (const { before, state } of touched.values()) {
      count(before, -1);
      count(state, +1);
    }
    await this.applyCounts(
      [...counts.values()].filter((g) => g[4] !== 0),
      tx,
    );
    const rows = [...touched]
      .filter(([, { state }]) => state.status !== null)
      .map(([id, { state: s, position, updatedAt }]) => ({
        id,
        level: s.level,
        trigger: s.trigger,
        status: s.status,
        subject_type: s.subjectType,
        subject_id: s.subjectId,
        subject_code: s.subjectCode,
        subject_name: s.subjectName,
        item_kind: s.itemKind,
        item_id: s.itemId,
        item_name: s.itemName,
        department: s.department,
        responsible_person: personalToColumn(s.responsiblePerson),
        due_date: s.dueDate,
        original_due_date: s.originalDueDate,
        raised_at: s.raisedAt,
        raised_on: s.raisedOn,
        acknowledged_at: s.acknowledgedAt,
        resolved_at: s.resolvedAt,
        resolved_on: s.resolvedOn,
        resolution_reason: s.resolution?.reason ?? null,
        resolution_note: s.resolution?.note ?? null,
        actions: s.actions,
        state: s,
        version: s.version,
        last_position: position.toString(),
        updated_at: updatedAt,
      }));
    if (rows.length === 0) return;
    // One statement for the batch (a scheduler tick raises thousands at once), rows given as JSON.
    await tx.query(
      `INSERT INTO escalations (${COLUMNS})
       SELECT ${COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, level smallint, trigger text, status text,
         subject_type text, subject_id uuid, subject_code text, subject_name text, item_kind text, item_id text, item_name text,
         department text, responsible_person text, due_date date, original_due_date date, raised_at timestamptz, raised_on date,
         acknowledged_at timestamptz, resolved_at timestamptz, resolved_on date, resolution_reason text, resolution_note text,
         actions jsonb, state jsonb, version integer, last_position bigint, updated_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, acknowledged_at = EXCLUDED.acknowledged_at,
         resolved_at = EXCLUDED.resolved_at, resolved_on = EXCLUDED.resolved_on, resolution_reason = EXCLUDED.resolution_reason,
         resolution_note = EXCLUDED.resolution_note, actions = EXCLUDED.actions, state = EXCLUDED.state, version = EXCLUDED.version,
         last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(rows)],
    );
  }

  /** escalation_counts += delta per (status, level, department, subject type), one statement; groups left at 0 are removed. */
  private async applyCounts(groups: Array<[unknown, unknown, unknown, unknown, number]>, tx: PgClient): Promise<void> {
    if (groups.length === 0) return;
    const values = groups.flat();
    const tuples = groups.map((_, g) => `($${g * 5 + 1}, $${g * 5 + 2}::smallint, $${g * 5 + 3}, $${g * 5 + 4}, $${g * 5 + 5}::bigint)`);
    const { rows } = await tx.query<{ status: string; level: number; department: string | null; subject_type: string; n: string }>(
      `INSERT INTO escalation_counts (status, level, department, subject_type, n) VALUES ${tuples.join(', ')}
       ON CONFLICT (status, level, department, subject_type) DO UPDATE SET n = escalation_counts.n + EXCLUDED.n
       RETURNING status, level, department, subject_type, n`,
      values,
    );
    const emptied = rows.filter((r) => Number(r.n) === 0);
    if (emptied.length === 0) return;
    await tx.query(
      `DELETE FROM escalation_counts c
       USING unnest($1::text[], $2::smallint[], $3::text[], $4::text[]) AS z(status, level, department, subject_type)
       WHERE c.n = 0 AND c.status = z.status AND c.level = z.level AND c.department IS NOT DISTINCT FROM z.department
         AND c.subject_type = z.subject_type`,
      [emptied.map((r) => r.status), emptied.map((r) => r.level), emptied.map((r) => r.department), emptied.map((r) => r.subject_type)],
    );
  }

  /** The stored states of these escalations, locked in a fixed order (id) for the rest of the transaction. */
  private async load(ids: string[], tx: PgClient): Promise<Map<string, EscalationState>> {
    const { rows } = await tx.query<{ id: string; state: EscalationState }>(
      `SELECT id, state FROM escalations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.state]));
  }
}
