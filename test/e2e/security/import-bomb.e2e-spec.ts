import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from '../../../apps/api/src/ledger/ledger.layout';
import { createTestApp, type TestApp } from '../../support/app';

/**
 * Safe imports: the zip's central directory is checked before anything is inflated, only the parts
 * rows are read from are inflated and within a budget that counts real bytes, rows stream with the
 * cap enforced as they arrive, and the file is read only for an authenticated importer.
 */
jest.setTimeout(120_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

let t: TestApp;
let office: string;
/** 512 MB of worksheet XML, deflated to under 2 MB. */
let bombSheet: ZipPart;

beforeAll(async () => {
  t = await createTestApp({ RUN_WORKER: 'false' });
  office = await t.token('supervision-office', 'supervision-office');
  bombSheet = await bombPart('xl/worksheets/sheet1.xml', 512 * MB);
});
afterAll(() => t?.close());

interface ZipPart {
  name: string;
  /** Deflated bytes. */
  data: Buffer;
  crc: number;
  size: number;
  /** The uncompressed size the headers claim (a lying bomb claims little). */
  declaredSize?: number;
}

function part(name: string, text: string): ZipPart {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
}

/** `size` bytes of a repeated row, deflated as a stream, so the test itself never holds them. */
async function bombPart(name: string, size: number): Promise<ZipPart> {
  const row = Buffer.from('<row><c t="inlineStr"><is><t>0000000000000000000000000000000000000000</t></is></c></row>'.repeat(400));
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let written = 0;
  while (written < size) {
    const piece = row.subarray(0, Math.min(row.length, size - written));
    crc = crc32(piece, crc);
    written += piece.length;
    if (!deflate.write(piece)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name, data: Buffer.concat(out), crc, size };
}

/** A zip written by hand, so that its headers can say what a bomb's would. */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="整改台账" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** Sends the file and samples the process's memory until the answer arrives (the API runs in this process). */
async function importMeasured(file: Buffer): Promise<{ status: number; type: string; code: string; growthMb: number }> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const res = await t
      .http()
      .post('/api/v1/rectification-orders/import')
      .set('authorization', `Bearer ${office}`)
      .set('content-type', XLSX)
      .send(file);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { status: res.status, type: res.headers['content-type'], code: res.body.code, growthMb: (peak - baseline) / MB };
  } finally {
    clearInterval(sampler);
  }
}

async function ledgerFile(rows: number, withDateCells = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('整改台账');
  sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  for (let i = 1; i <= rows; i++) {
    const values: Record<string, unknown> = {
      code: `导入-${Date.now().toString(36)}-${i}`,
      source: '自查发现',
      batch: '导入安全测试批次',
      finding: `第 ${i} 处河道垃圾堆放`,
      target: '清理到位',
      deadlineKind: '限期整改',
      originalDeadline: withDateCells ? new Date(Date.UTC(2099, 5, 30)) : '2099-06-30',
      measures: '2099-05-31 清理河道垃圾',
    };
    sheet.addRow(LEDGER_COLUMNS.map((c) => values[c.key] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('safe .xlsx import', () => {
  it('still imports a real spreadsheet, date cells included', async () => {
    const res = await t
      .http()
      .post('/api/v1/rectification-orders/import')
      .set('authorization', `Bearer ${office}`)
      .set('content-type', XLSX)
      .send(await ledgerFile(2, true));
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
  });

  it('refuses a bomb whose central directory admits its size, before inflating it', async () => {
    const bomb = zip([part('xl/workbook.xml', WORKBOOK), part('xl/_rels/workbook.xml.rels', RELS), bombSheet]);
    expect(bomb.length).toBeLessThan(2 * MB);
    const answer = await importMeasured(bomb);
    expect(answer).toMatchObject({ status: 413, type: expect.stringMatching(/^application\/problem\+json/), code: 'IMPORT_TOO_LARGE' });
    expect(answer.growthMb).toBeLessThan(100);
  });

  it('refuses a bomb whose headers lie about its size, while inflating it, within the memory budget', async () => {
    const sheet = { ...bombSheet, declaredSize: 4096 };
    const bomb = zip([part('xl/workbook.xml', WORKBOOK), part('xl/_rels/workbook.xml.rels', RELS), sheet]);
    const answer = await importMeasured(bomb);
    expect(answer).toMatchObject({ status: 413, type: expect.stringMatching(/^application\/problem\+json/), code: 'IMPORT_TOO_LARGE' });
    expect(answer.growthMb).toBeLessThan(100);
  });

  it('answers a file over 10 MB with 413 problem+json', async () => {
    const res = await t
      .http()
      .post('/api/v1/rectification-orders/import')
      .set('authorization', `Bearer ${office}`)
      .set('content-type', XLSX)
      .send(Buffer.alloc(11 * MB, 1));
    expect({ status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
      status: 413,
      type: expect.stringMatching(/^application\/problem\+json/),
      code: 'IMPORT_TOO_LARGE',
    });
  });

  it('refuses a zip of too many entries, and one that is not a spreadsheet', async () => {
    const many = zip(Array.from({ length: 2000 }, (_, i) => part(`docProps/p${i}.xml`, '<x/>')));
    expect(await importMeasured(many)).toMatchObject({ status: 413, code: 'IMPORT_TOO_LARGE' });
    const notXlsx = zip([part('readme.txt', '你好')]);
    expect(await importMeasured(notXlsx)).toMatchObject({ status: 422, code: 'IMPORT_UNREADABLE' });
    expect(await importMeasured(Buffer.from('not a zip at all'))).toMatchObject({ status: 422, code: 'IMPORT_UNREADABLE' });
  });

  it('stops at the row cap while the rows stream in', async () => {
    const res = await t
      .http()
      .post('/api/v1/rectification-orders/import')
      .set('authorization', `Bearer ${office}`)
      .set('content-type', XLSX)
      .send(await ledgerFile(1001));
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/一次最多导入 1000 行/);
  });

  it('reads no file for a caller who may not import: 401 without a token, 403 for other roles', async () => {
    const file = Buffer.alloc(5 * MB, 1);
    const anonymous = await t.http().post('/api/v1/rectification-orders/import').set('content-type', XLSX).send(file);
    expect({ status: anonymous.status, type: anonymous.headers['content-type'] }).toEqual({
      status: 401,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    const lead = await t.token('project-lead', 'ning-an-city');
    const refused = await t
      .http()
      .post('/api/v1/rectification-orders/import')
      .set('authorization', `Bearer ${lead}`)
      .set('content-type', XLSX)
      .send(file);
    expect(refused.status).toBe(403);
  });
});
