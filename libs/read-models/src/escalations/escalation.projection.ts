import { Injectable } from '@nestjs/common';
import { escalationDecider, type EscalationEvent, type EscalationState, personalToColumn } from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';

const STREAM_PREFIX = 'escalation-';

/**
 * read_models.escalations from the escalation streams, folded with the decider's own evolve.
 * Events at or below the stored version are skipped, so a redelivered batch is harmless. `updated_at`
 * is when the last event was recorded and count groups that fall to zero are removed, so a rebuild
 * writes the same rows whatever its batches.
 */
@Injectable()
export class EscalationProjection implements SubscriptionHandler {
  readonly name = 'read-model.escalations';
  readonly categories = ['escalation'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['escalations', 'escalation_counts'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const touched = new Map<string, { before: EscalationState; state: EscalationState; position: bigint; updatedAt: Date | null }>();
    for (const event of events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length);
      const current = touched.get(id) ?? (await this.load(id, tx));
      if (event.version <= current.state.version) continue;
      const state = escalationDecider.evolve(current.state, { type: event.type, data: event.data } as unknown as EscalationEvent);
      touched.set(id, { before: current.before, state, position: event.position, updatedAt: event.recordedAt });
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
    for (const [id, { state: s, position, updatedAt }] of touched) {
      if (s.status === null || updatedAt === null) continue;
      await tx.query(
        `INSERT INTO escalations (id, level, trigger, status, subject_type, subject_id, subject_code, subject_name, item_kind,
           item_id, item_name, department, responsible_person, due_date, original_due_date, raised_at, raised_on, acknowledged_at,
           resolved_at, resolved_on, resolution_reason, resolution_note, actions, state, version, last_position, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, acknowledged_at = EXCLUDED.acknowledged_at,
           resolved_at = EXCLUDED.resolved_at, resolved_on = EXCLUDED.resolved_on, resolution_reason = EXCLUDED.resolution_reason,
           resolution_note = EXCLUDED.resolution_note, actions = EXCLUDED.actions, state = EXCLUDED.state, version = EXCLUDED.version,
           last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at`,
        [
          id,
          s.level,
          s.trigger,
          s.status,
          s.subjectType,
          s.subjectId,
          s.subjectCode,
          s.subjectName,
          s.itemKind,
          s.itemId,
          s.itemName,
          s.department,
          personalToColumn(s.responsiblePerson),
          s.dueDate,
          s.originalDueDate,
          s.raisedAt,
          s.raisedOn,
          s.acknowledgedAt,
          s.resolvedAt,
          s.resolvedOn,
          s.resolution?.reason ?? null,
          s.resolution?.note ?? null,
          JSON.stringify(s.actions),
          JSON.stringify(s),
          s.version,
          position.toString(),
          updatedAt,
        ],
      );
    }
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

  private async load(
    id: string,
    tx: PgClient,
  ): Promise<{ before: EscalationState; state: EscalationState; position: bigint; updatedAt: Date | null }> {
    const { rows } = await tx.query<{ state: EscalationState; last_position: string }>(
      `SELECT state, last_position FROM escalations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const state = rows[0]?.state ?? escalationDecider.initialState();
    return { before: state, state, position: rows[0] ? BigInt(rows[0].last_position) : 0n, updatedAt: null };
  }
}
