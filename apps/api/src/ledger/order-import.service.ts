import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BatchRefused, CommandExecutor, rectificationOrders, type BatchItem, type CommandMeta } from '@app/commands';
import { DomainError, isValidCalendarDate, type RectificationOrderCommand } from '@app/domain';
import { ProblemException } from '@app/platform';
import { cellText } from './ledger-xlsx';
import { deadlineKindByLabel, departmentByIdOrName, LEDGER_COLUMNS, sourceByLabel } from './ledger.layout';
import { LedgerService } from './ledger.service';
import { readSpreadsheet } from './safe-xlsx';

export const MAX_IMPORT_ROWS = 1000;

export interface RowError {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  /** The column header, or 业务规则 for a refusal of the domain. */
  field: string;
  messages: string[];
}

interface PlannedOrder extends BatchItem<RectificationOrderCommand> {
  row: number;
  code: string;
}

const header = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.header])) as Record<(typeof LEDGER_COLUMNS)[number]['key'], string>;
const MEASURE_LINE = /^(\d{4}-\d{1,2}-\d{1,2})[\s\u3000]*[：:、，,]?[\s\u3000]*(.+)$/;

/**
 * Import of new orders from a spreadsheet in the export's layout. Every row is checked first (types,
 * dates, departments), then every order is decided by the command path as one batch (issue, and
 * assign where the row names departments) with the caller's authority; any error rejects the whole
 * file with row-level errors. Only a clean file is written, all orders in one append, so nothing is
 * ever half-imported.
 */
@Injectable()
export class OrderImportService {
  constructor(
    private readonly commands: CommandExecutor,
    private readonly ledger: LedgerService,
  ) {}

