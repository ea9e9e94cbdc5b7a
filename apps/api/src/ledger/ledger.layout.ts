import {
  deadlineKindLabels,
  orderSourceLabels,
  orderStatusLabels,
  type DeadlineKind,
  type OrderSource,
  type OrderStatus,
  type RectificationOrderState,
} from '@app/domain';
import { SEED_DEPARTMENTS } from '@app/seed';

/** Timeliness of an order in the ledger, against its current deadline (Asia/Shanghai calendar). */
export type LedgerTimeliness = 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE' | 'DONE_ON_TIME' | 'DONE_LATE' | 'NO_DEADLINE';
export const LEDGER_TIMELINESS: LedgerTimeliness[] = ['ON_TRACK', 'DUE_SOON', 'OVERDUE', 'DONE_ON_TIME', 'DONE_LATE', 'NO_DEADLINE'];
export const ledgerTimelinessLabels: Record<LedgerTimeliness, string> = {
  ON_TRACK: '正常推进',
  DUE_SOON: '临期（30日内到期）',
  OVERDUE: '已逾期',
  DONE_ON_TIME: '按期销号',
  DONE_LATE: '逾期销号',
  NO_DEADLINE: '长期坚持（无时限）',
};
export const DUE_SOON_DAYS = 30;

export function departmentName(id: string | null | undefined): string {
  if (!id) return '';
  return SEED_DEPARTMENTS.find((d) => d.id === id)?.nameZh ?? id;
}

/** A department by its id or its Chinese name (as exported), or undefined. */
export function departmentByIdOrName(value: string): string | undefined {
  const v = value.trim();
  return SEED_DEPARTMENTS.find((d) => d.id === v || d.nameZh === v)?.id;
}

export function byLabel<K extends string>(labels: Record<K, string>, value: string): K | undefined {
  const v = value.trim();
  const entries = Object.entries(labels) as Array<[K, string]>;
  return entries.find(([code, label]) => code === v || label === v)?.[0];
}

export const sourceByLabel = (v: string): OrderSource | undefined => byLabel(orderSourceLabels, v);
export const deadlineKindByLabel = (v: string): DeadlineKind | undefined => byLabel(deadlineKindLabels, v);

/**
 * The spreadsheet layout (one row per order), shared by export and import. `input` columns are read
 * back on import; the others describe the order's current state and are ignored when importing.
 */
export const LEDGER_COLUMNS = [
  { key: 'code', header: '任务编码', width: 22, input: true, required: true },
  { key: 'source', header: '问题来源', width: 16, input: true, required: true },
  { key: 'batch', header: '批次', width: 26, input: true, required: true },
  { key: 'finding', header: '督察意见（问题）', width: 44, input: true, required: true },
  { key: 'target', header: '整改目标', width: 36, input: true, required: true },
  { key: 'deadlineKind', header: '时限类型', width: 12, input: true, required: true },
  { key: 'originalDeadline', header: '整改时限', width: 13, input: true, required: false },
  { key: 'measures', header: '整改措施（每行一条：完成时限 措施）', width: 48, input: true, required: true },
  { key: 'leadDepartment', header: '牵头单位', width: 24, input: true, required: false },
  { key: 'cooperatingDepartments', header: '配合单位（以、分隔）', width: 30, input: true, required: false },
  { key: 'acceptanceDepartment', header: '验收单位', width: 24, input: true, required: false },
  { key: 'responsiblePerson', header: '责任人', width: 18, input: true, required: false },
  { key: 'caseNumber', header: '信访件编号', width: 14, input: true, required: false },
  { key: 'forwardedOn', header: '转办日期', width: 13, input: true, required: false },
  { key: 'currentDeadline', header: '现行时限', width: 13, input: false, required: false },
  { key: 'issuedOn', header: '下达日期', width: 13, input: false, required: false },
  { key: 'status', header: '状态', width: 12, input: false, required: false },
  { key: 'timeliness', header: '及时性', width: 16, input: false, required: false },
  { key: 'closedOn', header: '销号日期', width: 13, input: false, required: false },
  { key: 'id', header: '系统编号', width: 38, input: false, required: false },
] as const;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];

export function ledgerTimeliness(
  s: Pick<RectificationOrderState, 'status' | 'currentDeadline' | 'closedOn'>,
  today: string,
): LedgerTimeliness {
  if (s.status === 'CLOSED') {
    if (!s.currentDeadline || !s.closedOn) return 'DONE_ON_TIME';
    return s.closedOn <= s.currentDeadline ? 'DONE_ON_TIME' : 'DONE_LATE';
  }
  if (!s.currentDeadline) return 'NO_DEADLINE';
  if (s.currentDeadline < today) return 'OVERDUE';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + DUE_SOON_DAYS);
  return s.currentDeadline <= soon.toISOString().slice(0, 10) ? 'DUE_SOON' : 'ON_TRACK';
}

/** One spreadsheet row of an order, in LEDGER_COLUMNS order. */
export function ledgerRow(id: string, s: RectificationOrderState, today: string): Record<LedgerColumnKey, string> {
  return {
    code: s.code,
    source: s.source ? orderSourceLabels[s.source] : '',
    batch: s.batch,
    finding: s.finding,
    target: s.target,
    deadlineKind: s.deadlineKind ? deadlineKindLabels[s.deadlineKind] : '',
    originalDeadline: s.originalDeadline ?? '',
    measures: s.measures.map((m) => `${m.dueDate} ${m.description}`).join('\n'),
    leadDepartment: departmentName(s.leadDepartment),
    cooperatingDepartments: s.cooperatingDepartments.map(departmentName).join('、'),
    acceptanceDepartment: departmentName(s.acceptanceDepartment),
    responsiblePerson: s.responsiblePerson ?? '',
    caseNumber: s.petition?.caseNumber ?? '',
    forwardedOn: s.petition?.forwardedOn ?? '',
    currentDeadline: s.currentDeadline ?? '',
    issuedOn: s.issuedOn ?? '',
    status: s.status ? orderStatusLabels[s.status as OrderStatus] : '',
    timeliness: ledgerTimelinessLabels[ledgerTimeliness(s, today)],
    closedOn: s.closedOn ?? '',
    id,
  };
}
