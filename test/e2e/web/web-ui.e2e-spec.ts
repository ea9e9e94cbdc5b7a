import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { AppConfig } from '@app/platform';
import { EscalationScheduler } from '../../../apps/worker/src/scheduler/escalation.scheduler';
import { LEDGER_COLUMNS } from '../../../apps/api/src/ledger/ledger.layout';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';
import { choose as chooseIn, confirm, modal, newPage as newJourneyPage, pageNow, pickOption, waitForShown } from './journeys';

jest.setTimeout(180_000);

let t: TestApp;
let browser: Browser;
let base: string;

async function api<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function eventually<T>(fn: () => Promise<T | undefined | null | false>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const newPage = (): Promise<Page> => newJourneyPage(browser);

async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** Picks the option of the open dialog's field whose text contains `optionText` (the milestone's id). */
const choose = (page: Page, fieldLabel: string, optionText: string) => chooseIn(page, fieldLabel, optionText, { exact: false });

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  // The scheduler is driven by hand here, so the cockpit can be watched before and after a tick.
  t = await createTestApp({ SEED_PLAN: 'true', SEED_SAMPLES: 'true', SCHEDULER_ENABLED: 'false' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  browser = await launch();
  const leader = await t.token('leadership');
  await eventually(async () => (await api<{ total: number }>(leader, '/api/v1/ledger/orders')).total >= 20, 'seeded sample orders');
  await eventually(async () => (await api<{ total: number }>(leader, '/api/v1/key-projects')).total >= 33, 'seeded key projects');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('web UI in Chromium', () => {
  it('serves the app at / and deep links, while unknown API paths stay problem+json 404s', async () => {
    const index = await fetch(`${base}/orders/some-client-route`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    const api404 = await fetch(`${base}/api/v1/no-such-thing`);
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toContain('application/problem+json');
    // DATABASE_URL is set in tests, so this is not the embedded default: no demo users.
    expect((await fetch(`${base}/api/v1/auth/demo-users`)).status).toBe(404);
  });

  it('a project lead reports progress and achieves a milestone with evidence', async () => {
    const department = 'ning-an-city';
    const lead = await t.token('project-lead', department, 'lead-ningan');
    const list = await api<{
      items: Array<{
        id: string;
        code: string;
        status: string;
        milestones: Array<{ milestoneId: string; name: string; achievedOn: string | null }>;
      }>;
    }>(lead, `/api/v1/key-projects?department=${department}&pageSize=100`);
    const project = list.items.find((p) => p.milestones.some((m) => !m.achievedOn) && ['PLANNED', 'IN_PROGRESS'].includes(p.status));
    expect(project).toBeDefined();
    const milestone = project!.milestones.find((m) => !m.achievedOn)!;

    const page = await newPage();
    await signInWithToken(page, lead);
    await page.getByText('重点工程', { exact: true }).first().click();
    await page.getByTestId('mine-filter').click();
    await page.locator('.ant-table-tbody tr a').first().waitFor();
    await shot(page, '02-projects-list');
    await page.goto(`${base}/projects/${project!.id}`);

    if (project!.status === 'PLANNED') {
      await page.getByRole('button', { name: /^确认(开工|启动)$/ }).click();
      await modal(page).getByRole('button', { name: '提交' }).click();
      await page.getByText('实施中').first().waitFor();
    }

    // 报送进展
    await page.getByRole('button', { name: '报送进展' }).click();
    await choose(page, '推进中的里程碑', milestone.milestoneId);
    await modal(page).getByLabel('该里程碑完成百分比').fill('60');
    await modal(page).getByLabel('进展情况').fill('浏览器测试：主体工程完成六成，设备已进场。');
    await confirm(page, '报送进展：已提交');
    await page.getByRole('tab', { name: /进度报告/ }).click();
    await page.getByTestId('progress-reports').getByText('浏览器测试：主体工程完成六成').waitFor();

    // 确认里程碑完成，附佐证材料
    await page.getByRole('button', { name: '确认里程碑完成' }).click();
    await choose(page, '里程碑', milestone.milestoneId);
    await modal(page).getByLabel('佐证材料名称').fill('浏览器测试竣工验收单');
    await modal(page).getByLabel('文号或链接').fill('宁环发〔2025〕8号');
    await confirm(page, '确认里程碑完成：已提交');
    await page.getByRole('tab', { name: '里程碑时间轴' }).click();
    const row = page
      .getByTestId('milestone-table')
      .locator('tr')
      .filter({ hasText: milestone.name.slice(0, 10) });
    await row.locator('.ant-tag-success').waitFor();
    await expect(row.getByText('浏览器测试竣工验收单').count()).resolves.toBe(1);
    await shot(page, '03-project-detail');

    // The audit trail names who did it; the state as of yesterday has no achievement yet.
    await page.getByRole('tab', { name: '历史记录' }).click();
    await page.getByTestId('audit-trail').getByText('确认里程碑完成').waitFor();
    await expect(
      page
        .getByTestId('audit-trail')
        .getByText(/测试用户 project-lead/)
        .count(),
    ).resolves.toBeGreaterThan(0);
    await shot(page, '04-project-history');

    const detail = await api<{
      milestones: Array<{ milestoneId: string; achievedOn: string | null; evidence: unknown[] }>;
      progressReports: unknown[];
    }>(lead, `/api/v1/key-projects/${project!.id}`);
    expect(detail.milestones.find((m) => m.milestoneId === milestone.milestoneId)).toMatchObject({ achievedOn: expect.any(String) });
    expect(detail.progressReports.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a leadership member (demo picker) sees a new overdue escalation appear without reloading and issues an instruction', async () => {
    // The demo-user picker is for the embedded default; this app runs on DATABASE_URL, so turn it on here.
    Object.defineProperty(t.app.get(AppConfig), 'embedded', { get: () => true, configurable: true });
    const leader = await t.token('leadership');
    type Queue = {
      items: Array<{ id: string; subjectCode: string; subjectId: string; level: number; actions: Array<{ type: string; text?: string }> }>;
    };
    expect((await api<Queue>(leader, '/api/v1/escalations?status=OPEN')).items).toHaveLength(0);

    const page = await newPage();
    await page.goto(`${base}/`);
    await page.getByTestId('demo-user-demo-leader').click();
    // The app opens on 待办; the cockpit is one menu item away.
    await page.getByTestId('todo-list').waitFor();
    await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await page.getByTestId('escalation-queue').getByText('暂无待处理的预警').waitFor();
    await page.getByTestId('league-table').locator('tbody tr.ant-table-row').first().waitFor();

    // The real escalation engine's tick, over the seeded sample orders (several are overdue).
    const beforeTick = await pageNow(page);
    const scheduler = t.app.get(EscalationScheduler);
    const top = await eventually(async () => {
      await scheduler.evaluate();
      return (await api<Queue>(leader, '/api/v1/escalations?status=OPEN')).items[0];
    }, 'escalations raised by the scheduler');
    // Polling every 10 s: the row appears without a reload, with a notification.
    const row = page.getByTestId('escalation-queue').locator('tbody tr', { hasText: top.subjectCode }).first();
    await row.waitFor({ timeout: 25_000 });
    await waitForShown(page, '新增', beforeTick);
    await shot(page, '01-cockpit');

    const text = '请宁安市政府主要负责同志牵头，月底前整改到位，每周报告进展。';
    await row.getByRole('button', { name: '批示' }).click();
    await modal(page).getByLabel('批示内容').fill(text);
    await confirm(page, /领导批示：.*已提交/);
    const instructed = await eventually(async () => {
      const queue = await api<Queue>(leader, `/api/v1/escalations?status=OPEN&subjectId=${top.subjectId}`);
      return queue.items.find((e) => e.actions.some((a) => a.type === 'LeadershipInstructed' && a.text?.includes(text)));
    }, 'the instruction recorded on the escalation');
    expect(instructed.subjectCode).toBe(top.subjectCode);
    await page.getByTestId('escalation-queue').locator('.ant-tag').filter({ hasText: '批示' }).first().waitFor({ timeout: 25_000 });
    await page.context().close();
  });

  it('exports exactly the filtered ledger rows as a spreadsheet', async () => {
    const office = await t.token('supervision-office', 'supervision-office');
    const expected = await api<{ items: Array<{ code: string }>; total: number }>(
      office,
      '/api/v1/ledger/orders?source=CENTRAL_INSPECTION&pageSize=100',
    );
    const all = await api<{ total: number }>(office, '/api/v1/ledger/orders');
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(all.total);

    const page = await newPage();
    await signInWithToken(page, office);
    await page.getByText('整改台账', { exact: true }).first().click();
    await pickOption(page, page.getByTestId('filter-source'), '中央生态环境保护督察');
    await page
      .getByTestId('ledger-total')
      .filter({ hasText: `共 ${expected.total} 条` })
      .waitFor();
    await shot(page, '05-orders-ledger');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(SCREENSHOTS, '..', 'ledger-export.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('整改台账')!;
    // A title row, then the header (序号 first), then one row per order.
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/^牡丹江市生态环境保护督察整改任务台账/);
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(2).value]).toEqual(['序号', '任务编码']);
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) codes.push(String(row.getCell(2).value));
    });
    expect(codes.sort()).toEqual(expected.items.map((o) => o.code).sort());
    sheet.eachRow((row, n) => {
      if (n > 2) expect(row.getCell(3).value).toBe('中央生态环境保护督察');
    });

    // The order page: its state timeline and the actions this role may take.
    await page.getByTestId('ledger-table').locator('tbody tr a').first().click();
    await page.locator('.ant-steps').waitFor();
    await shot(page, '06-order-detail');
    await page.context().close();
  });

  it('rejects an import with one bad row, naming that row, and imports nothing', async () => {
    const office = await t.token('supervision-office', 'supervision-office');
    const before = (await api<{ total: number }>(office, '/api/v1/ledger/orders')).total;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('整改台账');
    sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
    const row = (code: string, lead: string) => {
      const values: Record<string, string> = {
        code,
        source: '自查发现',
        batch: '浏览器测试批次',
        finding: `${code} 河道两岸垃圾堆放`,
        target: '清理到位并建立长效保洁机制',
        deadlineKind: '限期整改',
        originalDeadline: '2099-06-30',
        measures: '2099-05-31 清理河道垃圾\n2099-06-30 建立保洁制度',
        leadDepartment: lead,
        cooperatingDepartments: '',
        acceptanceDepartment: '牡丹江市生态环境局',
        responsiblePerson: '分管副市长',
      };
      sheet.addRow(LEDGER_COLUMNS.map((c) => values[c.key] ?? ''));
    };
    row('浏览器测试-01', '宁安市人民政府');
    row('浏览器测试-02', '不存在的单位');
    row('浏览器测试-03', '宁安市人民政府');
    const file = join(SCREENSHOTS, '..', 'import-one-bad-row.xlsx');
    await workbook.xlsx.writeFile(file);

    const page = await newPage();
    await signInWithToken(page, office);
    await page.goto(`${base}/orders`);
    await page.getByTestId('import-xlsx').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await errors.getByText('第 3 行').first().waitFor();
    await expect(errors.getByText('不存在的单位', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await expect(errors.getByText('第 2 行').count()).resolves.toBe(0);
    await shot(page, '07-import-rejected');
    expect((await api<{ total: number }>(office, '/api/v1/ledger/orders')).total).toBe(before);
    await page.context().close();
  });
});
