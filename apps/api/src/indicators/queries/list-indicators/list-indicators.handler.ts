import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  departmentName,
  indicatorAssignmentStatusLabels,
  indicatorAttributeLabels,
  indicatorCategoryLabels,
  indicatorDirectionSymbols,
  indicatorStatusLabels,
  reportingFrequencyLabels,
  type IndicatorAssignmentStatus,
  type IndicatorAttribute,
  type IndicatorCategory,
  type IndicatorDirection,
  type IndicatorStatus,
  type ReportingFrequency,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { ListIndicatorsQuery, type IndicatorPage } from './list-indicators.query';

interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  category: IndicatorCategory | null;
  attribute: IndicatorAttribute | null;
  measure: string;
  unit: string | null;
  direction: IndicatorDirection | null;
  reportingFrequency: ReportingFrequency;
  assignmentStatus: IndicatorAssignmentStatus;
  leadDepartment: string | null;
  cooperatingDepartments: string[];
  status: IndicatorStatus;
  baseline: unknown;
  target: unknown;
  latest: unknown;
  latestTrajectory: unknown;
  sparkline: unknown;
  version: number;
  updatedAt: Date;
}

const COLUMNS = `
  id, code, name, category, attribute, measure, unit, direction, reporting_frequency AS "reportingFrequency",
  assignment_status AS "assignmentStatus", lead_department AS "leadDepartment", cooperating_departments AS "cooperatingDepartments",
  status, baseline, target, latest, latest_trajectory AS "latestTrajectory", sparkline, version, updated_at AS "updatedAt"`;

@QueryHandler(ListIndicatorsQuery)
export class ListIndicatorsHandler implements IQueryHandler<ListIndicatorsQuery, IndicatorPage> {
  constructor(@Inject(PG_POOL) private readonly pool: PgPool) {}

  async execute({ filters: f }: ListIndicatorsQuery): Promise<IndicatorPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.attribute === 'NONE') where.push('attribute IS NULL');
    else if (f.attribute) where.push(`attribute = ${param(f.attribute)}`);
    if (f.category === 'NONE') where.push('category IS NULL');
    else if (f.category) where.push(`category = ${param(f.category)}`);
    if (f.status) where.push(`status = ${param(f.status)}`);
    if (f.department === 'unassigned') where.push('lead_department IS NULL');
    else if (f.department) {
      const p = param(f.department);
      where.push(`(lead_department = ${p} OR ${p} = ANY (cooperating_departments))`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const filterParams = [...params];
    const page = `LIMIT ${param(f.pageSize)} OFFSET ${param((f.page - 1) * f.pageSize)}`;
    const [{ rows }, count] = await Promise.all([
      this.pool.query<IndicatorRow>(`SELECT ${COLUMNS} FROM read_models.indicators ${filter} ORDER BY code COLLATE "C" ${page}`, params),
      this.pool.query<{ total: string }>(`SELECT count(*) AS total FROM read_models.indicators ${filter}`, filterParams),
    ]);
    return {
      items: rows.map((r) => ({
        ...r,
        updatedAt: r.updatedAt.toISOString(),
        statusLabel: indicatorStatusLabels[r.status],
        categoryLabel: r.category ? indicatorCategoryLabels[r.category] : null,
        attributeLabel: r.attribute ? indicatorAttributeLabels[r.attribute] : null,
        directionSymbol: r.direction ? indicatorDirectionSymbols[r.direction] : null,
        reportingFrequencyLabel: reportingFrequencyLabels[r.reportingFrequency],
        assignmentStatusLabel: indicatorAssignmentStatusLabels[r.assignmentStatus],
        leadDepartmentName: r.leadDepartment ? departmentName(r.leadDepartment) : null,
      })),
      total: Number(count.rows[0].total),
      page: f.page,
      pageSize: f.pageSize,
    };
  }
}
