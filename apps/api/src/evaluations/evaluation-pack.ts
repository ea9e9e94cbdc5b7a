import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  departmentName,
  escalationLevelLabels,
  indicatorStatus,
  indicatorStatusLabels,
  keyProjectStatusLabels,
  orderStatusLabels,
  type CalendarDate,
} from '@app/domain';
import type { PlanSnapshot } from '../assessments/plan-snapshot.service';
import { chineseDate, renderOfficialDocument, type DocBlock } from '../documents/official-docx';

/**
 * 中期/终期评估资料包: every project, indicator, order and escalation with its state then and a
 * summary of its history, as of 12-31 of the year. Built only from the snapshot, with fixed dates in
 * the files, so the same year gives the same bytes (the reproducibility test compares).
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const dept = (id: string | null) => (id ? departmentName(id) : '待交办');

export interface PackSheet {
  name: string;
  columns: Array<{ header: string; width: number }>;
  rows: Array<Array<string | number | null>>;
}

export function packSheets(s: PlanSnapshot): PackSheet[] {
  const byCode = <T extends { code: string }>(a: T, b: T) => a.code.localeCompare(b.code, 'zh', { numeric: true });
  const projects = [...s.keyProjects.values()].filter((p) => p.status !== null).sort(byCode);
  const indicators = [...s.indicators.values()].filter((i) => i.status !== null).sort(byCode);
  const orders = [...s.orders.values()].filter((o) => o.status !== null).sort(byCode);
  const escalations = [...s.escalations.entries()]
    .filter(([, e]) => e.status !== null)
    .sort(([a, x], [b, y]) => (x.raisedAt ?? '').localeCompare(y.raisedAt ?? '') || a.localeCompare(b));
  return [
    {
      name: '重点工程',
      columns: [
        { header: '编号', width: 12 },
        { header: '名称', width: 44 },
        { header: '类别', width: 16 },
        { header: '状态', width: 10 },
        { header: '牵头单位', width: 24 },
        { header: '计划开工', width: 12 },
        { header: '计划完成', width: 12 },
        { header: '节点（完成/全部）', width: 14 },
        { header: '最新进度（%）', width: 12 },
        { header: '完工日期', width: 12 },
        { header: '进展报告数', width: 10 },
        { header: '基线变更数', width: 10 },
        { header: '记录版本（事件数）', width: 14 },
      ],
      rows: projects.map((p) => [
        p.code,
        p.name,
        p.category,
        keyProjectStatusLabels[p.status!],
        dept(p.leadDepartment),
        p.plannedStart,
        p.plannedEnd,
        `${p.milestones.filter((m) => m.achievedOn).length}/${p.milestones.length}`,
        p.progressReports.at(-1)?.percentComplete ?? null,
        p.completedOn,
        p.progressReports.length,
        p.baselineChanges.length,
        p.version,
      ]),
    },
    {
      name: '规划指标',
      columns: [
        { header: '编号', width: 10 },
        { header: '指标', width: 36 },
        { header: '单位', width: 10 },
        { header: '牵头单位', width: 24 },
        { header: '基期值', width: 12 },
        { header: '规划目标', width: 20 },
        { header: '最新统计期', width: 14 },
        { header: '最新数值', width: 12 },
        { header: '状态', width: 10 },
        { header: '报送期数', width: 10 },
        { header: '记录版本（事件数）', width: 14 },
      ],
      rows: indicators.map((i) => {
        const judged = indicatorStatus(i);
        return [
          i.code,
          i.name,
          i.unit,
          dept(i.leadDepartment),
          i.baseline.value ?? i.baseline.wording,
          i.target.wording,
          judged.latest?.periodLabel ?? null,
          judged.latest ? String(judged.latest.value) : null,
          indicatorStatusLabels[judged.status],
          i.values.length,
          i.version,
        ];
      }),
    },
    {
      name: '整改任务',
      columns: [
        { header: '编号', width: 16 },
        { header: '批次', width: 26 },
        { header: '问题', width: 44 },
        { header: '牵头单位', width: 24 },
        { header: '原定时限', width: 12 },
        { header: '现行时限', width: 12 },
        { header: '状态', width: 10 },
        { header: '销号日期', width: 12 },
        { header: '延期次数', width: 10 },
        { header: '验收次数', width: 10 },
        { header: '记录版本（事件数）', width: 14 },
      ],
      rows: orders.map((o) => [
        o.code,
        o.batch,
        o.finding,
        dept(o.leadDepartment),
        o.originalDeadline,
        o.currentDeadline,
        orderStatusLabels[o.status!],
        o.closedOn,
        o.extensions.filter((e) => e.status === 'APPROVED').length,
        o.acceptanceChecks.length,
        o.version,
      ]),
    },
    {
      name: '督办预警',
      columns: [
        { header: '对象编号', width: 16 },
        { header: '事项', width: 40 },
        { header: '责任单位', width: 24 },
        { header: '等级', width: 18 },
        { header: '发出日期', width: 12 },
        { header: '状态', width: 10 },
        { header: '解除日期', width: 12 },
        { header: '督办措施数', width: 10 },
      ],
      rows: escalations.map(([, e]) => [
        e.subjectCode,
        e.itemName,
        dept(e.department),
        escalationLevelLabels[e.level],
        e.raisedOn,
        e.status === 'OPEN' ? '未解除' : '已解除',
        e.resolvedOn,
        e.actions.length,
      ]),
    },
  ];
}

/** Same bytes for the same content: every zip entry dated `fixedTime`, in name order. */
export async function deterministicZip(buffer: Buffer, fixedTime: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir) continue;
    out.file(name, await zip.files[name].async('uint8array'), { date: fixedTime, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

export async function packWorkbook(sheets: PackSheet[], asOf: CalendarDate, fixedTime: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '牡丹江市生态环境保护规划实施管理平台';
  workbook.lastModifiedBy = '牡丹江市生态环境保护规划实施管理平台';
  workbook.created = fixedTime;
  workbook.modified = fixedTime;
  workbook.title = `规划评估资料（截至${asOf}）`;
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row);
  }
  return deterministicZip(Buffer.from(await workbook.xlsx.writeBuffer()), fixedTime);
}

