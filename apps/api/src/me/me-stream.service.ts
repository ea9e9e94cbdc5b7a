import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { Observable, type Subscriber } from 'rxjs';
import { messageKindLabels, recipientsOf, type Actor, type MessageKind } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ME_STREAM_CHANNEL } from '@app/read-models';
import { MinPositionInterceptor } from '../shared/min-position.interceptor';

/** One server-sent event: `id` is the message sequence number the client has seen up to. */
export interface StreamEvent {
  type: 'ready' | 'message' | 'todos' | 'escalation' | 'ping';
  id?: string;
  data: unknown;
}

interface Wake {
  seq: string;
  position: string;
  todos: boolean;
  escalation: boolean;
  messages: boolean;
}

interface Connection {
  actor: Actor;
  recipients: string[];
  /** The last message sequence number sent on this connection. */
  cursor: bigint;
  out: Subscriber<StreamEvent>;
  /** Sends are chained, so a connection's events go out in order. */
  busy: Promise<void>;
}

/** How often an idle stream says it is alive and sweeps for messages a lost notification left behind. */
export const STREAM_PING_MS = 25_000;

/**
 * /api/v1/me/stream (docs/architecture.md, “实时推送”). Every committed batch of the message projection
 * announces itself on a PostgreSQL channel (NOTIFY inside its transaction, so only once committed, in
 * whichever process runs it); this process LISTENs on a connection of its own and, per open stream,
 * sends the person's messages numbered after the stream's cursor, then a `todos` (and `escalation`)
 * nudge once every read model has caught up with the batch. Messages are read by cursor, never taken
 * from the notification, so a lost notification delays nothing past the next one or the next ping, and a
 * client reconnecting with Last-Event-ID gets every message after it.
 */
@Injectable()
export class MeStreamService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('MeStream');
  private readonly connections = new Set<Connection>();
  private listener: Client | null = null;
  private closing = false;
  private pingTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly minPosition: MinPositionInterceptor,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
    this.pingTimer = setInterval(() => {
      for (const c of this.connections)
        this.enqueue(c, async () => {
          await this.sendMessages(c);
          c.out.next({ type: 'ping', data: '' });
        });
    }, STREAM_PING_MS);
    this.pingTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const c of this.connections) c.out.complete();
    this.connections.clear();
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ ...(this.pool as unknown as { options: object }).options, application_name: 'me-stream listener' });
    client.on('error', (error) => this.logger.warn({ error: error.message }, 'stream listener connection failed'));
    client.on('end', () => {
      this.listener = null;
      if (this.closing) return;
      // Reconnect, then sweep: whatever was announced meanwhile is read by cursor.
      setTimeout(
        () =>
          void this.listen()
            .then(() => this.wakeAll(null))
            .catch(() => undefined),
        1000,
      ).unref();
    });
    client.on('notification', (n) => {
      if (n.channel !== ME_STREAM_CHANNEL || !n.payload) return;
      try {
        this.wakeAll(JSON.parse(n.payload) as Wake);
      } catch {
        /* not ours */
      }
    });
    await client.connect();
    await client.query(`LISTEN ${ME_STREAM_CHANNEL}`);
    this.listener = client;
  }

  private wakeAll(wake: Wake | null): void {
    if (this.connections.size === 0) return;
    const caughtUp = wake ? this.minPosition.waitFor(BigInt(wake.position)) : Promise.resolve(true);
    for (const c of this.connections) {
      this.enqueue(c, async () => {
        await caughtUp;
        await this.sendMessages(c);
        if (!wake || wake.todos) c.out.next({ type: 'todos', id: c.cursor.toString(), data: { seq: c.cursor.toString() } });
        if (!wake || wake.escalation) c.out.next({ type: 'escalation', id: c.cursor.toString(), data: { seq: c.cursor.toString() } });
      });
    }
  }

  private enqueue(c: Connection, work: () => Promise<void>): void {
    c.busy = c.busy.then(work).catch((error: Error) => this.logger.warn({ error: error.message }, 'stream send failed'));
  }

  /** The person's messages after the connection's cursor, in order, one per event (several addresses may have it). */
  private async sendMessages(c: Connection): Promise<void> {
    const { rows } = await this.pool.query<{
      id: string;
      seq: string;
      event_id: string;
      kind: MessageKind;
      title: string;
      body: string;
      link: string;
      created_at: Date;
    }>(
      `SELECT id, seq::text AS seq, event_id, kind, title, body, link, created_at FROM read_models.messages
       WHERE recipient = ANY($1) AND seq > $2 ORDER BY seq LIMIT 500`,
      [c.recipients, c.cursor.toString()],
    );
    const seen = new Set<string>();
    for (const r of rows) {
      c.cursor = BigInt(r.seq);
      if (seen.has(r.event_id)) continue;
      seen.add(r.event_id);
      c.out.next({
        type: 'message',
        id: r.seq,
        data: {
          id: r.id,
          seq: r.seq,
          kind: r.kind,
          kindLabel: messageKindLabels[r.kind] ?? r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          createdAt: r.created_at.toISOString(),
          read: false,
        },
      });
    }
    if (rows.length === 500) await this.sendMessages(c);
  }

  /**
   * A person's stream. Without `lastEventId` it starts at the newest message (a `ready` event carries
   * the id to resume from); with one, it first sends every message after it and a `todos` and
   * `escalation` nudge, since what changed while away is not known.
   */
  open(actor: Actor, lastEventId: string | null): Observable<StreamEvent> {
    return new Observable<StreamEvent>((out) => {
      const c: Connection = { actor, recipients: recipientsOf(actor), cursor: 0n, out, busy: Promise.resolve() };
      // Registered at once: a wake-up arriving during the start is queued behind it on this connection.
      this.connections.add(c);
      this.enqueue(c, async () => {
        if (lastEventId !== null) {
          c.cursor = BigInt(lastEventId);
        } else {
          const { rows } = await this.pool.query<{ last_seq: string }>(
            `SELECT last_seq::text AS last_seq FROM read_models.message_sequence`,
          );
          c.cursor = BigInt(rows[0]?.last_seq ?? '0');
        }
        out.next({ type: 'ready', id: c.cursor.toString(), data: { seq: c.cursor.toString() } });
        if (lastEventId !== null) {
          await this.sendMessages(c);
          out.next({ type: 'todos', id: c.cursor.toString(), data: { seq: c.cursor.toString() } });
          out.next({ type: 'escalation', id: c.cursor.toString(), data: { seq: c.cursor.toString() } });
        }
      });
      return () => {
        this.connections.delete(c);
      };
    });
  }
}
