import type { DeadlineKind, OrderSource, OrderStatus } from '@app/domain';

/** The filters of the orders ledger (台账): the list, its count and the .xlsx export share them. */
export interface OrderFilter {
  /** A department id: orders it leads or cooperates on. */
  department?: string;
  state?: OrderStatus;
  source?: OrderSource;
  /** Exact batch. */
  batch?: string;
  deadlineKind?: DeadlineKind;
  /** Case-insensitive substring of code, batch, finding, target, responsible person, petition case number. */
  text?: string;
  /**
   * ORD-READ-1: whose petition cases the text may match. Absent: all (the supervision office,
   * leadership); a department id: only those it leads; null: none. So a search cannot tell a reader
   * what a case they may not read says.
   */
  petitionTextOf?: string | null;
  sort?: OrderSort;
  /** Orders awaiting a decision: a pending extension request (延期申请) or a submitted plan (整改方案). */
  awaiting?: OrderAwaiting;
}

export const ORDER_AWAITING = ['EXTENSION', 'PLAN'] as const;
export type OrderAwaiting = (typeof ORDER_AWAITING)[number];

export const ORDER_SORTS = [
  'currentDeadline',
  '-currentDeadline',
  'originalDeadline',
  '-originalDeadline',
  'issuedOn',
  '-issuedOn',
  'code',
  '-code',
  'updatedAt',
  '-updatedAt',
] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

const SORT_COLUMNS: Record<string, string> = {
  currentDeadline: 'current_deadline',
  originalDeadline: 'original_deadline',
  issuedOn: 'issued_on',
  code: 'code',
  updatedAt: 'updated_at',
};

export interface OrderQuery {
  /** `WHERE …` over read_models.rectification_orders, or '' when nothing is filtered. */
  where: string;
  /** `ORDER BY …`, ties broken by code and id so that pages never overlap. */
  orderBy: string;
  params: unknown[];
  /** Adds a parameter (for LIMIT, OFFSET …) and returns its placeholder. */
  param(value: unknown): string;
}

/** The one translation of the ledger's filters into SQL on read_models.rectification_orders. */
export function orderQuery(filter: OrderFilter): OrderQuery {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.department) {
    const p = param(filter.department);
    conditions.push(`(lead_department = ${p} OR ${p} = ANY (cooperating_departments))`);
  }
  if (filter.state) conditions.push(`status = ${param(filter.state)}`);
  if (filter.source) conditions.push(`source = ${param(filter.source)}`);
  if (filter.batch) conditions.push(`batch = ${param(filter.batch)}`);
  if (filter.deadlineKind) conditions.push(`deadline_kind = ${param(filter.deadlineKind)}`);
  if (filter.awaiting === 'EXTENSION') conditions.push(`state->'extensions' @> '[{"status":"PENDING"}]'::jsonb`);
  if (filter.awaiting === 'PLAN') conditions.push(`state->'plans' @> '[{"status":"SUBMITTED"}]'::jsonb`);
  if (filter.text) {
    const escaped = filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(`search_text LIKE ${param(`%${escaped}%`)}`);
    if (filter.petitionTextOf === null) conditions.push(`source IS DISTINCT FROM 'PETITION'`);
    else if (filter.petitionTextOf !== undefined) {
      conditions.push(`(source IS DISTINCT FROM 'PETITION' OR lead_department = ${param(filter.petitionTextOf)})`);
    }
  }
  const key = filter.sort ?? 'currentDeadline';
  const descending = key.startsWith('-');
  const column = SORT_COLUMNS[descending ? key.slice(1) : key];
  return {
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    orderBy: `ORDER BY ${column} ${descending ? 'DESC' : 'ASC'} NULLS LAST, code ASC, id ASC`,
    params,
    param,
  };
}
