import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ProblemException } from '@app/platform';
import { cellText, SHEET_NAME } from './ledger-xlsx';

/**
 * What a spreadsheet upload may unpack to. A real ledger of 1,000 rows is a few MB of XML; a zip
 * bomb is a small file that claims (or, lying, hides) gigabytes.
 */
export const XLSX_LIMITS = {
  /** Entries in the zip's central directory (an Excel or WPS workbook has a dozen or two). */
  maxEntries: 500,
  /** Uncompressed bytes of all the parts that are read. */
  maxTotalBytes: 24 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of a part larger than 1 MB; spreadsheet XML compresses 5–30 times. */
  maxRatio: 200,
};
const RATIO_CHECKED_ABOVE = 1024 * 1024;

/** The parts a worksheet's rows are read from; everything else (images, macros, printer settings…) is never inflated. */
const NEEDED_PART = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|styles\.xml|sharedStrings\.xml|worksheets\/sheet\d+\.xml)$/;
// ExcelJS's reader streams a worksheet directly only when the parts it depends on came first.
const PART_ORDER = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
const EMPTY_SHARED_STRINGS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

export interface SheetRows {
  headers: string[];
  /** 1-based sheet row of the header: the first of the top rows that names the key column. */
  headerRow: number;
  rows: Array<{ row: number; cells: Record<string, unknown> }>;
}

/** A title row (and notes) may sit above the header; it is looked for in this many top rows. */
const HEADER_SEARCH_ROWS = 5;

function tooLarge(detail: string): ProblemException {
  return new ProblemException(413, 'IMPORT_TOO_LARGE', 'Payload Too Large', detail);
}

function unreadable(detail: string): ProblemException {
  return new ProblemException(422, 'IMPORT_UNREADABLE', 'Unprocessable Content', detail);
}

function openZip(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

/** The central directory, read without inflating anything. */
function centralDirectory(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/**
 * Inflates one part, counting what actually comes out: yauzl stops a part that inflates beyond the
 * size the central directory declared (a lying entry), and `budget` stops the total.
 */
function inflate(zip: ZipFile, entry: Entry, budget: { left: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        budget.left -= chunk.length;
        if (budget.left < 0) {
          stream.destroy();
          reject(tooLarge('导入文件解压后过大，已拒绝：请只保留“整改台账”表的数据后重试'));
          return;
        }
        chunks.push(chunk);
      });
      stream.once('end', () => resolve(Buffer.concat(chunks)));
      stream.once('error', reject);
    });
  });
}

/**
 * The parts of an .xlsx that rows are read from, checked before anything is inflated: the number of
 * entries, the declared uncompressed total, each large part's compression ratio, no encryption, only
 * stored or deflated parts. Then only those parts are inflated, within the same budget.
 */
export async function extractSpreadsheetParts(file: Buffer): Promise<Map<string, Buffer>> {
  let zip: ZipFile;
  let entries: Entry[];
  try {
    zip = await openZip(file);
    if (zip.entryCount > XLSX_LIMITS.maxEntries) {
      throw tooLarge(`导入文件包含 ${zip.entryCount} 个部件，超过上限 ${XLSX_LIMITS.maxEntries}，不是正常的 Excel 表格`);
    }
    entries = await centralDirectory(zip);
  } catch (error) {
    if (error instanceof ProblemException) throw error;
    throw unreadable('无法读取该文件：请上传 .xlsx 格式的 Excel 表格（可先导出台账作为模板）');
  }
  try {
    const needed = entries.filter((e) => NEEDED_PART.test(e.fileName));
    let declared = 0;
    for (const entry of needed) {
      if (entry.isEncrypted()) throw unreadable('导入文件已加密，请取消密码保护后再导入');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw unreadable('导入文件使用了不支持的压缩方式，请用 Excel 或 WPS 另存为 .xlsx 后再导入');
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > RATIO_CHECKED_ABOVE && ratio > XLSX_LIMITS.maxRatio) {
        throw tooLarge(`导入文件的压缩比异常（${Math.round(ratio)} 倍），疑似压缩炸弹，已拒绝`);
      }
    }
    if (declared > XLSX_LIMITS.maxTotalBytes) {
      throw tooLarge(
        `导入文件解压后约 ${Math.ceil(declared / 1024 / 1024)} MB，超过上限 ${XLSX_LIMITS.maxTotalBytes / 1024 / 1024} MB，请分批导入`,
      );
    }
    if (!needed.some((e) => e.fileName === 'xl/workbook.xml')) throw unreadable('无法读取该文件：不是有效的 .xlsx 表格（缺少工作簿）');
    const budget = { left: XLSX_LIMITS.maxTotalBytes };
    const parts = new Map<string, Buffer>();
    for (const entry of needed) parts.set(entry.fileName, await inflate(zip, entry, budget));
    return parts;
  } catch (error) {
    if (error instanceof ProblemException) throw error;
    // yauzl's size validation ("too many bytes in the stream") lands here: the part lied about its size.
    throw tooLarge('导入文件的部件解压后超过其声明的大小，疑似压缩炸弹，已拒绝');
  } finally {
    zip.close();
  }
}

