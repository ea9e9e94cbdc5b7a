import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BatchRefused, CommandExecutor, rectificationOrders, type BatchItem, type CommandMeta } from '@app/commands';
import {
  DomainError,
  isValidCalendarDate,
  shanghaiDate,
  type BackfillStatus,
  type MeasurePlan,
  type OrderAssignment,
  type RectificationOrderCommand,
  type RectificationOrderState,
  type PersonalText,
} from '@app/domain';
import { Clock, ProblemException } from '@app/platform';
import { cellText } from './ledger-xlsx';
import {
  deadlineKindByLabel,
  departmentByIdOrName,
  departmentName,
  latestProgress,
  LEDGER_COLUMNS,
  sectorByLabel,
  sourceByLabel,
  statusByLabel,
  type LedgerColumnKey,
} from './ledger.layout';
import { PersonalDataProtector } from '../personal-data/personal-data.protector';
import { LedgerService } from './ledger.service';
import { readSpreadsheet } from './safe-xlsx';

export const MAX_IMPORT_ROWS = 1000;

export interface RowError {
  /** The spreadsheet row number. */
  row: number;
  /** The column header, or 业务规则 for a refusal of the domain. */
  field: string;
  messages: string[];
}

interface PlannedOrder extends BatchItem<RectificationOrderCommand> {
  row: number;
  code: string;
  change: 'NEW' | 'BACKFILL' | 'UPDATE';
}

const header = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.header])) as Record<LedgerColumnKey, string>;
const MEASURE_LINE =
  /^(\d{4}-\d{1,2}-\d{1,2})[\s\u3000]*[：:、，,]?[\s\u3000]*(.+?)(?:[\s\u3000]*[（(]已完成[\s\u3000]*(\d{4}-\d{1,2}-\d{1,2})[）)])?$/;
const padDate = (raw: string) => raw.replace(/-(\d)(?=-|$)/g, '-0$1');

/** The columns an existing order's row may not change: no command changes them. */
const FIXED_COLUMNS: Array<{ key: LedgerColumnKey; of: (s: RectificationOrderState) => string; why: string }> = [
  { key: 'source', of: (s) => s.source ?? '', why: '问题来源' },
  { key: 'batch', of: (s) => s.batch, why: '批次' },
  { key: 'finding', of: (s) => s.finding, why: '督察意见' },
  { key: 'sector', of: (s) => s.sector ?? '', why: '问题领域' },
  { key: 'target', of: (s) => s.target, why: '整改目标' },
  { key: 'deadlineKind', of: (s) => s.deadlineKind ?? '', why: '时限类型' },
  { key: 'issuedOn', of: (s) => s.issuedOn ?? '', why: '下达日期' },
  { key: 'caseNumber', of: (s) => s.petition?.caseNumber ?? '', why: '信访件编号' },
  { key: 'forwardedOn', of: (s) => s.petition?.forwardedOn ?? '', why: '转办日期' },
];

interface ParsedMeasure extends MeasurePlan {
  completedOn: string | null;
}

