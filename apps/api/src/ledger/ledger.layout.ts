import {
  daysBetween,
  deadlineKindLabels,
  orderSourceLabels,
  orderStatusLabels,
  orderStatusLabel,
  sectorLabels,
  type DeadlineKind,
  type OrderSector,
  type OrderSource,
  type OrderStatus,
  type RectificationOrderState,
  DEPARTMENTS,
  ERASED_PLACEHOLDER,
  DUE_SOON_DAYS,
  ORDER_TIMELINESS,
  orderTimeliness,
  orderTimelinessLabels,
  type OrderTimeliness,
} from '@app/domain';

/** Timeliness of an order in the ledger: the one definition of libs/domain (docs/figures.md). */
export type LedgerTimeliness = OrderTimeliness;
export const LEDGER_TIMELINESS = ORDER_TIMELINESS;
export const ledgerTimelinessLabels = orderTimelinessLabels;
export { DUE_SOON_DAYS };

/** 完成情况, as city ledgers report it. */
export type LedgerCompletion = 'COMPLETED' | 'BASICALLY_COMPLETED' | 'ON_SCHEDULE' | 'BEHIND_SCHEDULE';
export const ledgerCompletionLabels: Record<LedgerCompletion, string> = {
  COMPLETED: '已完成',
  BASICALLY_COMPLETED: '基本完成',
  ON_SCHEDULE: '达到序时进度',
  BEHIND_SCHEDULE: '未达序时进度',
};

export function departmentName(id: string | null | undefined): string {
  if (!id) return '';
  return DEPARTMENTS.find((d) => d.id === id)?.nameZh ?? id;
}

/** A department by its id or its Chinese name (as exported), or undefined. */
export function departmentByIdOrName(value: string): string | undefined {
  const v = value.trim();
  return DEPARTMENTS.find((d) => d.id === v || d.nameZh === v)?.id;
}

