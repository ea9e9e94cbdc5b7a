import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order codes are unique per source and batch. The read model cannot guarantee it (it lags the log),
 * so the write side reserves each code in the same transaction that appends the OrderIssued event: a
 * trigger on the log inserts the reservation, and a second order with the same code aborts its own
 * append with a unique violation (409 ORDER_CODE_TAKEN). Concurrent appends of one code serialise on
 * the reservation's key: the later one waits for the earlier to commit or roll back. Every path that
 * issues orders (the HTTP command, the .xlsx import, the samples) is covered without knowing of it.
 */
export class CreateOrderCodeReservations1765100000000 implements MigrationInterface {
  name = 'CreateOrderCodeReservations1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public.order_code_reservations (
        source    text   NOT NULL,
        batch     text   NOT NULL,
        code      text   NOT NULL,
        stream_id text   NOT NULL,
        position  bigint NOT NULL,
        CONSTRAINT order_codes_source_batch_code_uq PRIMARY KEY (source, batch, code)
      )`);
    await q.query(`
      CREATE FUNCTION public.reserve_order_code() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO public.order_code_reservations (source, batch, code, stream_id, position)
        VALUES (NEW.data->>'source', coalesce(NEW.data->>'batch', ''), NEW.data->>'code', NEW.stream_id, NEW.position)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'order code % is already used in batch % of source %', NEW.data->>'code', NEW.data->>'batch', NEW.data->>'source'
            USING ERRCODE = 'unique_violation',
                  CONSTRAINT = 'order_codes_source_batch_code_uq',
                  DETAIL = json_build_object('code', NEW.data->>'code', 'batch', NEW.data->>'batch', 'source', NEW.data->>'source')::text;
        END IF;
        RETURN NULL;
      END $$`);
    // Orders issued before this migration keep their codes (duplicates already in the log stay as they are).
    await q.query(`
      INSERT INTO public.order_code_reservations (source, batch, code, stream_id, position)
      SELECT data->>'source', coalesce(data->>'batch', ''), data->>'code', stream_id, position
        FROM event_store.events WHERE type = 'OrderIssued'
      ORDER BY position
      ON CONFLICT DO NOTHING`);
    await q.query(`
      CREATE TRIGGER events_reserve_order_code AFTER INSERT ON event_store.events
      FOR EACH ROW WHEN (NEW.type = 'OrderIssued') EXECUTE FUNCTION public.reserve_order_code()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER events_reserve_order_code ON event_store.events`);
    await q.query(`DROP FUNCTION public.reserve_order_code()`);
    await q.query(`DROP TABLE public.order_code_reservations`);
  }
}
