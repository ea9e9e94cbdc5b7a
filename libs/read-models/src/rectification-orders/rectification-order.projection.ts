import { Injectable } from '@nestjs/common';
import { rectificationOrderDecider, type RectificationOrderEvent, type RectificationOrderState } from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';
import { ORDER_COLUMNS, orderColumns } from './rectification-order.row';

const STREAM_PREFIX = 'rectification-order-';
export const SAMPLE_ACTOR_ID = 'system:seed';

const insertColumns = [...ORDER_COLUMNS, 'is_sample', 'state', 'version', 'last_position', 'updated_at'];
/*
 * One statement per batch: rows travel as one JSON array typed by the table's own row type, and the
 * batch's progress reports (only ever added: a redelivered one is already there) go in with them, so
 * a batch costs this read model two round trips (the FOR UPDATE read and this), not three.
 */
const UPSERT = `
  WITH reports AS (
    INSERT INTO order_progress_reports (order_id, version, report)
    SELECT order_id, version, report FROM jsonb_to_recordset($2::jsonb) AS r(order_id uuid, version integer, report jsonb)
    ON CONFLICT (order_id, version) DO NOTHING
  )
  INSERT INTO rectification_orders (${insertColumns.join(', ')})
  SELECT ${insertColumns.join(', ')}
  FROM jsonb_populate_recordset(NULL::rectification_orders, $1::jsonb)
  ON CONFLICT (id) DO UPDATE SET
    ${insertColumns
      .filter((c) => c !== 'id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(',\n    ')}`;
const JSON_COLUMNS = new Set<string>(['measures', 'extensions']);

/**
 * The orders ledger (台账): one row per order, folded with the domain's own `evolve` so the read
 * model can never disagree with the aggregate. Events at or below the stored version are skipped,
 * which makes a redelivered batch harmless. A row is a function of its events alone (`updated_at` is
 * the time the last one was recorded), so a rebuild writes the same rows.
 *
 * Progress reports have a table of their own, `order_progress_reports` (one row per report, keyed by
 * the event's version): the order's row keeps only the latest report in its `state`, so report
 * #1,000 writes what report #1 writes (issue 18, part 5). Readers that show every report
 * (the order's detail) read them from that table.
 */
@Injectable()
export class RectificationOrderProjection implements SubscriptionHandler {
  readonly name = 'read-model.rectification-orders';
  readonly categories = ['rectification-order'];
  readonly schema = 'read_models';
  readonly derivedOnly = true;
  readonly tables = ['rectification_orders', 'order_progress_reports'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const ids = [...new Set(events.filter((e) => e.streamId.startsWith(STREAM_PREFIX)).map((e) => e.streamId.slice(STREAM_PREFIX.length)))];
    if (ids.length === 0) return;
    const touched = await this.load(ids, tx);
    const changed = new Set<string>();
    const reports: Array<{ order_id: string; version: number; report: unknown }> = [];
    for (const event of events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length);
      const current = touched.get(id) ?? {
        state: rectificationOrderDecider.initialState(),
        isSample: false,
        position: 0n,
        updatedAt: null,
      };
      if (event.version <= current.state.version) continue;
      let state = rectificationOrderDecider.evolve(current.state, {
        type: event.type,
        data: event.data,
      } as unknown as RectificationOrderEvent);
      if (event.type === 'OrderProgressReported')
        reports.push({ order_id: id, version: event.version, report: state.progressReports.at(-1) });
      if (state.progressReports.length > 1) state = { ...state, progressReports: state.progressReports.slice(-1) };
      const isSample = current.isSample || (event.type === 'OrderIssued' && event.metadata.actor?.userId === SAMPLE_ACTOR_ID);
      touched.set(id, { state, isSample, position: event.position, updatedAt: event.recordedAt });
      changed.add(id);
    }
    if (changed.size === 0) return;
    const rows = [...changed].map((id) => {
      const { state, isSample, position, updatedAt } = touched.get(id) as Loaded;
      const values = orderColumns(id, state);
      const row: Record<string, unknown> = {};
      ORDER_COLUMNS.forEach((c, i) => (row[c] = JSON_COLUMNS.has(c) ? JSON.parse(values[i] as string) : values[i]));
      return {
        ...row,
        is_sample: isSample,
        state,
        version: state.version,
        last_position: position.toString(),
        updated_at: (updatedAt as Date).toISOString(),
      };
    });
    await tx.query(UPSERT, [JSON.stringify(rows), JSON.stringify(reports)]);
  }

  private async load(ids: string[], tx: PgClient): Promise<Map<string, Loaded>> {
    const { rows } = await tx.query<{ id: string; state: RectificationOrderState; is_sample: boolean; last_position: string }>(
      `SELECT id, state, is_sample, last_position FROM rectification_orders WHERE id = ANY($1::uuid[]) FOR UPDATE`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { state: r.state, isSample: r.is_sample, position: BigInt(r.last_position), updatedAt: null }]));
  }
}

interface Loaded {
  state: RectificationOrderState;
  isSample: boolean;
  position: bigint;
  /** When the last event applied in this batch was recorded; null for a row only loaded. */
  updatedAt: Date | null;
}