  async import(file: Buffer, meta: CommandMeta) {
    let sheet: Awaited<ReturnType<typeof readSpreadsheet>>;
    try {
      sheet = await readSpreadsheet(file, { maxRows: MAX_IMPORT_ROWS });
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      throw new ProblemException(
        422,
        'IMPORT_UNREADABLE',
        'Unprocessable Content',
        '无法读取该文件：请上传 .xlsx 格式的 Excel 表格（可先导出台账作为模板）',
      );
    }
    const missing = LEDGER_COLUMNS.filter((c) => c.input && !sheet.headers.includes(c.header)).map((c) => c.header);
    if (missing.length > 0) {
      throw invalid(`表头与台账格式不一致，缺少列：${missing.join('、')}。请以导出的台账为模板填写。`, [
        { row: 1, field: '表头', messages: [`缺少列：${missing.join('、')}`] },
      ]);
    }
    if (sheet.rows.length === 0) throw invalid('表格中没有可导入的数据行', [{ row: 2, field: '全部', messages: ['没有数据行'] }]);
    if (sheet.rows.length > MAX_IMPORT_ROWS) {
      throw invalid(`一次最多导入 ${MAX_IMPORT_ROWS} 行，本表有 ${sheet.rows.length} 行，请分批导入`, []);
    }

    const errors: RowError[] = [];
    const planned: PlannedOrder[] = [];
    const existing = await this.ledger.existingCodes(sheet.rows.map((r) => cellText(r.cells[header.code])).filter(Boolean));
    const seen = new Map<string, number>();

    for (const { row, cells } of sheet.rows) {
      const rowErrors: RowError[] = [];
      const fail = (field: string, message: string) => {
        const found = rowErrors.find((e) => e.field === field);
        if (found) found.messages.push(message);
        else rowErrors.push({ row, field, messages: [message] });
      };
      const text = (key: keyof typeof header) => cellText(cells[header[key]]);
      const date = (key: keyof typeof header): string | null => {
        const raw = text(key);
        if (raw === '') return null;
        const normalized = raw
          .replace(/[./年月]/g, '-')
          .replace(/日$/, '')
          .replace(/-(\d)(?=-|$)/g, '-0$1');
        if (!isValidCalendarDate(normalized)) {
          fail(header[key], `“${raw}”不是有效日期，请写成 YYYY-MM-DD`);
          return null;
        }
        return normalized;
      };

      for (const c of LEDGER_COLUMNS) {
        if (c.input && c.required && text(c.key) === '') fail(c.header, '必填');
      }
      const code = text('code');
      if (code) {
        if (existing.has(code)) fail(header.code, `任务编码“${code}”已存在，请勿重复导入`);
        if (seen.has(code)) fail(header.code, `与第 ${seen.get(code)} 行的任务编码重复`);
        seen.set(code, row);
      }
      const sourceText = text('source');
      const source = sourceText ? sourceByLabel(sourceText) : undefined;
      if (sourceText && !source)
        fail(header.source, `“${sourceText}”不是有效的问题来源（中央督察、“回头看”、省级督察、督察转办信访件、专项行动、自查发现）`);
      const kindText = text('deadlineKind');
      const deadlineKind = kindText ? deadlineKindByLabel(kindText) : undefined;
      if (kindText && !deadlineKind) fail(header.deadlineKind, `“${kindText}”不是有效的时限类型（立行立改、限期整改、长期坚持）`);
      const deadline = date('originalDeadline');
      const forwardedOn = date('forwardedOn');

      const measures: Array<{ measureId: string; description: string; dueDate: string }> = [];
      text('measures')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .forEach((line, i) => {
          const m = MEASURE_LINE.exec(line);
          const due = m?.[1].replace(/-(\d)(?=-|$)/g, '-0$1');
          if (!m || !due || !isValidCalendarDate(due)) {
            fail(header.measures, `第 ${i + 1} 条“${line.slice(0, 30)}”格式应为“YYYY-MM-DD 措施内容”`);
            return;
          }
          measures.push({ measureId: `M${i + 1}`, description: m[2].trim(), dueDate: due });
        });

      const deptOf = (key: 'leadDepartment' | 'acceptanceDepartment') => {
        const raw = text(key);
        if (!raw) return null;
        const id = departmentByIdOrName(raw);
        if (!id) fail(header[key], `“${raw}”不是已登记的责任单位，请使用单位全称（见“责任单位列表”）`);
        return id ?? null;
      };
      const leadDepartment = deptOf('leadDepartment');
      const acceptanceDepartment = deptOf('acceptanceDepartment');
      const cooperatingDepartments: string[] = [];
      for (const name of text('cooperatingDepartments')
        .split(/[、,，;；\n]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const id = departmentByIdOrName(name);
        if (id) cooperatingDepartments.push(id);
        else fail(header.cooperatingDepartments, `“${name}”不是已登记的责任单位`);
      }
      const responsiblePerson = text('responsiblePerson') || null;
      const assigning = Boolean(
        text('leadDepartment') || text('acceptanceDepartment') || cooperatingDepartments.length || responsiblePerson,
      );
      if (assigning && !text('leadDepartment')) fail(header.leadDepartment, '填写了配合单位、验收单位或责任人时，须同时填写牵头单位');
      if (assigning && !text('acceptanceDepartment')) fail(header.acceptanceDepartment, '交办时须填写验收单位');

      if (rowErrors.length === 0 && source && deadlineKind) {
        const orderId = randomUUID();
        const commands: RectificationOrderCommand[] = [
          {
            type: 'IssueOrder',
            orderId,
            code,
            source,
            batch: text('batch'),
            finding: text('finding'),
            target: text('target'),
            deadlineKind,
            deadline,
            measures,
            petition:
              source === 'PETITION' || forwardedOn ? (forwardedOn ? { forwardedOn, caseNumber: text('caseNumber') || null } : null) : null,
          },
        ];
        if (assigning && leadDepartment && acceptanceDepartment) {
          commands.push({ type: 'AssignOrder', leadDepartment, cooperatingDepartments, acceptanceDepartment, responsiblePerson });
        }
        planned.push({ row, id: orderId, code, commands });
      }
      errors.push(...rowErrors);
    }

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
    return {
      imported: planned.length,
      position: decided.position,
      items: planned.map((p) => ({ row: p.row, id: p.id, code: p.code })),
    };
  }
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