/** One data row read and checked: its cells as values of the domain, and the errors found on the way. */
class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: Record<string, unknown>,
    private readonly headers: Set<string>,
  ) {}

  has(key: LedgerColumnKey): boolean {
    return this.headers.has(header[key]);
  }

  fail(key: LedgerColumnKey | '业务规则', message: string): void {
    const field = key === '业务规则' ? key : header[key];
    const found = this.errors.find((e) => e.field === field);
    if (found) found.messages.push(message);
    else this.errors.push({ row: this.row, field, messages: [message] });
  }

  text(key: LedgerColumnKey): string {
    return cellText(this.cells[header[key]]);
  }

  date(key: LedgerColumnKey): string | null {
    const raw = this.text(key);
    if (raw === '') return null;
    const normalized = padDate(raw.replace(/[./年月]/g, '-').replace(/日$/, ''));
    if (!isValidCalendarDate(normalized)) {
      this.fail(key, `“${raw}”不是有效日期，请写成 YYYY-MM-DD`);
      return null;
    }
    return normalized;
  }

  department(key: 'leadDepartment' | 'acceptanceDepartment'): string | null {
    const raw = this.text(key);
    if (!raw) return null;
    const id = departmentByIdOrName(raw);
    if (!id) this.fail(key, `“${raw}”不是已登记的责任单位，请使用单位全称（见“责任单位列表”）`);
    return id ?? null;
  }

  cooperating(): string[] {
    const ids: string[] = [];
    for (const name of this.text('cooperatingDepartments')
      .split(/[、,，;；\n]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const id = departmentByIdOrName(name);
      if (id) ids.push(id);
      else this.fail('cooperatingDepartments', `“${name}”不是已登记的责任单位`);
    }
    return ids;
  }

  measures(): ParsedMeasure[] {
    const parsed: ParsedMeasure[] = [];
    this.text('measures')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .forEach((line, i) => {
        const m = MEASURE_LINE.exec(line);
        const due = m ? padDate(m[1]) : '';
        const completedOn = m?.[3] ? padDate(m[3]) : null;
        if (!m || !isValidCalendarDate(due) || (completedOn !== null && !isValidCalendarDate(completedOn))) {
          this.fail(
            'measures',
            `第 ${i + 1} 条“${line.slice(0, 30)}”格式应为“YYYY-MM-DD 措施内容”，已完成的在末尾加“（已完成 YYYY-MM-DD）”`,
          );
          return;
        }
        parsed.push({ measureId: `M${i + 1}`, description: m[2].trim(), dueDate: due, completedOn });
      });
    return parsed;
  }

  assignment(): OrderAssignment | null {
    const leadDepartment = this.department('leadDepartment');
    const acceptanceDepartment = this.department('acceptanceDepartment');
    const cooperatingDepartments = this.cooperating();
    const responsiblePerson = this.text('responsiblePerson') || null;
    const leaderInCharge = this.text('leaderInCharge') || null;
    const named = Boolean(
      this.text('leadDepartment') || this.text('acceptanceDepartment') || cooperatingDepartments.length || responsiblePerson,
    );
    if (!named) return null;
    if (!this.text('leadDepartment')) this.fail('leadDepartment', '填写了配合单位、验收单位或责任人时，须同时填写牵头单位');
    if (!leadDepartment) return null;
    return { leadDepartment, cooperatingDepartments, acceptanceDepartment, responsiblePerson, leaderInCharge };
  }
}

/**
 * Import of the ledger in the export's layout, all or nothing, through the command path as one batch
 * with the caller's authority:
 * - a new code is a new order: issued today (and assigned where the row names departments), or, when
 *   下达日期 lies in the past, registered by 补录 with its status (已下达 / 已交办 / 整改中), progress and
 *   completed measures;
 * - an existing code updates that order: each changed cell becomes the command that makes it true
 *   (整改进展 → ReportOrderProgress, a measure marked 已完成 → CompleteMeasure, the departments and persons →
 *   AssignOrder or ReassignOrder); a change no command makes is an error of its row;
 * - an unchanged row sends nothing, so an exported file imported again changes nothing.
 */
@Injectable()
export class OrderImportService {
  constructor(
    private readonly commands: CommandExecutor,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
    private readonly personal: PersonalDataProtector,
  ) {}

  /** Responsible persons of the commands as personal-data references (ORD-PII-1); unchanged names keep their reference. */
  private async protect(planned: PlannedOrder[], stored: Map<string, { id: string; state: RectificationOrderState }>): Promise<void> {
    for (const p of planned) {
      const current = stored.get(p.code)?.state.responsiblePerson ?? null;
      const protectAssignment = async <A extends { responsiblePerson: PersonalText | null }>(a: A): Promise<A> =>
        typeof a.responsiblePerson === 'string'
          ? { ...a, responsiblePerson: await this.personal.responsiblePerson(p.id, a.responsiblePerson, current) }
          : a;
      const commands: RectificationOrderCommand[] = [];
      for (const c of p.commands) {
        if (c.type === 'AssignOrder' || c.type === 'ReassignOrder') commands.push(await protectAssignment(c));
        else if (c.type === 'BackfillOrder' && c.assignment) commands.push({ ...c, assignment: await protectAssignment(c.assignment) });
        else commands.push(c);
      }
      p.commands = commands;
    }
  }

