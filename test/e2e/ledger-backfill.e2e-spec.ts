import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { shanghaiDate } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { XLSX_MIME } from '../../apps/api/src/ledger/ledger-xlsx';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, eventCount, type TestApp } from '../support/app';

/**
 * 补录 and the ledger round trip (issue 15, item 3): an order of 2018 registered with its original
 * dates is escalated once, also after a restart; an exported ledger imported unchanged changes
 * nothing, and an edited one changes exactly the edited cells, through their commands, or nothing.
 */

const ORDERS = '/api/v1/rectification-orders';
const LEAD = 'ning-an-city';

// The app starts, restarts and ticks on a machine shared with other test runs.
jest.setTimeout(60_000);

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ SCHEDULER_ENABLED: 'false' });
  tokens.office = await t.token('supervision-office', null, 'office-wang');
  tokens.lead = await t.token('project-lead', LEAD);
  tokens.integrator = await t.token('integrator');
});
afterAll(async () => {
  await t?.close();
});

async function settle(app: TestApp = t): Promise<void> {
  const { rows } = await app.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await app.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function post(path: string, token: string, body: object = {}, expected = 200, app: TestApp = t) {
  const res = await app.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

async function detail(id: string) {
  await settle();
  return (await t.http().get(`${ORDERS}/${id}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200)).body;
}

async function deadlineEscalations(app: TestApp, id: string) {
  const { rows } = await app.db.pool.query<{ level: number; trigger: string }>(
    `SELECT level, trigger FROM read_models.escalations WHERE subject_id = $1 AND item_kind = 'ORDER_DEADLINE'`,
    [id],
  );
  return rows;
}

const today = () => shanghaiDate(new Date());
const code = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

describe('补录: an order of the 2018 回头看', () => {
  it('is registered with its original dates, marked 补录, and raises its overdue level once, also after a restart', async () => {
    const res = await post(
      `${ORDERS}/backfill`,
      tokens.office,
      {
        code: code('回头看2018'),
        source: 'CENTRAL_FOLLOW_UP',
        batch: '2018年中央环境保护督察“回头看”',
        finding: '某工业园区污水处理厂长期超负荷运行，出水超标排放。',
        target: '完成扩建，出水稳定达标。',
        sector: 'WATER_ENVIRONMENT',
        deadlineKind: 'BY_DATE',
        deadline: '2018-12-31',
        measures: [{ measureId: 'M1', description: '完成扩建工程', dueDate: '2018-10-31' }],
        issuedOn: '2018-06-20',
        status: 'IN_PROGRESS',
        assignment: { leadDepartment: LEAD, cooperatingDepartments: [], responsiblePerson: '宁安市人民政府市长' },
        startedOn: '2018-07-01',
      },
      201,
    );
    const id = res.body.id as string;
    const order = await detail(id);
    expect(order).toMatchObject({
      status: 'IN_PROGRESS',
      issuedOn: '2018-06-20',
      originalDeadline: '2018-12-31',
      acceptanceDepartment: 'city-eco-env-bureau',
      backfill: { enteredBy: 'office-wang', enteredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });

    await settle();
    await t.app.get(EscalationScheduler).evaluate();
    await settle();
    expect(await deadlineEscalations(t, id)).toEqual([{ level: 4, trigger: 'accountability' }]);
    await t.app.get(EscalationScheduler).evaluate();
    await settle();
    expect(await deadlineEscalations(t, id)).toHaveLength(1);

    // A restart: a new process on the same database, with an empty state cache.
    const first = t;
    await first.app.close();
    const restarted = await createTestApp({ SCHEDULER_ENABLED: 'false' }, { database: first.db });
    try {
      await settle(restarted);
      const before = await eventCount(restarted);
      await restarted.app.get(EscalationScheduler).evaluate();
      await settle(restarted);
      expect(await deadlineEscalations(restarted, id)).toEqual([{ level: 4, trigger: 'accountability' }]);
      expect(await eventCount(restarted)).toBe(before);
    } finally {
      await restarted.close();
      await first.db.drop();
    }
    t = await createTestApp({ SCHEDULER_ENABLED: 'false' });
  });

  it('refuses a backfilled issue date in the future, and a backfill by a project lead', async () => {
    const body = {
      code: code('补录'),
      source: 'PROVINCIAL_INSPECTION',
      batch: '2019年省级生态环境保护督察',
      finding: '问题',
      target: '目标',
      deadlineKind: 'BY_DATE',
      deadline: '2099-12-31',
      measures: [],
      issuedOn: '2099-01-01',
      status: 'ISSUED',
    };
    const res = await post(`${ORDERS}/backfill`, tokens.office, body, 422);
    expect(res.body).toMatchObject({ code: 'DATE_IN_FUTURE', rule: 'GEN-DATE-1' });
    await post(`${ORDERS}/backfill`, await t.token('project-lead', LEAD), { ...body, issuedOn: '2019-01-01' }, 403);
  });
});

describe('the ledger round trip', () => {
  async function exportLedger(filter = ''): Promise<Buffer> {
    await settle();
    const res = await t
      .http()
      .get(`${ORDERS}/export.xlsx${filter}`)
      .set('authorization', `Bearer ${tokens.office}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return res.body as Buffer;
  }

  const importLedger = (file: Buffer) =>
    t.http().post(`${ORDERS}/import`).set('authorization', `Bearer ${tokens.office}`).set('content-type', XLSX_MIME).send(file);

  async function edit(file: Buffer, change: (sheet: ExcelJS.Worksheet, column: (header: string) => number) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('整改台账') as ExcelJS.Worksheet;
    const headers = Array.from(sheet.getRow(2).values as unknown[], (v) => String(v ?? ''));
    change(sheet, (header) => {
      const index = headers.findIndex((h) => h.startsWith(header));
      if (index < 0) throw new Error(`no column ${header}`);
      return index;
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  const rowOf = (sheet: ExcelJS.Worksheet, column: (h: string) => number, orderCode: string): ExcelJS.Row => {
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(column('任务编码')).value === orderCode) found = row;
    });
    if (!found) throw new Error(`no row ${orderCode}`);
    return found;
  };

  let batch: string;
  let inProgress: { id: string; code: string };
  let issuedOnly: { id: string; code: string };

  beforeAll(async () => {
    batch = code('台账往返批次');
    const issue = async (measures: object[]) => {
      const c = code('台账');
      const res = await post(
        ORDERS,
        tokens.office,
        {
          code: c,
          source: 'SPECIAL_CAMPAIGN',
          batch,
          finding: `${c}：河道两岸垃圾堆放`,
          target: '清理到位',
          deadlineKind: 'BY_DATE',
          deadline: '2099-06-30',
          measures,
          sector: 'DOMESTIC_WASTE',
        },
        201,
      );
      return { id: res.body.id as string, code: c };
    };
    inProgress = await issue([
      { measureId: 'M1', description: '清理河道垃圾', dueDate: '2099-05-31' },
      { measureId: 'M2', description: '建立保洁制度', dueDate: '2099-06-30' },
    ]);
    await post(`${ORDERS}/${inProgress.id}/assign`, tokens.office, {
      leadDepartment: LEAD,
      cooperatingDepartments: [],
      leaderInCharge: '副市长甲',
    });
    await post(`${ORDERS}/${inProgress.id}/start`, tokens.lead);
    await post(`${ORDERS}/${inProgress.id}/report-progress`, tokens.lead, { summary: '已清理 3 公里河道。' });
    issuedOnly = await issue([]);
  });

  it('exports a title row, the header, 序号, 完成情况 and real date cells', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportLedger(`?batch=${encodeURIComponent(batch)}`)) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('整改台账') as ExcelJS.Worksheet;
    expect(String(sheet.getCell(1, 1).value)).toMatch(/^牡丹江市生态环境保护督察整改任务台账（截至 \d{4}-\d{2}-\d{2}）$/);
    const headers = Array.from(sheet.getRow(2).values as unknown[], (v) => String(v ?? ''));
    for (const h of ['序号', '责任领导（包保市领导）', '整改进展', '完成情况', '逾期天数', '问题领域', '下达日期'])
      expect(headers).toContain(h);
    const col = (h: string) => headers.indexOf(h);
    const row = rowOf(sheet, col, inProgress.code);
    expect(row.getCell(col('整改时限')).value).toEqual(new Date('2099-06-30T00:00:00Z'));
    expect(row.getCell(col('整改时限')).numFmt).toBe('yyyy-mm-dd');
    expect(typeof row.getCell(col('序号')).value).toBe('number');
    expect(row.getCell(col('整改进展')).value).toBe('已清理 3 公里河道。');
    expect(row.getCell(col('完成情况')).value).toBe('达到序时进度');
    expect(row.getCell(col('责任领导（包保市领导）')).value).toBe('副市长甲');
    expect(row.getCell(col('验收单位')).value).toBe('牡丹江市城市管理综合执法局');
  });

  it('imports an unchanged export as a no-op', async () => {
    const file = await exportLedger();
    const before = await eventCount(t);
    const res = await importLedger(file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 0, updated: 0, position: '0' });
    expect(res.body.unchanged).toBeGreaterThanOrEqual(2);
    expect(await eventCount(t)).toBe(before);
  });

  it('applies exactly the edited cells, each as its command', async () => {
    const file = await edit(await exportLedger(), (sheet, column) => {
      const row = rowOf(sheet, column, inProgress.code);
      row.getCell(column('整改进展')).value = '已清理 5 公里河道，保洁制度起草完成。';
      row.getCell(column('整改措施')).value = `2099-05-31 清理河道垃圾（已完成 ${today()}）\n2099-06-30 建立保洁制度`;
      row.getCell(column('责任人')).value = '宁安市城管局局长';
    });
    const store = t.app.get(PostgresEventStore);
    const versionBefore = (await store.readStream(`rectification-order-${inProgress.id}`)).length;
    const before = await eventCount(t);
    const res = await importLedger(file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 0, updated: 1 });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        code: inProgress.code,
        change: 'UPDATE',
        commands: ['ReassignOrder', 'CompleteMeasure', 'ReportOrderProgress'],
      }),
    ]);
    expect(await eventCount(t)).toBe(before + 3);
    const appended = (await store.readStream(`rectification-order-${inProgress.id}`)).slice(versionBefore);
    expect(appended.map((e) => [e.type, e.metadata.actor?.userId])).toEqual([
      ['OrderReassigned', 'office-wang'],
      ['MeasureCompleted', 'office-wang'],
      ['OrderProgressReported', 'office-wang'],
    ]);
    const order = await detail(inProgress.id);
    expect(order).toMatchObject({ responsiblePerson: '宁安市城管局局长', leaderInCharge: '副市长甲', leadDepartment: LEAD });
    expect(order.measures[0]).toMatchObject({ status: 'DONE', completedOn: today() });

    // The file as it now stands imports as a no-op again.
    const again = await importLedger(await exportLedger());
    expect(again.body).toMatchObject({ updated: 0, imported: 0 });
  });

  it('refuses the whole file when a row changes what no command changes, naming the row', async () => {
    let badRow = 0;
    const file = await edit(await exportLedger(), (sheet, column) => {
      rowOf(sheet, column, inProgress.code).getCell(column('整改进展')).value = '本应写入的进展';
      const row = rowOf(sheet, column, issuedOnly.code);
      row.getCell(column('督察意见（问题）')).value = '改写的督察意见';
      row.getCell(column('现行时限')).value = new Date('2099-12-31T00:00:00Z');
      badRow = row.number;
    });
    const before = await eventCount(t);
    const res = await importLedger(file);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.errors).toEqual([
      { row: badRow, field: '督察意见（问题）', messages: [expect.stringContaining('不能通过导入修改')] },
      { row: badRow, field: '现行时限', messages: [expect.stringContaining('申请延期')] },
    ]);
    expect(await eventCount(t)).toBe(before);
  });

  it('registers a backfill row (past 下达日期) with its status, its completed measures and its progress', async () => {
    const file = await edit(await exportLedger(`?batch=${encodeURIComponent(batch)}`), (sheet, column) => {
      const row = sheet.addRow([]);
      const set = (header: string, value: unknown) => (row.getCell(column(header)).value = value as ExcelJS.CellValue);
      set('任务编码', '补录-2019-省督-05');
      set('问题来源', '省级生态环境保护督察');
      set('批次', '2019年省级生态环境保护督察');
      set('督察意见（问题）', '某镇生活垃圾填埋场渗滤液未处理。');
      set('问题领域', '生活垃圾处理');
      set('整改目标', '渗滤液全部收集处理。');
      set('时限类型', '限期整改');
      set('下达日期', new Date('2019-08-15T00:00:00Z'));
      set('整改时限', new Date('2020-12-31T00:00:00Z'));
      set('整改措施', '2020-06-30 建设渗滤液收集池（已完成 2020-06-20）\n2020-12-31 建设渗滤液处理站');
      set('牵头单位', '宁安市人民政府');
      set('责任人', '宁安市人民政府分管副市长');
      set('整改进展', '收集池已建成，处理站在建。');
      set('状态', '整改中');
    });
    const res = await importLedger(file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 1, backfilled: 1, updated: 0 });
    const [item] = res.body.items as Array<{ id: string; commands: string[] }>;
    expect(item.commands).toEqual(['BackfillOrder', 'CompleteMeasure', 'ReportOrderProgress']);
    const order = await detail(item.id);
    expect(order).toMatchObject({
      status: 'IN_PROGRESS',
      issuedOn: '2019-08-15',
      originalDeadline: '2020-12-31',
      acceptanceDepartment: 'city-urban-management-bureau',
      backfill: { enteredBy: 'office-wang' },
    });
    expect(order.measures.map((m: { status: string }) => m.status)).toEqual(['DONE', 'OPEN']);
  });
});
