import { Inject, Injectable } from '@nestjs/common';
import { documentRegisters, escalations, rectificationOrders, CommandExecutor, type CommandMeta } from '@app/commands';
import {
  addDays,
  daysBetween,
  departmentName,
  documentKindInfo,
  documentKinds,
  documentRegisterId,
  escalationLevelLabels,
  shanghaiDate,
  type DocumentAllocation,
  type DocumentContent,
  type DocumentKind,
} from '@app/domain';
import { PG_POOL, type PgPool } from '@app/event-store';
import { Clock, ProblemException } from '@app/platform';
import { AssessmentsService } from '../assessments/assessments.service';
import type {
  AssessmentResultContent,
  ClosureApprovalContent,
  OverdueCircularContent,
  SupervisionNoticeContent,
} from './document-templates';

/** The first year of the plan: registers are kept from then on. */
export const FIRST_REGISTER_YEAR = 2021;

export interface DocumentView {
  registerId: string;
  kind: DocumentKind;
  kindLabel: string;
  year: number;
  sequence: number;
  documentNumber: string;
  title: string;
  subjectKey: string;
  issuedOn: string;
  issuedByName: string;
  downloadUrl: string;
  /** false when the subject already had its document: the existing one is answered. */
  created?: boolean;
}

export function documentView(a: DocumentAllocation): DocumentView {
  const registerId = documentRegisterId(a.kind, a.year);
  return {
    registerId,
    kind: a.kind,
    kindLabel: documentKindInfo[a.kind].label,
    year: a.year,
    sequence: a.sequence,
    documentNumber: a.documentNumber,
    title: a.title,
    subjectKey: a.subjectKey,
    issuedOn: a.issuedOn,
    issuedByName: a.issuedByName,
    downloadUrl: `/api/v1/documents/${registerId}/${a.sequence}/docx`,
  };
}

function unprocessable(code: string, detail: string, field?: string): ProblemException {
  return new ProblemException(422, code, 'Unprocessable Entity', detail, field ? { field } : undefined);
}

interface DeadlineRow {
  subject_code: string;
  subject_name: string;
  item_name: string;
  department: string | null;
  due_date: string;
  done_on: string | null;
}