  async import(file: Buffer, meta: CommandMeta) {
    let sheet: Awaited<ReturnType<typeof readSpreadsheet>>;
    try {
      sheet = await readSpreadsheet(file, { maxRows: MAX_IMPORT_ROWS, keyHeader: header.code });
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      throw new ProblemException(
        422,
        'IMPORT_UNREADABLE',
        'Unprocessable Content',
        '无法读取该文件：请上传 .xlsx 格式的 Excel 表格（可先导出台账作为模板）',
      );
    }
    const missing = LEDGER_COLUMNS.filter((c) => c.required && !sheet.headers.includes(c.header)).map((c) => c.header);
    if (missing.length > 0) {
      throw invalid(`表头与台账格式不一致，缺少列：${missing.join('、')}。请以导出的台账为模板填写。`, [
        { row: sheet.headerRow, field: '表头', messages: [`缺少列：${missing.join('、')}`] },
      ]);
    }
    const firstRow = sheet.headerRow + 1;
    if (sheet.rows.length === 0) throw invalid('表格中没有可导入的数据行', [{ row: firstRow, field: '全部', messages: ['没有数据行'] }]);
    if (sheet.rows.length > MAX_IMPORT_ROWS) {
      throw invalid(`一次最多导入 ${MAX_IMPORT_ROWS} 行，本表有 ${sheet.rows.length} 行，请分批导入`, []);
    }

    const today = shanghaiDate(this.clock.now());
    const headers = new Set(sheet.headers);
    const stored = await this.ledger.ordersByCode(sheet.rows.map((r) => cellText(r.cells[header.code])).filter(Boolean));
    // Compared as the export shows them: personal data revealed (or “（已依法删除）”), so an unchanged export is a no-op.
    const existing = new Map(
      await Promise.all([...stored].map(async ([code, o]) => [code, { id: o.id, state: await this.personal.reveal(o.state) }] as const)),
    );
    const errors: RowError[] = [];
    const planned: PlannedOrder[] = [];
    const seen = new Map<string, number>();

    for (const { row, cells } of sheet.rows) {
      const reader = new RowReader(row, cells, headers);
      const code = reader.text('code');
      if (code && seen.has(code)) reader.fail('code', `与第 ${seen.get(code)} 行的任务编码重复`);
      seen.set(code, row);
      const order = existing.get(code);
      const item = order ? updateOf(reader, order.id, order.state, today) : newOrderOf(reader, today);
      if (item && reader.errors.length === 0 && item.commands.length > 0) planned.push({ ...item, row, code });
      errors.push(...reader.errors);
    }

    if (errors.length === 0) await this.protect(planned, stored);
    // The rows that parsed are decided even when others did not, so one answer lists every error.
    const decided = await this.commands
      .executeBatch(rectificationOrders, planned, meta, { dryRun: errors.length > 0 })
      .catch((error: unknown) => {
        if (!(error instanceof BatchRefused)) throw error;
        for (const { index, error: refusal } of error.failures) errors.push(ruleError(planned[index].row, refusal));
        return null;
      });
    if (errors.length > 0 || !decided) {
      const rows = [...new Set(errors.map((e) => e.row))].sort((a, b) => a - b);
      throw invalid(
        `导入失败，未写入任何数据：第 ${rows.join('、')} 行有错误（共 ${errors.length} 处）。请修改后重新导入整个文件。`,
        errors.sort((a, b) => a.row - b.row),
      );
    }
    const count = (change: PlannedOrder['change']) => planned.filter((p) => p.change === change).length;
    return {
      imported: count('NEW') + count('BACKFILL'),
      backfilled: count('BACKFILL'),
      updated: count('UPDATE'),
      unchanged: sheet.rows.length - planned.length,
      position: decided.position,
      items: planned.map((p) => ({ row: p.row, id: p.id, code: p.code, change: p.change, commands: p.commands.map((c) => c.type) })),
    };
  }
}

