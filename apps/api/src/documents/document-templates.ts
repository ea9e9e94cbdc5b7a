import { documentKindInfo, type DocumentAllocation } from '@app/domain';
import { chineseDate, renderOfficialDocument, type DocBlock } from './official-docx';

/**
 * What each official document says, from the content frozen in its 文号 event (DocumentNumberAllocated):
 * the same number always renders the same document, whatever happened to its subject since.
 */

export const ISSUER_SUPERVISION = '牡丹江市生态环境保护督察整改工作领导小组办公室';
export const ISSUER_LEADERSHIP = '牡丹江市生态环境保护督察整改工作领导小组';

export interface SupervisionNoticeContent {
  escalationId: string;
  subjectCode: string;
  subjectName: string;
  itemName: string;
  departmentName: string;
  levelLabel: string;
  trigger: string;
  dueDate: string | null;
  originalDueDate: string | null;
  overdueDays: number;
  noticeText: string;
  noticeIssuedOn: string;
  replyBy: string;
}

export interface OverdueCircularContent {
  from: string;
  to: string;
  asOf: string;
  items: Array<{
    subjectCode: string;
    subjectName: string;
    itemName: string;
    departmentName: string;
    dueDate: string;
    overdueDays: number;
    done: boolean;
  }>;
  departments: Array<{ departmentName: string; overdueCount: number; maxOverdueDays: number; totalOverdueDays: number }>;
}

export interface ClosureApprovalContent {
  orderId: string;
  code: string;
  batch: string;
  finding: string;
  target: string;
  leadDepartmentName: string;
  cooperatingDepartmentNames: string[];
  acceptanceDepartmentName: string;
  originalDeadline: string | null;
  currentDeadline: string | null;
  approvedExtensions: number;
  measures: Array<{ description: string; dueDate: string; completedOn: string | null }>;
  acceptance: { checkedOn: string; acceptanceDepartmentName: string; summary: string | null } | null;
  publicNotice: { publishedOn: string; endsOn: string } | null;
  objections: number;
  closedOn: string;
  /** Rectification declared done (acceptance requested) by the original deadline. */
  closedOnTime: boolean;
}

export interface AssessmentResultContent {
  year: number;
  asOf: string;
  rows: Array<{
    rank: number;
    departmentName: string;
    score: number;
    grade: string;
    items: number;
    onTimeOriginal: string;
    overdueDays: number;
  }>;
  weightsText: string;
}

function supervisionNoticeBlocks(c: SupervisionNoticeContent): DocBlock[] {
  return [
    {
      kind: 'p',
      text:
        `经监测，你单位牵头负责的“${c.subjectName}”（${c.subjectCode}）${c.itemName !== c.subjectName ? `“${c.itemName}”事项` : ''}` +
        (c.dueDate
          ? `完成时限为${chineseDate(c.dueDate)}${c.originalDueDate && c.originalDueDate !== c.dueDate ? `（原定${chineseDate(c.originalDueDate)}）` : ''}，截至${chineseDate(c.noticeIssuedOn)}已逾期${c.overdueDays}天，`
          : '') +
        `现已列为${c.levelLabel}。`,
    },
    { kind: 'h', text: '一、督办要求' },
    { kind: 'p', text: c.noticeText },
    { kind: 'h', text: '二、办理时限' },
    { kind: 'p', text: `请于${chineseDate(c.replyBy)}前将整改进展和下一步措施书面报送领导小组办公室，逾期未报的，按程序提请约谈或问责。` },
    {
      kind: 'table',
      header: ['事项编号', '事项名称', '责任单位', '完成时限', '逾期天数'],
      rows: [[c.subjectCode, c.itemName, c.departmentName, c.dueDate ?? '—', String(c.overdueDays)]],
      widths: [18, 34, 20, 16, 12],
    },
  ];
}

function overdueCircularBlocks(c: OverdueCircularContent): DocBlock[] {
  const total = c.items.length;
  const open = c.items.filter((i) => !i.done).length;
  return [
    {
      kind: 'p',
      text: `${chineseDate(c.from)}至${chineseDate(c.to)}，全市规划重点工程和督察整改任务中，共有${total}项事项逾期，涉及${c.departments.length}个责任单位；截至${chineseDate(c.asOf)}，仍有${open}项未完成。现将有关情况通报如下。`,
    },
    { kind: 'h', text: '一、逾期单位情况' },
    {
      kind: 'table',
      header: ['序号', '责任单位', '逾期事项数', '最长逾期天数', '累计逾期天数'],
      rows: c.departments.map((d, i) => [
        String(i + 1),
        d.departmentName,
        String(d.overdueCount),
        String(d.maxOverdueDays),
        String(d.totalOverdueDays),
      ]),
      widths: [8, 40, 16, 18, 18],
    },
    { kind: 'h', text: '二、逾期事项清单' },
    {
      kind: 'table',
      header: ['序号', '编号', '事项', '责任单位', '完成时限', '逾期天数', '状态'],
      rows: c.items.map((it, i) => [
        String(i + 1),
        it.subjectCode,
        it.itemName === it.subjectName ? it.subjectName : `${it.subjectName}：${it.itemName}`,
        it.departmentName,
        it.dueDate,
        String(it.overdueDays),
        it.done ? '已逾期完成' : '逾期未完成',
      ]),
      widths: [6, 12, 34, 16, 12, 9, 11],
    },
    { kind: 'h', text: '三、工作要求' },
    {
      kind: 'p',
      text: '各有关单位要对照清单逐项分析逾期原因，明确整改措施和完成时限，于通报印发之日起10个工作日内将整改情况报送领导小组办公室。对长期逾期、敷衍整改的，领导小组将按程序约谈问责。',
    },
  ];
}

