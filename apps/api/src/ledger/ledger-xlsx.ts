import ExcelJS from 'exceljs';
import type { RectificationOrderState } from '@app/domain';
import { LEDGER_COLUMNS, ledgerRow } from './ledger.layout';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_NAME = '整改台账';
/** The title is row 1, the header row 2 (an import also accepts a header on row 1). */
export const HEADER_ROW = 2;

/** The title above the header: which ledger, as of which day. */
export function ledgerTitle(today: string): string {
  return `牡丹江市生态环境保护督察整改任务台账（截至 ${today}）`;
}

/** A 'YYYY-MM-DD' as the Date of an Excel date cell (midnight UTC, so reading it back gives the same day). */
function dateCell(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/**
 * The ledger as a real .xlsx: a title row, the header row in LEDGER_COLUMNS order (frozen), then one
 * row per order with 序号, dates as date cells and days overdue as numbers.
 */
export async function ledgerWorkbook(
  rows: Array<{ id: string; state: RectificationOrderState }>,
  today: string,
  caption: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '牡丹江市生态环境保护督察整改工作平台';
  workbook.created = new Date(`${today}T00:00:00+08:00`);
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  sheet.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  const title = sheet.getCell(1, 1);
  title.value = ledgerTitle(today);
  title.font = { bold: true, size: 16 };
  title.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.getRow(1).height = 32;
  const header = sheet.getRow(HEADER_ROW);
  header.values = LEDGER_COLUMNS.map((c) => c.header);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 36;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F6F4A' } };
  });
  rows.forEach((r, i) => {
    const values = ledgerRow(i + 1, r.id, r.state, today);
    const row = sheet.addRow(
      LEDGER_COLUMNS.map((c) => {
        const value = values[c.key];
        if (value === null || value === '') return null;
        return c.type === 'date' ? dateCell(String(value)) : value;
      }),
    );
    row.alignment = { vertical: 'top', wrapText: true };
    LEDGER_COLUMNS.forEach((c, col) => {
      if (c.type === 'date') row.getCell(col + 1).numFmt = 'yyyy-mm-dd';
    });
  });
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: LEDGER_COLUMNS.length } };
  const info = workbook.addWorksheet('说明');
  info.addRow(['导出时间（北京时间）', today]);
  info.addRow(['筛选条件', caption]);
  info.addRow(['条数', rows.length]);
  info.addRow([
    '导入说明',
    '本表可修改后整表导入：新的任务编码为新任务（下达日期早于今天的为补录）；已有任务按任务编码更新，' +
      '修改的“整改进展”“整改措施完成情况”“牵头单位、配合单位、验收单位、责任人、责任领导”分别办理为报送进展、确认措施完成、重新交办，' +
      '其他列的修改不能通过导入办理；原样导入不作任何改动。序号、完成情况、逾期天数、及时性、销号日期、补录、系统编号仅供查看。',
  ]);
  info.getColumn(1).width = 22;
  info.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type CellText = string;

/** A cell's value as trimmed text (rich text and formulas flattened; dates as YYYY-MM-DD). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: string; result?: unknown; hyperlink?: string };
    if (Array.isArray(v.richText))
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if (typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result);
    return '';
  }
  return String(value).trim();
}
