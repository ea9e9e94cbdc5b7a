import { Lease, type PgPool } from '@app/event-store';

/** The scheduler's lease (scheduler.leases): the shared advisory-lock lease of the event store. */
export class SchedulerLease extends Lease {
  constructor(pool: PgPool, name: string, owner: string, ttlMs: number) {
    super(pool, { table: 'scheduler.leases', name, owner, ttlMs });
  }
}
