import { Injectable } from '@nestjs/common';
import { rectificationOrderDecider, type RectificationOrderEvent, type RectificationOrderState } from '@app/domain';
import type { PgClient, StoredEvent, SubscriptionHandler } from '@app/event-store';
import { ORDER_COLUMNS, orderColumns } from './rectification-order.row';

const STREAM_PREFIX = 'rectification-order-';
export const SAMPLE_ACTOR_ID = 'system:seed';

const insertColumns = [...ORDER_COLUMNS, 'is_sample', 'state', 'version', 'last_position'];
const UPSERT = `
  INSERT INTO read_models.rectification_orders (${insertColumns.join(', ')}, updated_at)
  VALUES (${insertColumns.map((_, i) => `$${i + 1}`).join(', ')}, now())
  ON CONFLICT (id) DO UPDATE SET
    ${[...ORDER_COLUMNS.filter((c) => c !== 'id'), 'state', 'version', 'last_position'].map((c) => `${c} = EXCLUDED.${c}`).join(',\n    ')},
    updated_at = now()`;

/**
 * The orders ledger (台账): one row per order, folded with the domain's own `evolve` so the read
 * model can never disagree with the aggregate. Events at or below the stored version are skipped,
 * which makes a redelivered batch harmless.
 */
@Injectable()
export class RectificationOrderProjection implements SubscriptionHandler {
  readonly name = 'read-model.rectification-orders';
  readonly categories = ['rectification-order'];

  async handle(events: StoredEvent[], tx: PgClient): Promise<void> {
    const touched = new Map<string, { state: RectificationOrderState; isSample: boolean; position: bigint }>();
    for (const event of events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length);
      const current = touched.get(id) ?? (await this.load(id, tx));
      if (event.version <= current.state.version) continue;
      const state = rectificationOrderDecider.evolve(current.state, {
        type: event.type,
        data: event.data,
      } as unknown as RectificationOrderEvent);
      const isSample = current.isSample || (event.type === 'OrderIssued' && event.metadata.actor?.userId === SAMPLE_ACTOR_ID);
      touched.set(id, { state, isSample, position: event.position });
    }
    for (const [id, { state, isSample, position }] of touched) {
      await tx.query(UPSERT, [...orderColumns(id, state), isSample, JSON.stringify(state), state.version, position.toString()]);
    }
  }

  private async load(id: string, tx: PgClient): Promise<{ state: RectificationOrderState; isSample: boolean; position: bigint }> {
    const { rows } = await tx.query<{ state: RectificationOrderState; is_sample: boolean; last_position: string }>(
      `SELECT state, is_sample, last_position FROM read_models.rectification_orders WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    if (!row) return { state: rectificationOrderDecider.initialState(), isSample: false, position: 0n };
    return { state: row.state, isSample: row.is_sample, position: BigInt(row.last_position) };
  }
}