export function packReport(year: number, asOf: CalendarDate, sheets: PackSheet[], fixedTime: Date): Promise<Buffer> {
  const kind = year === 2023 ? '中期评估' : year >= 2025 ? '终期评估' : '年度评估';
  const count = (name: string) => sheets.find((s) => s.name === name)?.rows.length ?? 0;
  const statusOf = (name: string, column: string) => {
    const sheet = sheets.find((s) => s.name === name)!;
    const at = sheet.columns.findIndex((c) => c.header === column);
    const tally = new Map<string, number>();
    for (const row of sheet.rows) tally.set(String(row[at]), (tally.get(String(row[at])) ?? 0) + 1);
    return [...tally].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, String(v)]);
  };
  const blocks: DocBlock[] = [
    {
      kind: 'p',
      text: `本资料包汇总截至${chineseDate(asOf)}《牡丹江市“十四五”生态环境保护规划》实施情况，供第三方${kind}使用：重点工程${count('重点工程')}项，规划指标${count('规划指标')}项，督察整改任务${count('整改任务')}项，督办预警${count('督办预警')}条。逐项明细见同名 Excel 文件（每类一张工作表）。`,
    },
    { kind: 'h', text: '一、重点工程状态' },
    { kind: 'table', header: ['状态', '项数'], rows: statusOf('重点工程', '状态'), widths: [60, 40] },
    { kind: 'h', text: '二、规划指标状态' },
    { kind: 'table', header: ['状态', '项数'], rows: statusOf('规划指标', '状态'), widths: [60, 40] },
    { kind: 'h', text: '三、督察整改任务状态' },
    { kind: 'table', header: ['状态', '项数'], rows: statusOf('整改任务', '状态'), widths: [60, 40] },
    { kind: 'h', text: '四、督办预警' },
    { kind: 'table', header: ['等级', '条数'], rows: statusOf('督办预警', '等级'), widths: [60, 40] },
    { kind: 'p', text: '数据由平台按截至日期的全部业务记录重算生成，同一截至日期重复生成内容一致。' },
  ];
  return renderOfficialDocument({
    issuer: '牡丹江市生态环境保护督察整改工作领导小组办公室',
    documentNumber: `${year}年度规划${kind}资料`,
    title: `牡丹江市“十四五”生态环境保护规划${kind}资料汇总报告（${year}年）`,
    blocks,
    signature: '牡丹江市生态环境保护督察整改工作领导小组办公室',
    dateText: chineseDate(asOf),
    fixedTime,
  });
}
