import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { keyProjectStatusLabelsFor, planItemKindLabels, type PlanItemKind } from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ListKeyProjectsQuery, type KeyProjectPage, type KeyProjectSummary } from './list-key-projects.query';

const SORT_COLUMNS: Record<string, string> = {
  code: 'code COLLATE "C"',
  name: 'name',
  progress: 'progress',
  plannedStart: 'planned_start',
  plannedEnd: 'planned_end',
  status: 'status',
  planBox: 'plan_box',
  updatedAt: 'updated_at',
};

export const KEY_PROJECT_SUMMARY_COLUMNS = `
  id, code, name, kind, plan_box AS "planBox", category, lead_department AS "leadDepartment",
  cooperating_departments AS "cooperatingDepartments", implementing_unit AS "implementingUnit",
  responsible_person AS "responsiblePerson", status, progress::float8 AS progress,
  planned_start::text AS "plannedStart", planned_end::text AS "plannedEnd", investment::float8 AS "plannedInvestment",
  milestones, latest_report AS "latestReport", pending_baseline_changes AS "pendingBaselineChanges",
  version, last_position::text AS "lastPosition", updated_at AS "updatedAt",
  plan_item_kind AS "planItemKind", source, awaiting_assignment AS "awaitingAssignment", registered_at AS "registeredAt"`;

@QueryHandler(ListKeyProjectsQuery)
export class ListKeyProjectsHandler implements IQueryHandler<ListKeyProjectsQuery, KeyProjectPage> {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  async execute({ filters: f }: ListKeyProjectsQuery): Promise<KeyProjectPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.department === 'unassigned') where.push('lead_department IS NULL');
    else if (f.department) {
      const p = param(f.department);
      where.push(`(lead_department = ${p} OR ${p} = ANY (cooperating_departments))`);
    }
    if (f.state) where.push(`status = ${param(f.state)}`);
    if (f.planBox) where.push(`plan_box = ${param(f.planBox)}`);
    if (f.category) where.push(`category = ${param(f.category)}`);
    if (f.kind) where.push(`kind = ${param(f.kind)}`);
    if (f.planItemKind) where.push(`plan_item_kind = ${param(f.planItemKind)}`);
    if (f.awaitingAssignment !== undefined) where.push(f.awaitingAssignment ? 'awaiting_assignment' : 'NOT awaiting_assignment');
    if (f.pendingBaselineChange !== undefined)
      where.push(f.pendingBaselineChange ? 'pending_baseline_changes > 0' : 'pending_baseline_changes = 0');
    if (f.text?.trim()) {
      const escaped = f.text
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(`search LIKE ${param(`%${escaped}%`)}`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const descending = f.sort.startsWith('-');
    const column = SORT_COLUMNS[f.sort.replace(/^-/, '')];
    const order = `${column} ${descending ? 'DESC' : 'ASC'} NULLS LAST, code COLLATE "C" ASC`;

    const filterParams = [...params];
    const page = `LIMIT ${param(f.pageSize)} OFFSET ${param((f.page - 1) * f.pageSize)}`;
    const [{ rows }, count] = await Promise.all([
      this.pool.query<KeyProjectSummary>(
        `SELECT ${KEY_PROJECT_SUMMARY_COLUMNS} FROM read_models.key_projects ${filter} ORDER BY ${order} ${page}`,
        params,
      ),
      this.pool.query<{ total: string }>(`SELECT count(*) AS total FROM read_models.key_projects ${filter}`, filterParams),
    ]);
    return {
      items: rows.map((r) => {
        const kind = r.planItemKind as PlanItemKind;
        return {
          ...r,
          statusLabel: r.awaitingAssignment ? '待交办' : keyProjectStatusLabelsFor(kind)[r.status],
          planItemKindLabel: planItemKindLabels[kind],
        };
      }),
      total: Number(count.rows[0].total),
      page: f.page,
      pageSize: f.pageSize,
    };
  }
}