function closureApprovalBlocks(c: ClosureApprovalContent): DocBlock[] {
  return [
    {
      kind: 'table',
      header: ['项目', '内容'],
      widths: [28, 72],
      rows: [
        ['任务编号', c.code],
        ['批次', c.batch || '—'],
        ['问题描述', c.finding],
        ['整改目标', c.target || '—'],
        ['牵头单位', c.leadDepartmentName],
        ['配合单位', c.cooperatingDepartmentNames.join('、') || '—'],
        ['原定完成时限', c.originalDeadline ?? '—'],
        ['现完成时限', `${c.currentDeadline ?? '—'}${c.approvedExtensions ? `（经批准延期${c.approvedExtensions}次）` : ''}`],
        ['整改措施', c.measures.map((m, i) => `${i + 1}. ${m.description}（完成于${m.completedOn ?? '未记录'}）`).join('\n') || '—'],
        [
          '验收情况',
          c.acceptance
            ? `${c.acceptance.acceptanceDepartmentName}于${c.acceptance.checkedOn}验收通过${c.acceptance.summary ? `：${c.acceptance.summary}` : ''}`
            : '—',
        ],
        [
          '销号公示',
          c.publicNotice
            ? `${c.publicNotice.publishedOn}至${c.publicNotice.endsOn}${c.objections ? `，收到异议${c.objections}件，已处理` : '，无异议'}`
            : '—',
        ],
        ['销号日期', `${c.closedOn}（${c.closedOnTime ? '整改按原定时限完成' : '整改晚于原定时限完成'}）`],
        ['牵头单位意见', '整改任务已按要求完成，申请销号。'],
        ['验收单位意见', '经验收，整改到位，同意销号。'],
        ['领导小组办公室审批意见', '同意销号。'],
      ],
    },
  ];
}

function assessmentResultBlocks(c: AssessmentResultContent): DocBlock[] {
  return [
    {
      kind: 'p',
      text: `根据《牡丹江市“十四五”生态环境保护规划》目标责任制和年度考核办法，领导小组对各责任单位${c.year}年度规划目标任务完成情况进行了考核，数据截至${chineseDate(c.asOf)}。现将考核结果公布如下。`,
    },
    { kind: 'h', text: '一、考核结果' },
    {
      kind: 'table',
      header: ['名次', '责任单位', '得分', '等次', '考核事项', '按原定时限完成率', '累计逾期天数'],
      rows: c.rows.map((r) => [
        String(r.rank),
        r.departmentName,
        r.score.toFixed(1),
        r.grade,
        String(r.items),
        r.onTimeOriginal,
        String(r.overdueDays),
      ]),
      widths: [8, 26, 12, 10, 11, 18, 15],
    },
    { kind: 'h', text: '二、计分办法' },
    { kind: 'p', text: c.weightsText },
    { kind: 'h', text: '三、有关要求' },
    {
      kind: 'p',
      text: '考核等次为“较差”的单位，要在通报印发之日起15个工作日内向领导小组书面说明原因，提出整改措施。各单位可在平台“年度考核”页面查看本单位每项得分的明细。',
    },
  ];
}

/** The .docx of a numbered document. */
export function renderAllocation(a: DocumentAllocation): Promise<Buffer> {
  const info = documentKindInfo[a.kind];
  const base = { documentNumber: a.documentNumber, title: a.title, dateText: chineseDate(a.issuedOn), fixedTime: new Date(a.occurredAt) };
  switch (a.kind) {
    case 'SUPERVISION_NOTICE': {
      const c = a.content as unknown as SupervisionNoticeContent;
      return renderOfficialDocument({
        ...base,
        issuer: `${ISSUER_SUPERVISION}${info.label}`,
        addressee: c.departmentName,
        blocks: supervisionNoticeBlocks(c),
        signature: ISSUER_SUPERVISION,
      });
    }
    case 'OVERDUE_CIRCULAR':
      return renderOfficialDocument({
        ...base,
        issuer: `${ISSUER_LEADERSHIP}文件`,
        addressee: '各县（市）区人民政府，市直有关部门',
        blocks: overdueCircularBlocks(a.content as unknown as OverdueCircularContent),
        signature: ISSUER_LEADERSHIP,
      });
    case 'CLOSURE_APPROVAL':
      return renderOfficialDocument({
        ...base,
        issuer: ISSUER_SUPERVISION,
        blocks: closureApprovalBlocks(a.content as unknown as ClosureApprovalContent),
        signature: ISSUER_SUPERVISION,
      });
    case 'ASSESSMENT_RESULT':
      return renderOfficialDocument({
        ...base,
        issuer: `${ISSUER_LEADERSHIP}文件`,
        addressee: '各县（市）区人民政府，市直有关部门',
        blocks: assessmentResultBlocks(a.content as unknown as AssessmentResultContent),
        signature: ISSUER_LEADERSHIP,
      });
  }
}
