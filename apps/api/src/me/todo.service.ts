import { Inject, Injectable } from '@nestjs/common';
import {
  compareTodos,
  daysBetween,
  shanghaiDate,
  escalationTodos,
  keyProjectTodos,
  orderTodos,
  upgradeKeyProjectState,
  type Actor,
  type CommandContext,
  type EscalationState,
  type KeyProjectState,
  type RectificationOrderState,
  type Todo,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { AppConfig, Clock } from '@app/platform';

/**
 * 待办 of the signed-in user, from the read models and the domain's allowed actions (docs/domain.md,
 * TODO-WAIT-1, TODO-SETTLE-1, TODO-ESC-1). Computed per request, so a to-do is gone as soon as the event that settles it is projected.
 * The SQL only narrows the rows to the caller's scope and leaves out finished records; which command
 * waits on whom is the domain's.
 */
@Injectable()
export class TodoService {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The to-dos, each with the days left until its date (negative: overdue) as of the injected clock's day. */
  async todosOf(actor: Actor): Promise<Array<Todo & { daysLeft: number | null }>> {
    const ctx: CommandContext = { actor, now: this.clock.now(), config: this.config.domainConfig };
    const cityWide = actor.roles.some((r) => r === 'supervision-office' || r === 'leadership');
    const isLead = actor.roles.includes('project-lead') && actor.department !== null;
    if (!cityWide && !isLead) return [];
    // A project lead acts on its department's records only; city-wide roles on all of them.
    const dept = cityWide ? null : actor.department;
    const [orders, projects, escalations] = await Promise.all([
      this.pool.query<{ state: RectificationOrderState }>(
        `SELECT state FROM read_models.rectification_orders
         WHERE status <> 'CLOSED' AND ($1::text IS NULL OR lead_department = $1)`,
        [dept],
      ),
      this.pool.query<{ state: Partial<KeyProjectState> }>(
        `SELECT state FROM read_models.key_projects
         WHERE status NOT IN ('ACCEPTED', 'CANCELLED') AND ($1::text IS NULL OR lead_department = $1 OR lead_department IS NULL)`,
        [dept],
      ),
      this.pool.query<{ state: EscalationState }>(
        `SELECT state FROM read_models.escalations WHERE status = 'OPEN' AND ($1::text IS NULL OR department = $1)`,
        [isLead ? actor.department : dept],
      ),
    ]);
    const todos = [
      ...orders.rows.flatMap((r) => orderTodos(r.state, ctx)),
      ...projects.rows.flatMap((r) => keyProjectTodos(upgradeKeyProjectState(r.state), ctx)),
      ...escalations.rows.flatMap((r) => escalationTodos(r.state, ctx)),
    ];
    const today = shanghaiDate(ctx.now);
    return todos.sort(compareTodos).map((t) => ({ ...t, daysLeft: t.dueOn ? daysBetween(today, t.dueOn) : null }));
  }
}
