import { Injectable } from '@nestjs/common';
import { circularDecider, type CircularEvent, type CircularState } from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';

const STREAM_PREFIX = 'circular-';

/**
 * read_models.circulars from the circular streams, folded with the decider's own evolve; a row is a
 * function of its events (updated_at is when the last was recorded), so a rebuild writes the same rows.
 */
@Injectable()
export class CircularProjection implements SubscriptionHandler {
  readonly name = 'read-model.circulars';
  readonly categories = ['circular'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['circulars'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    for (const event of events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length);
      const { rows } = await tx.query<{ state: CircularState }>(`SELECT state FROM circulars WHERE id = $1 FOR UPDATE`, [id]);
      const current = rows[0]?.state ?? circularDecider.initialState();
      if (event.version <= current.version) continue;
      const state = circularDecider.evolve(current, { type: event.type, data: event.data } as unknown as CircularEvent);
      const c = state.circular;
      if (!c) continue;
      const subject = c.subject;
      await tx.query(
        `INSERT INTO circulars (id, subject_type, escalation_id, department, document_number, title, text, issued_on, issued_by, subject,
           state, version, last_position, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version, last_position = EXCLUDED.last_position,
           updated_at = EXCLUDED.updated_at`,
        [
          id,
          subject.type,
          subject.type === 'ESCALATION' ? subject.escalationId : null,
          subject.department,
          c.documentNumber,
          c.title,
          c.text,
          c.issuedOn,
          c.issuedBy,
          JSON.stringify(subject),
          JSON.stringify(state),
          state.version,
          event.position.toString(),
          event.recordedAt.toISOString(),
        ],
      );
    }
  }
}
