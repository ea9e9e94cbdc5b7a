import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  escalationDecider,
  escalationMessages,
  keyProjectDecider,
  keyProjectMessages,
  orderMessages,
  rectificationOrderDecider,
  reminderMessages,
  upgradeKeyProjectState,
  type EscalationEvent,
  type EscalationState,
  type KeyProjectEvent,
  type KeyProjectState,
  type MessageDraft,
  type RectificationOrderEvent,
  type RectificationOrderState,
  type ReminderSent,
} from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';

/** The channel a committed batch is announced on: `{ seq, position, todos, escalation }` (the stream's wake-up). */
export const ME_STREAM_CHANNEL = 'me_stream';

/** A message row's id: the same for the same event and recipient, so a rebuild and a re-run write the same rows. */
export function messageId(eventId: string, recipient: string): string {
  const h = createHash('sha256').update(`${eventId}\u0000${recipient}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Folded = RectificationOrderState | KeyProjectState | EscalationState;

/*
 * What a batch writes, in one round trip: the changed folds, the counter, the messages numbered from
 * it, and the wake-up of /api/v1/me/stream once they are in. The counter row serialises the batches
 * that write messages (it is taken even for none), so `seq` grows in commit order; a batch's messages
 * take the last `$1` numbers up to the counter's new value, in the order given.
 */
const WRITE_BATCH = `
  WITH subjects AS (
    INSERT INTO message_subjects (stream_id, state, version)
    SELECT * FROM unnest($2::text[], $3::jsonb[], $4::int[])
    ON CONFLICT (stream_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version
  ), counter AS (
    INSERT INTO message_sequence (id, last_seq) VALUES (1, $1::bigint)
    ON CONFLICT (id) DO UPDATE SET last_seq = message_sequence.last_seq + $1::bigint
    RETURNING last_seq
  ), written AS (
    INSERT INTO messages (id, seq, recipient, kind, title, body, link, subject_type, subject_id, event_id, position, created_at)
    SELECT m.id, c.last_seq - $1::bigint + m.ord, m.recipient, m.kind, m.title, m.body, m.link, m.subject_type, m.subject_id,
           m.event_id, m.position, m.created_at
    FROM counter c,
         unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::uuid[],
                $14::bigint[], $15::timestamptz[])
           WITH ORDINALITY AS m(id, recipient, kind, title, body, link, subject_type, subject_id, event_id, position, created_at, ord)
    ON CONFLICT (id) DO NOTHING
  )
  SELECT CASE WHEN $16::boolean THEN pg_notify($17::text, json_build_object(
           'seq', c.last_seq::text, 'position', $18::text, 'todos', $19::boolean, 'escalation', $20::boolean, 'messages', $1::bigint > 0
         )::text) END
  FROM counter c`;

/**
 * The fold as kept in message_subjects: without the progress reports, which no message reads. Kept,
 * they would grow the row with every report, and report #1,000 on one order would cost this read
 * model a thousand times what report #1 did (read, parse, write the whole list).
 */
function withoutReports(state: Folded): Folded {
  return 'progressReports' in state && state.progressReports.length > 0 ? { ...state, progressReports: [] } : state;
}

/**
 * read_models.messages from the log (docs/architecture.md, 消息中心): the domain says who is told
 * what (escalationMessages, orderMessages, keyProjectMessages, reminderMessages); this writes one row
 * per recipient. Orders, key projects and escalations are folded here with their deciders' evolve
 * (read_models.message_subjects), because their later events do not carry the department.
 */
@Injectable()
export class MessageProjection implements SubscriptionHandler {
  readonly name = 'read-model.messages';
  readonly categories = ['key-project', 'rectification-order', 'escalation', 'reminder'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['messages', 'message_subjects', 'message_sequence'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const streams = [...new Set(events.filter((e) => !e.streamId.startsWith('reminder-')).map((e) => e.streamId))];
    const states = new Map<string, { state: Folded; version: number; changed: boolean }>();
    if (streams.length) {
      const { rows } = await tx.query<{ stream_id: string; state: Folded; version: number }>(
        `SELECT stream_id, state, version FROM message_subjects WHERE stream_id = ANY($1) FOR UPDATE`,
        [streams],
      );
      for (const r of rows) states.set(r.stream_id, { state: r.state, version: r.version, changed: false });
    }
    const out: Array<{ draft: MessageDraft; event: StoredEvent }> = [];
    let todos = false;
    let escalation = false;
    for (const event of events) {
      const e = { type: event.type, data: event.data } as never;
      if (event.streamId.startsWith('reminder-')) {
        for (const draft of reminderMessages(e as ReminderSent)) out.push({ draft, event });
        continue;
      }
      const held = states.get(event.streamId);
      if (held && event.version <= held.version) continue;
      todos = true;
      let drafts: MessageDraft[];
      let state: Folded;
      if (event.streamId.startsWith('escalation-')) {
        escalation = true;
        state = escalationDecider.evolve((held?.state as EscalationState) ?? escalationDecider.initialState(), e as EscalationEvent);
        drafts = escalationMessages(event, state as EscalationState);
      } else if (event.streamId.startsWith('rectification-order-')) {
        state = rectificationOrderDecider.evolve(
          (held?.state as RectificationOrderState) ?? rectificationOrderDecider.initialState(),
          e as RectificationOrderEvent,
        );
        drafts = orderMessages(event, state as RectificationOrderState);
      } else {
        const before = held ? upgradeKeyProjectState(held.state as KeyProjectState) : keyProjectDecider.initialState();
        state = keyProjectDecider.evolve(before, e as KeyProjectEvent);
        drafts = keyProjectMessages(event, state as KeyProjectState);
      }
      states.set(event.streamId, { state, version: event.version, changed: true });
      for (const draft of drafts) out.push({ draft, event });
    }
    const changed = [...states.entries()].filter(([, s]) => s.changed);
    const rows = out.flatMap(({ draft, event }) => [...new Set(draft.recipients)].map((recipient) => ({ draft, event, recipient })));
    const last = events[events.length - 1];
    await tx.query(WRITE_BATCH, [
      rows.length,
      changed.map(([id]) => id),
      changed.map(([, s]) => JSON.stringify(withoutReports(s.state))),
      changed.map(([, s]) => s.version),
      rows.map((r) => messageId(r.event.eventId, r.recipient)),
      rows.map((r) => r.recipient),
      rows.map((r) => r.draft.kind),
      rows.map((r) => r.draft.title),
      rows.map((r) => r.draft.body),
      rows.map((r) => r.draft.link),
      rows.map((r) => r.draft.subjectType),
      rows.map((r) => r.draft.subjectId),
      rows.map((r) => r.event.eventId),
      rows.map((r) => r.event.position.toString()),
      rows.map((r) => r.event.recordedAt.toISOString()),
      rows.length > 0 || todos,
      ME_STREAM_CHANNEL,
      last.position.toString(),
      todos,
      escalation,
    ]);
  }
}
