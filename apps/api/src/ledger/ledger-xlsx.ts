import ExcelJS from 'exceljs';
import type { RectificationOrderState } from '@app/domain';
import { LEDGER_COLUMNS, ledgerRow } from './ledger.layout';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_NAME = '整改台账';

/** The ledger as a real .xlsx: a header row in LEDGER_COLUMNS order, one row per order, frozen header. */
export async function ledgerWorkbook(
  rows: Array<{ id: string; state: RectificationOrderState }>,
  today: string,
  caption: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '牡丹江市生态环境保护督察整改工作平台';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 30;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F6F4A' } };
  });
  for (const r of rows) {
    const row = sheet.addRow(ledgerRow(r.id, r.state, today));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };
  const info = workbook.addWorksheet('说明');
  info.addRow(['导出时间（北京时间）', today]);
  info.addRow(['筛选条件', caption]);
  info.addRow(['条数', rows.length]);
  info.addRow(['导入说明', '按“整改台账”表的同样格式填写新任务即可导入；“现行时限”及其后各列仅供查看，导入时不读取。']);
  info.getColumn(1).width = 22;
  info.getColumn(2).width = 80;
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