/** Labels compare without their quotation marks: a sheet typed with "" or with “” reads the same. */
const unquoted = (s: string) => s.replace(/["“”]/g, '');

export function byLabel<K extends string>(labels: Record<K, string>, value: string): K | undefined {
  const v = unquoted(value.trim());
  const entries = Object.entries(labels) as Array<[K, string]>;
  return entries.find(([code, label]) => code === v || unquoted(label) === v)?.[0];
}

export const sourceByLabel = (v: string): OrderSource | undefined => byLabel(orderSourceLabels, v);
export const deadlineKindByLabel = (v: string): DeadlineKind | undefined => byLabel(deadlineKindLabels, v);
export const sectorByLabel = (v: string): OrderSector | undefined => byLabel(sectorLabels, v);
// A concluded petition case is exported as 已办结 (ORD-PET-6): its status is CLOSED. Sheets exported
// before the status was named 退回重新整改 say 已重新打开.
export const statusByLabel = (v: string): OrderStatus | undefined =>
  v.trim() === '已办结' ? 'CLOSED' : v.trim() === '已重新打开' ? 'REOPENED' : byLabel(orderStatusLabels, v);

export type LedgerCellType = 'text' | 'date' | 'number';

/**
 * The spreadsheet layout (one row per order), shared by export and import. `input` columns are read
 * on import: for a new code they make the order (补录 when 下达日期 lies in the past); for an existing
 * one each changed cell becomes its command (LEDGER_UPDATES in order-import.service.ts) or a row error.
 * The other columns describe the order now and are not read. `required` columns must be in the header.
 */
export const LEDGER_COLUMNS = [
  { key: 'index', header: '序号', width: 6, input: false, required: false, type: 'number' },
  { key: 'code', header: '任务编码', width: 22, input: true, required: true, type: 'text' },
  { key: 'source', header: '问题来源', width: 16, input: true, required: true, type: 'text' },
  { key: 'batch', header: '批次', width: 26, input: true, required: true, type: 'text' },
  { key: 'finding', header: '督察意见（问题）', width: 44, input: true, required: true, type: 'text' },
  { key: 'sector', header: '问题领域', width: 18, input: true, required: false, type: 'text' },
  { key: 'target', header: '整改目标', width: 36, input: true, required: true, type: 'text' },
  { key: 'deadlineKind', header: '时限类型', width: 12, input: true, required: true, type: 'text' },
  { key: 'issuedOn', header: '下达日期', width: 13, input: true, required: false, type: 'date' },
  { key: 'originalDeadline', header: '整改时限', width: 13, input: true, required: false, type: 'date' },
  { key: 'currentDeadline', header: '现行时限', width: 13, input: true, required: false, type: 'date' },
  {
    key: 'measures',
    header: '整改措施（每行一条：完成时限 措施；已完成的在末尾注明“（已完成 YYYY-MM-DD）”）',
    width: 52,
    input: true,
    required: false,
    type: 'text',
  },
  { key: 'leadDepartment', header: '牵头单位', width: 24, input: true, required: false, type: 'text' },
  { key: 'cooperatingDepartments', header: '配合单位（以、分隔）', width: 30, input: true, required: false, type: 'text' },
  { key: 'acceptanceDepartment', header: '验收单位', width: 24, input: true, required: false, type: 'text' },
  { key: 'responsiblePerson', header: '责任人', width: 18, input: true, required: false, type: 'text' },
  { key: 'leaderInCharge', header: '责任领导（包保市领导）', width: 20, input: true, required: false, type: 'text' },
  { key: 'progress', header: '整改进展', width: 40, input: true, required: false, type: 'text' },
  { key: 'caseNumber', header: '信访件编号', width: 14, input: true, required: false, type: 'text' },
  { key: 'forwardedOn', header: '转办日期', width: 13, input: true, required: false, type: 'date' },
  { key: 'status', header: '状态', width: 12, input: true, required: false, type: 'text' },
  { key: 'completion', header: '完成情况', width: 14, input: false, required: false, type: 'text' },
  { key: 'daysOverdue', header: '逾期天数', width: 10, input: false, required: false, type: 'number' },
  { key: 'timeliness', header: '及时性', width: 16, input: false, required: false, type: 'text' },
  { key: 'closedOn', header: '销号日期', width: 13, input: false, required: false, type: 'date' },
  { key: 'backfill', header: '补录', width: 26, input: false, required: false, type: 'text' },
  { key: 'id', header: '系统编号', width: 38, input: false, required: false, type: 'text' },
] as const satisfies ReadonlyArray<{
  key: string;
  header: string;
  width: number;
  input: boolean;
  required: boolean;
  type: LedgerCellType;
}>;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];

export const ledgerTimeliness = orderTimeliness;

/** 已完成 when closed, 基本完成 once acceptance is requested, else whether the order keeps to its dates (序时进度). */
export function ledgerCompletion(s: RectificationOrderState, today: string): LedgerCompletion {
  if (s.status === 'CLOSED') return 'COMPLETED';
  if (s.status === 'ACCEPTANCE_REQUESTED' || s.status === 'ACCEPTED' || s.status === 'IN_PUBLIC_NOTICE') return 'BASICALLY_COMPLETED';
  const late =
    (s.currentDeadline !== null && s.currentDeadline < today) ||
    s.measures.some((m) => m.status === 'OPEN' && m.dueDate < today) ||
    (s.periodicReportDueOn !== null && s.periodicReportDueOn < today);
  return late ? 'BEHIND_SCHEDULE' : 'ON_SCHEDULE';
}

/** Days past the current deadline: until today while open, until closing once closed; null when not late. */
export function ledgerDaysOverdue(
  s: Pick<RectificationOrderState, 'status' | 'currentDeadline' | 'closedOn'>,
  today: string,
): number | null {
  if (!s.currentDeadline) return null;
  const end = s.status === 'CLOSED' ? s.closedOn : today;
  if (!end) return null;
  const days = daysBetween(s.currentDeadline, end);
  return days > 0 ? days : null;
}

/** The latest progress report's text (整改进展), '' when none. */
export function latestProgress(s: RectificationOrderState): string {
  return s.progressReports.at(-1)?.summary ?? '';
}

const DONE_MARK = (completedOn: string) => `（已完成 ${completedOn}）`;

/** One measure as a line of the 整改措施 cell. */
export function measureLine(m: RectificationOrderState['measures'][number]): string {
  return `${m.dueDate} ${m.description}${m.status === 'DONE' && m.completedOn ? DONE_MARK(m.completedOn) : ''}`;
}

export type LedgerValue = string | number | null;

/** One spreadsheet row of an order, in LEDGER_COLUMNS order; dates as YYYY-MM-DD (written as date cells). */
export function ledgerRow(index: number, id: string, s: RectificationOrderState, today: string): Record<LedgerColumnKey, LedgerValue> {
  return {
    index,
    code: s.code,
    source: s.source ? orderSourceLabels[s.source] : '',
    batch: s.batch,
    finding: s.finding,
    sector: s.sector ? sectorLabels[s.sector] : '',
    target: s.target,
    deadlineKind: s.deadlineKind ? deadlineKindLabels[s.deadlineKind] : '',
    issuedOn: s.issuedOn,
    originalDeadline: s.originalDeadline,
    currentDeadline: s.currentDeadline,
    measures: s.measures.map(measureLine).join('\n'),
    leadDepartment: departmentName(s.leadDepartment),
    cooperatingDepartments: s.cooperatingDepartments.map(departmentName).join('、'),
    acceptanceDepartment: departmentName(s.acceptanceDepartment),
    // Revealed before (a reference still here would be shown as erased, never as its id).
    responsiblePerson:
      s.responsiblePerson === null ? '' : typeof s.responsiblePerson === 'string' ? s.responsiblePerson : ERASED_PLACEHOLDER,
    leaderInCharge: s.leaderInCharge ?? '',
    progress: latestProgress(s),
    caseNumber: s.petition?.caseNumber ?? '',
    forwardedOn: s.petition?.forwardedOn ?? null,
    status: orderStatusLabel(s) ?? '',
    completion: ledgerCompletionLabels[ledgerCompletion(s, today)],
    daysOverdue: ledgerDaysOverdue(s, today),
    timeliness: ledgerTimelinessLabels[ledgerTimeliness(s, today)],
    closedOn: s.closedOn,
    backfill: s.backfill ? `补录（${s.backfill.enteredByName}，${s.backfill.enteredOn}）` : '',
    id,
  };
}