/** A new code: IssueOrder (+ AssignOrder) today, or BackfillOrder (+ its progress and completed measures) for a past 下达日期. */
function newOrderOf(r: RowReader, today: string): Omit<PlannedOrder, 'row' | 'code'> | null {
  for (const c of LEDGER_COLUMNS) {
    if (c.input && c.required && r.text(c.key) === '') r.fail(c.key, '必填');
  }
  const sourceText = r.text('source');
  const source = sourceText ? sourceByLabel(sourceText) : undefined;
  if (sourceText && !source) {
    r.fail('source', `“${sourceText}”不是有效的问题来源（中央督察、“回头看”、省级督察、督察转办信访件、专项行动、自查发现）`);
  }
  const kindText = r.text('deadlineKind');
  const deadlineKind = kindText ? deadlineKindByLabel(kindText) : undefined;
  if (kindText && !deadlineKind) r.fail('deadlineKind', `“${kindText}”不是有效的时限类型（立行立改、限期整改、长期坚持）`);
  const sectorText = r.text('sector');
  const sector = sectorText ? (sectorByLabel(sectorText) ?? null) : null;
  if (sectorText && !sector) r.fail('sector', `“${sectorText}”不是有效的问题领域`);
  const deadline = r.date('originalDeadline');
  const forwardedOn = r.date('forwardedOn');
  const issuedOn = r.date('issuedOn');
  const measures = r.measures();
  const assignment = r.assignment();
  if (assignment && !assignment.acceptanceDepartment && !sector) {
    r.fail('acceptanceDepartment', '交办时须填写验收单位，或填写问题领域以按“谁主管谁验收”确定验收单位');
  }
  if (issuedOn && issuedOn > today) r.fail('issuedOn', `下达日期（${issuedOn}）不能晚于今天（${today}）`);
  if (r.errors.length > 0 || !source || !deadlineKind) return null;

  const orderId = randomUUID();
  const issue = {
    orderId,
    code: r.text('code'),
    source,
    batch: r.text('batch'),
    finding: r.text('finding'),
    target: r.text('target'),
    sector,
    deadlineKind,
    deadline,
    measures: measures.map(({ measureId, description, dueDate }) => ({ measureId, description, dueDate })),
    petition:
      source === 'PETITION' || forwardedOn ? (forwardedOn ? { forwardedOn, caseNumber: r.text('caseNumber') || null } : null) : null,
  };
  if (!issuedOn || issuedOn === today) {
    if (measures.some((m) => m.completedOn) || r.text('progress')) {
      r.fail('业务规则', '新下达的任务尚未开始整改，不能同时填写整改进展或已完成的措施；已在办理中的任务请填写原下达日期按补录导入');
      return null;
    }
    const commands: RectificationOrderCommand[] = [{ type: 'IssueOrder', ...issue }];
    if (assignment) commands.push({ type: 'AssignOrder', ...assignment });
    return { id: orderId, commands, change: 'NEW' };
  }

  const statusText = r.text('status');
  const status = backfillStatus(statusText, assignment !== null);
  if (!status) {
    r.fail('status', `补录的任务状态只能是“已下达”“已交办”或“整改中”，不能是“${statusText}”`);
    return null;
  }
  const commands: RectificationOrderCommand[] = [{ type: 'BackfillOrder', ...issue, issuedOn, status, assignment, startedOn: null }];
  if (status === 'IN_PROGRESS') {
    for (const m of measures.filter((x) => x.completedOn)) {
      commands.push({ type: 'CompleteMeasure', measureId: m.measureId, completedOn: m.completedOn as string, note: '台账补录' });
    }
    if (r.text('progress'))
      commands.push({ type: 'ReportOrderProgress', reportId: randomUUID(), summary: r.text('progress'), percentComplete: null });
  } else if (measures.some((m) => m.completedOn) || r.text('progress')) {
    r.fail('status', '已完成的措施和整改进展只能随“整改中”的任务补录');
  }
  return { id: orderId, commands, change: 'BACKFILL' };
}

function backfillStatus(text: string, assigned: boolean): BackfillStatus | null {
  if (!text) return assigned ? 'ASSIGNED' : 'ISSUED';
  const status = statusByLabel(text);
  return status === 'ISSUED' || status === 'ASSIGNED' || status === 'IN_PROGRESS' ? status : null;
}

const sameList = (a: string[], b: string[]) => [...a].sort().join('|') === [...b].sort().join('|');

