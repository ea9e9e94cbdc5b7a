import type { CheckpointStore } from './checkpoint-store';
import { isCheckpointMoveFailure } from './checkpoint-store';
import { CheckpointConflict } from './event-store.errors';
import type { PostgresEventStore } from './postgres-event-store';
import type { PgPool } from './pg.types';
import { PollingLoop, type SubscriptionRunner, type SubscriptionRunnerOptions } from './subscription-runner';
import { withTransaction } from './transaction';

/**
 * Runs several handlers from the log as one: while their checkpoints stand at the same position, each
 * batch is read once and applied for all of them in one transaction, whose COMMIT moves all their
 * checkpoints together (one compare-and-set statement). The handlers must begin their transactions
 * alike (schema, durability): the read models of a process. Each keeps its own checkpoint, so
 * `X-Min-Position`, rebuilds and parked events stay per handler.
 *
 * When the shared transaction fails, every handler applies the batch on its own (its runner's
 * isolation: the batch, then event by event, parking an event that keeps failing), so one failing
 * handler never keeps the others from it. A checkpoint behind the others (after such a failure, a
 * new handler, a rebuild's swap, a competing process) is brought up by the handler's own runner, a
 * batch at a time and never past the furthest, while the others go on with shared batches; it joins
 * them once it has reached them. A handler retrying an event waits its own backoff, not theirs.
 */
export class SubscriptionGroupRunner extends PollingLoop {
  /** The position all members' checkpoints stand at after this runner's last shared batch; null: read them. */
  private cursor: bigint | null = null;
  private readonly beginSql: string;
  /** Members whose last batch on their own failed: when to try them again. */
  private readonly retries = new Map<string, { at: number; backoffMs: number }>();

  constructor(
    private readonly pool: PgPool,
    private readonly store: PostgresEventStore,
    private readonly checkpoints: CheckpointStore,
    readonly members: readonly SubscriptionRunner[],
    private readonly options: SubscriptionRunnerOptions & { name: string },
  ) {
    super(options);
    if (members.length === 0) throw new Error('a subscription group needs at least one member');
    this.beginSql = members[0].transactionBegin;
    const other = members.find((m) => m.transactionBegin !== this.beginSql);
    if (other) throw new Error(`${other.name} begins its transactions differently from ${members[0].name}: they cannot share one`);
  }

  override get name(): string {
    return this.options.name;
  }

  override async runOnce(): Promise<number> {
    let from = this.cursor;
    this.cursor = null;
    let joined: readonly SubscriptionRunner[] = this.members;
    let caughtUp = 0;
    if (from === null) {
      // The furthest in the log's (commit) order, which is not the order of positions.
      const positions = await this.checkpoints.inLogOrder(this.members.map((m) => m.name));
      const furthest = positions[positions.length - 1].position;
      const behind = this.members.filter((m) => positions.find((p) => p.name === m.name)?.position !== furthest);
      if (behind.length) {
        caughtUp = await this.bringUp(behind, furthest);
        // Those that reached the furthest join this shared batch; the others try again next time.
        joined = this.members.filter((m) => !behind.includes(m) || m.position === furthest);
      }
      from = furthest;
    }
    const events = await this.store.readAll({ after: from, limit: this.batchSize });
    if (events.length === 0) {
      if (joined.length === this.members.length) this.cursor = from;
      return caughtUp;
    }
    const to = events[events.length - 1].position;
    const names = joined.map((m) => m.name);
    const work = joined.map((m) => ({ member: m, mine: m.select(events) })).filter((w) => w.mine.length);
    try {
      await withTransaction(
        this.pool,
        async (tx) => {
          for (const { member, mine } of work) await member.handler.handle(mine, tx);
        },
        {
          begin: this.beginSql,
          beforeCommit: () => this.checkpoints.compareAndSetAllBeforeCommitSql(names, from, to),
          onConnectionError: (error) => this.logger.warn(`${this.name}: connection lost`, { error: String(error) }),
          discardConnection: (failure) => !isCheckpointMoveFailure(failure),
        },
      );
    } catch (error) {
      for (const m of joined) m.forgetCursor();
      // A checkpoint moved under us (a competing process, a rebuild): read them all again.
      if (isCheckpointMoveFailure(error)) return caughtUp;
      this.logger.warn(`${this.name}: shared batch of ${events.length} failed, each handler on its own`, { error: String(error) });
      return Math.max(caughtUp, await this.bringUp(joined, to));
    }
    for (const m of joined) m.forgetCursor();
    if (joined.length === this.members.length) this.cursor = to;
    return events.length;
  }

  /**
   * One batch for each of `members` on its own, up to `until`; returns the most events one moved past.
   * A member whose batch fails is retried on a later call, after a backoff of its own (200 ms doubling
   * to 10 s): the others go on meanwhile.
   */
  private async bringUp(members: readonly SubscriptionRunner[], until: bigint): Promise<number> {
    let moved = 0;
    for (const member of members) {
      const retry = this.retries.get(member.name);
      if (retry && retry.at > Date.now()) continue;
      try {
        moved = Math.max(moved, await member.runOnce(until));
        this.retries.delete(member.name);
      } catch (error) {
        if (error instanceof CheckpointConflict) continue;
        const backoffMs = retry ? Math.min(retry.backoffMs * 2, 10_000) : this.idleDelayMs;
        this.retries.set(member.name, { at: Date.now() + backoffMs, backoffMs });
        this.logger.error(`${member.name}: subscription failed, retrying in ${backoffMs} ms`, { error: String(error) });
      }
    }
    return moved;
  }
}
