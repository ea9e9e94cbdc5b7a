import ExcelJS from 'exceljs';
import { PostgresEventStore } from '@app/event-store';
import { XLSX_MIME } from '../../apps/api/src/ledger/ledger-xlsx';
import { LEDGER_COLUMNS } from '../../apps/api/src/ledger/ledger.layout';
import { createTestApp, eventCount, type TestApp } from '../support/app';

const IMPORT = '/api/v1/rectification-orders/import';

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  tokens.office = await t.token('supervision-office', null, 'office-importer');
  tokens.lead = await t.token('project-lead', 'ning-an-city');
}, 60_000);
afterAll(() => t.close());

type Row = Partial<Record<(typeof LEDGER_COLUMNS)[number]['key'], string>>;

function row(code: string, extra: Row = {}): Row {
  return {
    code,
    source: '自查发现',
    batch: '导入测试批次',
    finding: `${code}：河道两岸垃圾堆放`,
    target: '清理到位并建立长效保洁机制',
    deadlineKind: '限期整改',
    originalDeadline: '2099-06-30',
    measures: '2099-05-31 清理河道垃圾\n2099-06-30 建立保洁制度',
    ...extra,
  };
}

async function workbook(rows: Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('整改台账');
  sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  for (const r of rows) sheet.addRow(LEDGER_COLUMNS.map((c) => r[c.key] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = async (rows: Row[], token = tokens.office) =>
  t
    .http()
    .post(IMPORT)
    .set('authorization', `Bearer ${token}`)
    .set('content-type', XLSX_MIME)
    .send(await workbook(rows));

describe('xlsx import through the command path', () => {
  it('issues every row and assigns those that name departments, as one batch, with the importer in the metadata', async () => {
    const res = await upload([
      row('导入-01', { leadDepartment: '宁安市人民政府', acceptanceDepartment: '牡丹江市生态环境局', responsiblePerson: '分管副市长' }),
      row('导入-02'),
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 2, position: expect.stringMatching(/^\d+$/) });
    const [assigned, issued] = res.body.items as Array<{ row: number; id: string; code: string }>;
    expect([assigned.row, issued.row]).toEqual([2, 3]);

    const store = t.app.get(PostgresEventStore);
    const first = await store.readStream(`rectification-order-${assigned.id}`);
    expect(first.map((e) => [e.type, e.metadata.command, e.metadata.actor?.userId])).toEqual([
      ['OrderIssued', 'IssueOrder', 'office-importer'],
      ['OrderAssigned', 'AssignOrder', 'office-importer'],
    ]);
    expect((await store.readStream(`rectification-order-${issued.id}`)).map((e) => e.type)).toEqual(['OrderIssued']);

    const detail = await t
      .http()
      .get(`/api/v1/rectification-orders/${assigned.id}`)
      .set('authorization', `Bearer ${tokens.office}`)
      .set('x-min-position', res.body.position)
      .expect(200);
    expect(detail.body).toMatchObject({ code: '导入-01', status: 'ASSIGNED', leadDepartment: 'ning-an-city' });
  });

  it('refuses the whole file, naming every bad row, when one row is malformed and another breaks a rule', async () => {
    const before = await eventCount(t);
    const res = await upload([
      row('导入-11', { originalDeadline: '2020-01-31', measures: '2020-01-15 清理河道垃圾' }),
      row('导入-12', { leadDepartment: '不存在的单位', acceptanceDepartment: '牡丹江市生态环境局' }),
      row('导入-13'),
    ]);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.detail).toMatch(/未写入任何数据：第 2、3 行有错误/);
    expect(res.body.errors).toEqual([
      { row: 2, field: '业务规则', messages: [expect.stringMatching(/不能早于下达日期/)] },
      { row: 3, field: '牵头单位', messages: [expect.stringMatching(/不存在的单位/)] },
    ]);
    expect(await eventCount(t)).toBe(before);
  });

  it('refuses an importer whose role may not issue orders (403), before reading the file', async () => {
    const res = await upload([row('导入-21')], tokens.lead);
    expect(res.status).toBe(403);
  });
});
