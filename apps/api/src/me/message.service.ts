import { Inject, Injectable } from '@nestjs/common';
import { messageKindLabels, recipientsOf, type Actor, type MessageKind } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ProblemException } from '@app/platform';

export interface MessageView {
  id: string;
  seq: string;
  kind: MessageKind;
  kindLabel: string;
  title: string;
  body: string;
  link: string;
  subjectType: string;
  subjectId: string;
  createdAt: string;
  read: boolean;
}

interface Row {
  id: string;
  seq: string;
  kind: MessageKind;
  title: string;
  body: string;
  link: string;
  subject_type: string;
  subject_id: string;
  created_at: Date;
  read: boolean;
}

/**
 * A person's messages: those addressed to one of their addresses (recipientsOf), one per event even
 * when several of their addresses got it, newest first, with their own read state (MSG-READ-1).
 */
@Injectable()
export class MessageService {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  private static readonly INBOX = `
    SELECT DISTINCT ON (m.event_id) m.id, m.seq::text AS seq, m.kind, m.title, m.body, m.link, m.subject_type, m.subject_id, m.created_at,
      EXISTS (SELECT 1 FROM notifications.message_reads r
              JOIN read_models.messages same ON same.id = r.message_id
              WHERE r.user_id = $1 AND same.event_id = m.event_id AND same.recipient = ANY($2)) AS read
    FROM read_models.messages m
    WHERE m.recipient = ANY($2) AND ($3::bigint IS NULL OR m.seq > $3)
    ORDER BY m.event_id, m.seq`;

  async list(
    actor: Actor,
    options: { unreadOnly?: boolean; limit?: number; afterSeq?: string | null } = {},
  ): Promise<{ items: MessageView[]; unread: number }> {
    const recipients = recipientsOf(actor);
    const { rows } = await this.pool.query<Row>(`SELECT * FROM (${MessageService.INBOX}) inbox ORDER BY seq::bigint DESC LIMIT 500`, [
      actor.userId,
      recipients,
      options.afterSeq ?? null,
    ]);
    const unread = rows.filter((r) => !r.read).length;
    const shown = (options.unreadOnly ? rows.filter((r) => !r.read) : rows).slice(0, options.limit ?? 100);
    return { items: shown.map(view), unread };
  }

  /** Marks a message read for this person (not an event of the domain); 404 when it is not theirs. */
  async markRead(actor: Actor, id: string): Promise<void> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO notifications.message_reads (user_id, message_id, read_at)
       SELECT $1, same.id, now() FROM read_models.messages m
       JOIN read_models.messages same ON same.event_id = m.event_id AND same.recipient = ANY($3)
       WHERE m.id = $2 AND m.recipient = ANY($3)
       ON CONFLICT DO NOTHING`,
      [actor.userId, id, recipientsOf(actor)],
    );
    if (rowCount === 0) {
      const { rows } = await this.pool.query(`SELECT 1 FROM read_models.messages WHERE id = $1 AND recipient = ANY($2)`, [
        id,
        recipientsOf(actor),
      ]);
      if (!rows.length) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该消息（编号 ${id}），或该消息不是发给您的`);
    }
  }

  async markAllRead(actor: Actor): Promise<number> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO notifications.message_reads (user_id, message_id, read_at)
       SELECT $1, m.id, now() FROM read_models.messages m WHERE m.recipient = ANY($2)
       ON CONFLICT DO NOTHING`,
      [actor.userId, recipientsOf(actor)],
    );
    return rowCount ?? 0;
  }
}

function view(r: Row): MessageView {
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    kindLabel: messageKindLabels[r.kind] ?? r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    createdAt: r.created_at.toISOString(),
    read: r.read,
  };
}
