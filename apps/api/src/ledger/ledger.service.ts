import { Inject, Injectable } from '@nestjs/common';
import {
  addDays,
  averageDaysOverdue,
  orderStateFor,
  petitionTextScope,
  shanghaiDate,
  type Actor,
  countOrder,
  emptyDepartmentFigures,
  figureRate,
  type DepartmentOrderFigures,
  type RectificationOrderState,
  DEPARTMENTS,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { orderQuery } from '@app/read-models';
import { Clock } from '@app/platform';
import { orderSummary } from '../rectification-orders/queries/order.view';
import type { LedgerQueryDto } from './ledger.dto';
import {
  DUE_SOON_DAYS,
  latestProgress,
  ledgerCompletion,
  ledgerCompletionLabels,
  ledgerDaysOverdue,
  ledgerTimeliness,
  ledgerTimelinessLabels,
  type LedgerTimeliness,
} from './ledger.layout';

/** The most rows one export carries; a city's ledger is a few thousand orders at most. */
export const MAX_EXPORT_ROWS = 20000;

/** One department of the cockpit's league table (GET /api/v1/ledger/overview). */
export interface LedgerDepartmentStat {
  id: string;
  nameZh: string;
  nameEn: string;
  open: number;
  overdue: number;
  closed: number;
  onTimeRateOriginal: number | null;
  onTimeRateCurrent: number | null;
  avgDaysOverdue: number;
  openEscalationsByLevel: Record<string, number> | null;
}

/** A deadline of the next 30 days on the cockpit (GET /api/v1/ledger/overview). */
export interface LedgerDeadline {
  subjectType: 'RECTIFICATION_ORDER' | 'KEY_PROJECT';
  subjectId: string;
  subjectCode: string;
  subjectName: string;
  department: string | null;
  kind: 'ORDER_DEADLINE' | 'MEASURE' | 'MILESTONE';
  dueDate: string;
  originalDueDate: string | null;
  timeliness: 'OVERDUE' | 'DUE_SOON';
  doneOn: string | null;
}

export interface LedgerRow {
  id: string;
  state: RectificationOrderState;
  isSample: boolean;
  updatedAt: Date;
  timeliness: LedgerTimeliness;
}

/**
 * The orders ledger (台账) read from the orders read model. The same filtered set feeds the screen and
 * the .xlsx export, so an export carries exactly the rows the user filtered.
 */
@Injectable()
export class LedgerService {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Every order matching the filters (timeliness included), sorted; no paging. */
  async rows(filter: LedgerQueryDto, actor?: Actor): Promise<LedgerRow[]> {
    // ORD-READ-1: a reader sees of a petition case they may not read only that it exists.
    const scope = actor ? { petitionTextOf: petitionTextScope(actor) } : {};
    const { where, orderBy, params } = orderQuery({ ...filter, ...scope });
    const { rows } = await this.pool.query<{ id: string; state: RectificationOrderState; is_sample: boolean; updated_at: Date }>(
      `SELECT id, state, is_sample, updated_at FROM read_models.rectification_orders ${where} ${orderBy} LIMIT ${MAX_EXPORT_ROWS}`,
      params,
    );
    const today = this.today();
    return rows
      .map((r) => ({
        id: r.id,
        state: actor ? orderStateFor(actor, r.state) : r.state,
        isSample: r.is_sample,
        updatedAt: r.updated_at,
        timeliness: ledgerTimeliness(r.state, today),
      }))
      .filter((r) => !filter.timeliness || r.timeliness === filter.timeliness);
  }

  async page(filter: LedgerQueryDto, actor: Actor) {
    const all = await this.rows(filter, actor);
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const today = this.today();
    const first = (page - 1) * pageSize;
    return {
      items: all.slice(first, first + pageSize).map((r, i) => {
        const completion = ledgerCompletion(r.state, today);
        return {
          ...orderSummary(r.id, r.state),
          index: first + i + 1,
          isSample: r.isSample,
          updatedAt: r.updatedAt.toISOString(),
          timeliness: r.timeliness,
          timelinessLabel: ledgerTimelinessLabels[r.timeliness],
          latestProgress: latestProgress(r.state) || null,
          completion,
          completionLabel: ledgerCompletionLabels[completion],
          daysOverdue: ledgerDaysOverdue(r.state, today),
        };
      }),
      total: all.length,
      page,
      pageSize,
      today,
    };
  }

  /** Distinct batches, for the ledger's batch filter. */
  async batches(): Promise<string[]> {
    const { rows } = await this.pool.query<{ batch: string }>(`SELECT DISTINCT batch FROM read_models.rectification_orders ORDER BY batch`);
    return rows.map((r) => r.batch);
  }

  /** The orders of these codes, by code (an import updates them). */
  async ordersByCode(codes: string[]): Promise<Map<string, { id: string; state: RectificationOrderState }>> {
    if (codes.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; code: string; state: RectificationOrderState }>(
      `SELECT id, code, state FROM read_models.rectification_orders WHERE code = ANY ($1)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, state: r.state }]));
  }

  /**
   * Cockpit figures computed from the orders and key-project read models: the department league
   * table, overdue orders by department and month, and the deadlines of the next 30 days. The
   * department figures are counted by the one definition (docs/figures.md), as GET /departments's are.
   */
  async overview(actor?: Actor) {
    const today = this.today();
    const horizon = addDays(today, 30);
    // Counts include every order; names and measures of petition cases only for their readers (ORD-READ-1).
    const all = await this.rows({}, actor);
    const byDept = new Map<string, DepartmentOrderFigures>();
    const dept = (id: string) => byDept.get(id) ?? byDept.set(id, emptyDepartmentFigures()).get(id)!;
    const overdueByMonth: { [department: string]: { [month: string]: number } } = {};
    const deadlines: LedgerDeadline[] = [];
    for (const { id, state: s, timeliness } of all) {
      const lead = s.leadDepartment ?? 'unassigned';
      countOrder(dept(lead), s, today);
      if ((timeliness === 'OVERDUE' || timeliness === 'DONE_LATE') && s.currentDeadline) {
        const month = s.currentDeadline.slice(0, 7);
        (overdueByMonth[lead] ??= {})[month] = (overdueByMonth[lead][month] ?? 0) + 1;
      }
      const subject = {
        subjectType: 'RECTIFICATION_ORDER' as const,
        subjectId: id,
        subjectCode: s.code,
        subjectName: s.finding,
        department: s.leadDepartment,
      };
      if (s.status !== 'CLOSED' && s.currentDeadline && s.currentDeadline <= horizon) {
        deadlines.push({
          ...subject,
          kind: 'ORDER_DEADLINE',
          dueDate: s.currentDeadline,
          originalDueDate: s.originalDeadline,
          timeliness: s.currentDeadline < today ? 'OVERDUE' : 'DUE_SOON',
          doneOn: null,
        });
      }
      for (const m of s.measures) {
        if (m.status === 'OPEN' && m.dueDate >= today && m.dueDate <= horizon) {
          deadlines.push({
            ...subject,
            subjectName: `${s.code}：${m.description}`,
            kind: 'MEASURE',
            dueDate: m.dueDate,
            originalDueDate: m.dueDate,
            timeliness: 'DUE_SOON',
            doneOn: null,
          });
        }
      }
    }
    const { rows: projects } = await this.pool.query<{
      id: string;
      code: string;
      name: string;
      lead_department: string | null;
      status: string;
      milestones: Array<{
        milestoneId: string;
        name: string;
        baselineDate: string | null;
        originalBaselineDate: string | null;
        achievedOn: string | null;
      }>;
    }>(
      `SELECT id, code, name, lead_department, status, milestones FROM read_models.key_projects
       WHERE status NOT IN ('CANCELLED', 'ACCEPTED', 'COMPLETED') AND NOT awaiting_assignment`,
    );
    for (const p of projects) {
      for (const m of p.milestones ?? []) {
        if (!m.achievedOn && m.baselineDate && m.baselineDate >= today && m.baselineDate <= horizon) {
          deadlines.push({
            subjectType: 'KEY_PROJECT',
            subjectId: p.id,
            subjectCode: p.code,
            subjectName: `${p.name}：${m.name}`,
            department: p.lead_department,
            kind: 'MILESTONE',
            dueDate: m.baselineDate,
            originalDueDate: m.originalBaselineDate,
            timeliness: 'DUE_SOON',
            doneOn: null,
          });
        }
      }
    }
    deadlines.sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)));
    const names = new Map(DEPARTMENTS.map((d) => [d.id, d]));
    const rate = figureRate;
    const departments = [...byDept.entries()].map(([id, d]): LedgerDepartmentStat => ({
      id,
      nameZh: names.get(id)?.nameZh ?? (id === 'unassigned' ? '尚未交办' : id),
      nameEn: names.get(id)?.nameEn ?? id,
      open: d.open,
      overdue: d.overdue,
      closed: d.closed,
      onTimeRateOriginal: rate(d.onTimeOriginal, d.closedWithDeadline),
      onTimeRateCurrent: rate(d.onTimeCurrent, d.closedWithDeadline),
      avgDaysOverdue: averageDaysOverdue(d) ?? 0,
      openEscalationsByLevel: null,
    }));
    departments.sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.nameZh.localeCompare(b.nameZh, 'zh'));
    return {
      today,
      dueSoonDays: DUE_SOON_DAYS,
      departments,
      overdueByMonth,
      deadlines: { items: deadlines, total: deadlines.length, from: today, to: horizon },
      awaitingAssignment: await this.awaitingAssignment(),
    };
  }

  /** The plan items no department answers for yet (待交办), oldest registration first: the supervision office's to assign. */
  private async awaitingAssignment() {
    const { rows } = await this.pool.query<{
      id: string;
      code: string;
      name: string;
      planItemKind: string;
      source: string | null;
      registeredAt: Date | null;
    }>(
      `SELECT id, code, name, plan_item_kind AS "planItemKind", source, registered_at AS "registeredAt"
       FROM read_models.key_projects WHERE awaiting_assignment ORDER BY registered_at, code COLLATE "C"`,
    );
    return { count: rows.length, items: rows.map((r) => ({ ...r, registeredAt: r.registeredAt?.toISOString() ?? null })) };
  }
}