/** An existing code: each changed cell as its command, or an error of the row. */
function updateOf(r: RowReader, id: string, s: RectificationOrderState, today: string): Omit<PlannedOrder, 'row' | 'code'> | null {
  const commands: RectificationOrderCommand[] = [];
  for (const fixed of FIXED_COLUMNS) {
    if (!r.has(fixed.key)) continue;
    const cell = fixedCell(r, fixed.key);
    if (cell !== fixed.of(s)) r.fail(fixed.key, `“${fixed.why}”不能通过导入修改（原为“${shown(fixed.key, fixed.of(s))}”）`);
  }
  if (r.has('originalDeadline') && (r.date('originalDeadline') ?? '') !== (s.originalDeadline ?? '')) {
    r.fail('originalDeadline', `原定整改时限（${s.originalDeadline ?? '无'}）不能修改；调整时限请申请延期`);
  }
  if (r.has('currentDeadline') && (r.date('currentDeadline') ?? '') !== (s.currentDeadline ?? '')) {
    r.fail('currentDeadline', `现行时限（${s.currentDeadline ?? '无'}）随延期审批调整，不能在表格中修改；请在系统中申请延期`);
  }
  if (r.has('status') && r.text('status') !== '' && statusByLabel(r.text('status')) !== s.status) {
    r.fail('status', '状态不能在表格中修改，请在系统中办理相应环节');
  }

  if (r.has('leadDepartment')) {
    const next = r.assignment();
    if (next) {
      const changed =
        next.leadDepartment !== s.leadDepartment ||
        !sameList(next.cooperatingDepartments, s.cooperatingDepartments) ||
        (next.acceptanceDepartment !== null && next.acceptanceDepartment !== s.acceptanceDepartment) ||
        (r.has('responsiblePerson') && next.responsiblePerson !== (s.responsiblePerson ?? null)) ||
        (next.leaderInCharge !== null && next.leaderInCharge !== (s.leaderInCharge ?? null));
      if (changed && s.status === 'ISSUED') commands.push({ type: 'AssignOrder', ...next });
      else if (changed)
        commands.push({
          type: 'ReassignOrder',
          ...next,
          acceptanceDepartment: next.acceptanceDepartment ?? s.acceptanceDepartment,
          reason: `台账导入更新（第 ${r.row} 行）`,
        });
    } else if (s.leadDepartment) {
      r.fail('leadDepartment', `牵头单位（${departmentName(s.leadDepartment)}）不能清空；调整请填写新的牵头单位`);
    }
  }

  if (r.has('measures')) {
    const lines = r.measures();
    const sameShape =
      lines.length === s.measures.length &&
      lines.every((l, i) => l.dueDate === s.measures[i].dueDate && l.description === s.measures[i].description);
    if (!sameShape) {
      r.fail('measures', '整改措施的内容和时限须通过整改方案审批调整，不能在表格中修改；表格中只能标注措施“（已完成 YYYY-MM-DD）”');
    } else {
      lines.forEach((l, i) => {
        const m = s.measures[i];
        if (m.status === 'DONE' && l.completedOn !== m.completedOn)
          r.fail('measures', `措施“${m.description}”已于 ${m.completedOn} 完成，完成情况不能修改`);
        if (m.status === 'OPEN' && l.completedOn) {
          if (l.completedOn > today) r.fail('measures', `措施“${m.description}”的完成日期（${l.completedOn}）不能晚于今天`);
          else
            commands.push({
              type: 'CompleteMeasure',
              measureId: m.measureId,
              completedOn: l.completedOn,
              note: `台账导入（第 ${r.row} 行）`,
            });
        }
      });
    }
  }

  if (r.has('progress')) {
    const progress = r.text('progress');
    if (progress === '' && latestProgress(s) !== '') r.fail('progress', '整改进展只能续报，不能清空');
    else if (progress !== latestProgress(s))
      commands.push({ type: 'ReportOrderProgress', reportId: randomUUID(), summary: progress, percentComplete: null });
  }
  return { id, commands, change: 'UPDATE' };
}

/** A fixed column's cell in the code the state keeps (labels back to codes, dates normalized). */
function fixedCell(r: RowReader, key: LedgerColumnKey): string {
  const text = r.text(key);
  if (key === 'source') return sourceByLabel(text) ?? text;
  if (key === 'deadlineKind') return deadlineKindByLabel(text) ?? text;
  if (key === 'sector') return text ? (sectorByLabel(text) ?? text) : '';
  if (key === 'issuedOn' || key === 'forwardedOn') return r.date(key) ?? '';
  return text;
}

function shown(key: LedgerColumnKey, value: string): string {
  return value.length > 20 ? `${value.slice(0, 20)}…` : value || (key === 'sector' ? '未填' : '空');
}

/** A refusal of the command path as the error of its row; a refusal of the caller's authority refuses the whole import (403). */
function ruleError(row: number, refusal: unknown): RowError {
  if (refusal instanceof DomainError) {
    if (refusal.kind === 'forbidden') throw new ProblemException(403, refusal.code, 'Forbidden', refusal.detail);
    return { row, field: '业务规则', messages: [refusal.detail] };
  }
  if (refusal instanceof ProblemException) return { row, field: '业务规则', messages: [refusal.detail] };
  throw refusal;
}

function invalid(detail: string, errors: RowError[]): ProblemException {
  return new ProblemException(422, 'IMPORT_INVALID', 'Unprocessable Content', detail, { errors });
}