/**
 * Official documents: gathers what a document is about from its records, has the register number it
 * (the content frozen in the same event) through the command path, and finds numbered ones again.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly commands: CommandExecutor,
    private readonly clock: Clock,
    @Inject(PG_POOL) private readonly pool: PgPool,
    private readonly assessments: AssessmentsService,
  ) {}

  today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Every numbered document of a kind (or all kinds), oldest register first. */
  async list(filter: { kind?: DocumentKind; year?: number; subjectKey?: string } = {}): Promise<DocumentAllocation[]> {
    const lastYear = Number(this.today().slice(0, 4));
    const kinds = filter.kind ? [filter.kind] : [...documentKinds];
    const years = filter.year
      ? [filter.year]
      : Array.from({ length: Math.max(0, lastYear - FIRST_REGISTER_YEAR + 1) }, (_, i) => FIRST_REGISTER_YEAR + i);
    const found: DocumentAllocation[] = [];
    for (const kind of kinds) {
      for (const year of years) {
        const { state } = await this.commands.read(documentRegisters, documentRegisterId(kind, year));
        found.push(...state.allocations.filter((a) => !filter.subjectKey || a.subjectKey === filter.subjectKey));
      }
    }
    return found;
  }

  async get(registerId: string, sequence: number): Promise<DocumentAllocation> {
    const { state } = await this.commands.read(documentRegisters, registerId);
    const found = state.allocations.find((a) => a.sequence === sequence);
    if (!found)
      throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该公文（登记簿 ${registerId} 第 ${sequence} 号），请检查文号。`);
    return found;
  }

  /** Numbers a document, or answers the one its subject already has (one per subject and kind). */
  private async number(kind: DocumentKind, subjectKey: string, title: string, content: object, meta: CommandMeta): Promise<DocumentView> {
    const existing = (await this.list({ kind, subjectKey }))[0];
    if (existing) return { ...documentView(existing), created: false };
    const year = Number(this.today().slice(0, 4));
    const registerId = documentRegisterId(kind, year);
    const type = documentKindInfo[kind].command;
    await this.commands.execute(
      documentRegisters,
      registerId,
      { type, year, subjectKey, title, content: content as DocumentContent },
      meta,
    );
    const { state } = await this.commands.read(documentRegisters, registerId);
    const allocation = state.allocations.find((a) => a.subjectKey === subjectKey) as DocumentAllocation;
    return { ...documentView(allocation), created: true };
  }

  /** 督办单: from an escalation on which a supervision notice was issued (the cockpit's “督办单” action). */
  async supervisionNotice(escalationId: string, meta: CommandMeta): Promise<DocumentView> {
    const { state, version } = await this.commands.read(escalations, escalationId);
    if (version === 0) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该督办预警（编号 ${escalationId}），请检查编号。`);
    const notice = [...state.actions].reverse().find((a) => a.type === 'SupervisionNoticeIssued');
    if (!notice) {
      throw unprocessable(
        'NO_SUPERVISION_NOTICE',
        '该预警尚未下发督办单：请先在领导驾驶舱对该预警执行“督办单”操作，填写督办要求后再生成督办单文件。',
        'escalationId',
      );
    }
    const noticeIssuedOn = shanghaiDate(new Date(notice.at));
    const content: SupervisionNoticeContent = {
      escalationId,
      subjectCode: state.subjectCode,
      subjectName: state.subjectName,
      itemName: state.itemName,
      departmentName: state.department ? departmentName(state.department) : '尚未明确责任单位',
      levelLabel: escalationLevelLabels[state.level],
      trigger: state.trigger,
      dueDate: state.dueDate,
      originalDueDate: state.originalDueDate,
      overdueDays: state.dueDate ? Math.max(0, daysBetween(state.dueDate, noticeIssuedOn)) : 0,
      noticeText: String(notice.details.text ?? notice.text),
      noticeIssuedOn,
      replyBy: addDays(noticeIssuedOn, 10),
    };
    const title = `关于督促办理“${state.subjectCode}”逾期事项的督办单`;
    return this.number('SUPERVISION_NOTICE', `escalation:${escalationId}`, title, content, meta);
  }

  /** 督办通报: the items that were overdue in a period, by department, as of its end (or today). */
  async overdueCircular(from: string, to: string, meta: CommandMeta): Promise<DocumentView> {
    const content = await this.overdueContent(from, to);
    const title = `关于${from.slice(0, 4)}年${Number(from.slice(5, 7))}月${Number(from.slice(8, 10))}日至${to.slice(0, 4) === from.slice(0, 4) ? '' : `${to.slice(0, 4)}年`}${Number(to.slice(5, 7))}月${Number(to.slice(8, 10))}日规划任务逾期情况的通报`;
    return this.number('OVERDUE_CIRCULAR', `period:${from}..${to}`, title, content, meta);
  }

  async overdueContent(from: string, to: string): Promise<OverdueCircularContent> {
    const today = this.today();
    if (from > to) throw unprocessable('PERIOD_INVALID', '通报期间的开始日期不能晚于结束日期。', 'from');
    if (from > today) throw unprocessable('PERIOD_IN_FUTURE', `通报期间尚未开始（今天是${today}），不能通报。`, 'from');
    const asOf = to < today ? to : today;
    const { rows } = await this.pool.query<DeadlineRow>(
      `SELECT subject_code, subject_name, item_name, department, due_date::text AS due_date, done_on::text AS done_on
       FROM read_models.deadlines
       WHERE due_date BETWEEN $1::date AND $2::date AND due_date < $3::date
         AND (done_on IS NULL OR done_on > due_date) AND subject_status NOT IN ('CANCELLED')
       ORDER BY due_date, subject_code, item_id`,
      [from, to, asOf],
    );
    const items = rows.map((r) => {
      const doneBy = r.done_on && r.done_on <= asOf ? r.done_on : null;
      return {
        subjectCode: r.subject_code,
        subjectName: r.subject_name,
        itemName: r.item_name,
        departmentName: r.department ? departmentName(r.department) : '尚未明确责任单位',
        dueDate: r.due_date,
        overdueDays: daysBetween(r.due_date, doneBy ?? asOf),
        done: doneBy !== null,
      };
    });
    const byDepartment = new Map<string, OverdueCircularContent['departments'][number]>();
    for (const item of items) {
      const d = byDepartment.get(item.departmentName) ?? {
        departmentName: item.departmentName,
        overdueCount: 0,
        maxOverdueDays: 0,
        totalOverdueDays: 0,
      };
      d.overdueCount += 1;
      d.maxOverdueDays = Math.max(d.maxOverdueDays, item.overdueDays);
      d.totalOverdueDays += item.overdueDays;
      byDepartment.set(item.departmentName, d);
    }
    const departments = [...byDepartment.values()].sort(
      (a, b) =>
        b.overdueCount - a.overdueCount ||
        b.totalOverdueDays - a.totalOverdueDays ||
        a.departmentName.localeCompare(b.departmentName, 'zh'),
    );
    return { from, to, asOf, items, departments };
  }

  /** 整改销号审批表: the record of a closed order. */
  async closureApproval(orderId: string, meta: CommandMeta): Promise<DocumentView> {
    const { state: o, version } = await this.commands.read(rectificationOrders, orderId);
    if (version === 0) throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `未找到该整改任务（编号 ${orderId}），请检查编号。`);
    if (o.status !== 'CLOSED' || !o.closedOn) {
      throw unprocessable('ORDER_NOT_CLOSED', `整改任务“${o.code}”尚未销号，销号后才能生成整改销号审批表。`, 'orderId');
    }
    const accepted =
      o.acceptanceChecks.find((c) => c.recordId === o.validAcceptanceRecordId) ??
      [...o.acceptanceChecks].reverse().find((c) => c.outcome === 'PASSED');
    const content: ClosureApprovalContent = {
      orderId,
      code: o.code,
      batch: o.batch,
      finding: o.finding,
      target: o.target,
      leadDepartmentName: o.leadDepartment ? departmentName(o.leadDepartment) : '—',
      cooperatingDepartmentNames: o.cooperatingDepartments.map(departmentName),
      acceptanceDepartmentName: o.acceptanceDepartment ? departmentName(o.acceptanceDepartment) : '—',
      originalDeadline: o.originalDeadline,
      currentDeadline: o.currentDeadline,
      approvedExtensions: o.extensions.filter((e) => e.status === 'APPROVED').length,
      measures: o.measures.map((m) => ({ description: m.description, dueDate: m.dueDate, completedOn: m.completedOn })),
      acceptance: accepted
        ? {
            checkedOn: accepted.checkedOn,
            acceptanceDepartmentName: departmentName(accepted.acceptanceDepartment),
            summary: accepted.summary,
          }
        : null,
      publicNotice: o.publicNotice ? { publishedOn: o.publicNotice.publishedOn, endsOn: o.publicNotice.endsOn } : null,
      objections: o.objections.length,
      closedOn: o.closedOn,
      // The rectification counts as done when acceptance was requested (as in the deadline calendar), not when the notice period ended.
      closedOnTime: !o.originalDeadline || (o.acceptanceRequestedOn ?? o.closedOn) <= o.originalDeadline,
    };
    return this.number('CLOSURE_APPROVAL', `order:${orderId}`, `整改销号审批表（${o.code}）`, content, meta);
  }

  /** 年度考核结果: the ranking of the year's assessment as of a day, frozen when numbered. */
  async assessmentResult(year: number, asOf: string | undefined, meta: CommandMeta): Promise<DocumentView> {
    const existing = (await this.list({ kind: 'ASSESSMENT_RESULT', subjectKey: `assessment:${year}` }))[0];
    if (existing) return { ...documentView(existing), created: false };
    const result = await this.assessments.year(year, asOf ?? this.assessments.defaultAsOf(year));
    if (result.departments.length === 0) {
      throw unprocessable('NOTHING_TO_ASSESS', `${year}年截至${result.asOf}没有任何单位有考核事项，无法生成考核结果。`, 'year');
    }
    const w = result.config.weights;
    const d = result.config.deductions;
    const g = result.config.grades;
    const content: AssessmentResultContent = {
      year,
      asOf: result.asOf,
      rows: result.departments.map((r) => {
        const original = r.components.find((c) => c.key === 'onTimeOriginal');
        return {
          rank: r.rank as number,
          departmentName: r.departmentName,
          score: r.score as number,
          grade: r.grade as string,
          items: original?.total ?? 0,
          onTimeOriginal: original?.rate === null || !original ? '—' : `${Math.round(original.rate * 1000) / 10}%`,
          overdueDays: r.deductions.find((x) => x.key === 'overdueDays')?.count ?? 0,
        };
      }),
      weightsText:
        `基础分按各项完成率加权计算（满分100分）：按原定时限完成率${w.onTimeOriginal}分，按现行时限完成率${w.onTimeCurrent}分，指标达标率${w.indicators}分，节点完成率${w.milestones}分；无考核事项的项目不计，其分值按比例分配给其他项目。` +
        `扣分：逾期每天扣${d.perOverdueDay}分（最多${d.overdueDaysCap}分），红色预警每次扣${d.perEscalation[2]}分、挂牌督办${d.perEscalation[3]}分、问责级预警${d.perEscalation[4]}分（最多${d.escalationsCap}分），移送问责每次扣${d.perAccountability}分（最多${d.accountabilityCap}分）。` +
        `${g.excellent}分以上为优秀，${g.good}分以上为良好，${g.pass}分以上为一般，其余为较差。`,
    };
    return this.number('ASSESSMENT_RESULT', `assessment:${year}`, `关于${year}年度生态环境保护规划目标责任考核结果的通报`, content, meta);
  }
}
