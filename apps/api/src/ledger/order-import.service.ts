import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  authorizeOrderCommand,
  DomainError,
  isValidCalendarDate,
  rectificationOrderDecider,
  rectificationOrderStreamId,
  type Actor,
  type CommandContext,
  type RectificationOrderCommand,
  type RectificationOrderEvent,
  type RectificationOrderState,
} from '@app/domain';
import { EventTypeRegistry, PG_POOL, PostgresEventStore, SubscriptionHost, type PgPool } from '@app/event-store';
import { Clock, ProblemException } from '@app/platform';
import { CommandExecutor } from '../shared/command-executor';
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

interface PlannedOrder {
  row: number;
  orderId: string;
  code: string;
  commands: RectificationOrderCommand[];
  events: RectificationOrderEvent[];
}

const header = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.header])) as Record<(typeof LEDGER_COLUMNS)[number]['key'], string>;
const MEASURE_LINE = /^(\d{4}-\d{1,2}-\d{1,2})[\s\u3000]*[：:、，,]?[\s\u3000]*(.+)$/;

/**
 * Import of new orders from a spreadsheet in the export's layout. Every row is checked first (types,
 * dates, departments, then a dry run through the order decider with the caller's authority); any
 * error rejects the whole file with row-level errors. Only a clean file is written, all orders in one
 * PostgreSQL transaction, so nothing is ever half-imported.
 */
@Injectable()
export class OrderImportService {
  constructor(
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly registry: EventTypeRegistry,
    private readonly clock: Clock,
    private readonly executor: CommandExecutor,
    private readonly ledger: LedgerService,
    @Optional() @Inject(SubscriptionHost) private readonly subscriptions?: SubscriptionHost,
  ) {}

  async import(file: Buffer, actor: Actor, requestId?: string) {
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
    const ctx: CommandContext = { now: this.clock.now(), actor, config: this.executor.domainConfig };

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
        // Dry run: the same decider and authorization as the HTTP commands, on a fresh stream.
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
        let state: RectificationOrderState = rectificationOrderDecider.initialState();
        const events: RectificationOrderEvent[] = [];
        try {
          for (const command of commands) {
            authorizeOrderCommand(command, state, actor);
            for (const event of rectificationOrderDecider.decide(command, state, ctx)) {
              events.push(event);
              state = rectificationOrderDecider.evolve(state, event);
            }
          }
          planned.push({ row, orderId, code, commands, events });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error.kind === 'forbidden') throw new ProblemException(403, error.code, 'Forbidden', error.detail);
          fail('业务规则', error.detail);
        }
      }
      errors.push(...rowErrors);
    }

    if (errors.length > 0) {
      const rows = [...new Set(errors.map((e) => e.row))];
      throw invalid(
        `导入失败，未写入任何数据：第 ${rows.join('、')} 行有错误（共 ${errors.length} 处）。请修改后重新导入整个文件。`,
        errors,
      );
    }

    const client = await this.pool.connect();
    let position = '0';
    try {
      await client.query('BEGIN');
      const store = new PostgresEventStore(client, this.registry);
      for (const order of planned) {
        const result = await store.append(
          rectificationOrderStreamId(order.orderId),
          'no-stream',
          order.events.map((e) => ({
            type: e.type,
            data: e.data as unknown as Record<string, unknown>,
            metadata: { command: e.type === 'OrderIssued' ? 'IssueOrder' : 'AssignOrder' },
          })),
          { actor, command: 'ImportOrders', requestId, correlationId: requestId },
        );
        position = result.position.toString();
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.subscriptions?.poke();
    return {
      imported: planned.length,
      position,
      items: planned.map((p) => ({ row: p.row, id: p.orderId, code: p.code })),
    };
  }
}

function invalid(detail: string, errors: RowError[]): ProblemException {
  return new ProblemException(422, 'IMPORT_INVALID', 'Unprocessable Content', detail, { errors });
}