/** The extracted parts as a fresh, uncompressed zip, in the order the streaming reader wants them. */
async function repack(parts: Map<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  if (!parts.has('xl/sharedStrings.xml')) parts.set('xl/sharedStrings.xml', Buffer.from(EMPTY_SHARED_STRINGS));
  const sheets = [...parts.keys()]
    .filter((name) => !PART_ORDER.includes(name))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  for (const name of [...PART_ORDER, ...sheets]) {
    const part = parts.get(name);
    if (part) zip.file(name, part);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

/**
 * The rows of the ledger sheet (named 整改台账, else the first), read as they stream out of the XML:
 * the header row (the first of the top rows that names `keyHeader`, else row 1), then each non-empty
 * data row with its 1-based sheet row number. More than `maxRows` data rows stops the read at once
 * with 422.
 */
export async function readSpreadsheet(file: Buffer, options: { maxRows: number; keyHeader: string }): Promise<SheetRows> {
  const packed = await repack(await extractSpreadsheetParts(file));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([packed]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let first: SheetRows | null = null;
  try {
    for await (const worksheet of reader) {
      const sheet: SheetRows = { headers: [], headerRow: 0, rows: [] };
      // Rows above the header are held until the header is found, since a sheet without a title row
      // starts with it and one with a title row does not.
      const top: Array<{ number: number; values: unknown[] }> = [];
      const addRow = (number: number, values: unknown[]) => {
        const cells: Record<string, unknown> = {};
        let any = false;
        sheet.headers.forEach((h, i) => {
          cells[h] = values[i];
          if (cellText(values[i]) !== '') any = true;
        });
        if (!any) return;
        sheet.rows.push({ row: number, cells });
        if (sheet.rows.length > options.maxRows) {
          throw new ProblemException(
            422,
            'IMPORT_INVALID',
            'Unprocessable Content',
            `一次最多导入 ${options.maxRows} 行，本表超过 ${options.maxRows} 行，请分批导入`,
            { errors: [] },
          );
        }
      };
      const settleHeader = (found?: { number: number; values: unknown[] }) => {
        const header = found ?? top[0] ?? { number: 1, values: [] };
        sheet.headerRow = header.number;
        sheet.headers = header.values.map((v) => cellText(v));
        for (const held of top) if (held.number > header.number) addRow(held.number, held.values);
        top.length = 0;
      };
      for await (const row of worksheet) {
        const values: unknown[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          values[col - 1] = cell.value;
        });
        if (!sheet.headerRow) {
          const candidate = { number: row.number, values };
          if (values.some((v) => cellText(v) === options.keyHeader)) settleHeader(candidate);
          else if (row.number < HEADER_SEARCH_ROWS) top.push(candidate);
          else {
            top.push(candidate);
            settleHeader();
          }
          continue;
        }
        addRow(
          row.number,
          sheet.headers.map((_, i) => values[i]),
        );
      }
      if (!sheet.headerRow) settleHeader();
      if ((worksheet as unknown as { name?: string }).name === SHEET_NAME) return sheet;
      first ??= sheet;
    }
  } catch (error) {
    if (error instanceof ProblemException) throw error;
    throw unreadable('无法读取该文件：请上传 .xlsx 格式的 Excel 表格（可先导出台账作为模板）');
  }
  return first ?? { headers: [], headerRow: 1, rows: [] };
}
