import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { shanghaiDate } from '@app/domain';
import { MinPositionInterceptor } from '../../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';
import { confirm, expectMessage, modal, pickOption, signIn } from './journeys';

jest.setTimeout(180_000);

/**
 * Issue 14 in a real browser. 信息公开 without signing in: the /public page lists the bulletin leadership
 * published, with its download, and the plan's progress, on a phone and on a desktop. 年度考核与公文
 * (linked from the footer): the assessment with its breakdown, and leadership numbering the 考核结果 and
 * signing a department's 目标责任书. The 公文 on their pages: the 整改销号审批表 of a closed order and the
 * 督办单 of an escalation on the cockpit, each downloaded as .docx.
 */

let t: TestApp;
let browser: Browser;
let base: string;
let title: string;

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ SEED_PLAN: 'true', SEED_SAMPLES: 'true' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
  const res = await t
    .http()
    .post('/api/v1/bulletins')
    .set('authorization', `Bearer ${await t.token('leadership')}`)
    .send({ period: shanghaiDate(new Date()).slice(0, 7) })
    .expect(201);
  title = res.body.title;
  // The samples' overdue orders raise escalations on the scheduler's first tick.
  await settle();
  await t.app.get(EscalationScheduler).tick();
  await settle();
});

async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function apiGet<T>(token: string, path: string): Promise<T> {
  const res = await t.http().get(path).set('authorization', `Bearer ${token}`).expect(200);
  return res.body as T;
}

/** Clicks the button and waits for the browser's download; answers the file's name. */
async function downloadBy(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(await file.failure()).toBeNull();
  return file.suggestedFilename();
}

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it.each([
  ['phone', 390, 844],
  ['desktop', 1440, 900],
])('shows the published bulletin and the progress without login (%s)', async (name, width, height) => {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/public`);
  await page.getByText(title).waitFor();
  await page.getByRole('link', { name: '下载 Word' }).first().waitFor();
  await page.getByText('督察整改任务').waitFor();
  await page.getByText(/规划指标（\d+ 项）/).waitFor();
  await page.getByText('本页不含个人信息和内部工作记录。').waitFor();
  // Nobody signed in: no sign-in form, no user menu.
  expect(await page.getByTestId('current-user').count()).toBe(0);
  await page.screenshot({ path: join(SCREENSHOTS, `public-${name}.png`), fullPage: true });
  await context.close();
});

it('shows leadership the year’s assessment with its breakdown, and numbers the 考核结果 into the register', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(await t.token('leadership', null, 'leader-web'));
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();
  await page.getByRole('link', { name: '年度考核与公文' }).click();
  const table = page.getByTestId('assessment-table');
  const first = table.locator('tbody tr.ant-table-row').first();
  await first.waitFor();
  await first.locator('.ant-table-row-expand-icon').click();
  await table
    .getByText(/^基础分/)
    .first()
    .waitFor();
  await page.getByRole('button', { name: '生成考核结果公文' }).click();
  const year = shanghaiDate(new Date()).slice(0, 4);
  await page.getByTestId('document-list').getByText(`牡生态考〔${year}〕1号`).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'assessment-desktop.png'), fullPage: true });
  await context.close();
});

const year = shanghaiDate(new Date()).slice(0, 4);

it('gives the supervision office the 整改销号审批表 of a closed order on its page, as .docx', async () => {
  const office = await t.token('supervision-office', null, 'office-web');
  const closed = await apiGet<{ items: Array<{ id: string; code: string; source: string }> }>(
    office,
    '/api/v1/rectification-orders?state=CLOSED&pageSize=100',
  );
  const order = closed.items.find((o) => o.source !== 'PETITION');
  expect(order).toBeDefined();
  const page = await signIn(browser, base, office);
  await page.goto(`${base}/orders/${order!.id}`);
  await page.getByTestId('order-status').getByText('已销号').waitFor();
  let name = '';
  await expectMessage(page, `已编号并下载：牡整改销〔${year}〕1号`, async () => {
    name = await downloadBy(page, () => page.getByRole('button', { name: '整改销号审批表' }).click());
  });
  expect(name).toBe(`牡整改销〔${year}〕1号-整改销号审批表.docx`);
  // Leadership reads the order but does not number this document: no button.
  const leader = await signIn(browser, base, await t.token('leadership', null, 'leader-order'));
  await leader.goto(`${base}/orders/${order!.id}`);
  await leader.getByTestId('order-status').getByText('已销号').waitFor();
  expect(await leader.getByRole('button', { name: '整改销号审批表' }).count()).toBe(0);
  await page.context().close();
  await leader.context().close();
});

it('lets leadership download the 督办单 of an escalation on the cockpit once the notice was issued', async () => {
  const token = await t.token('leadership', null, 'leader-notice');
  const open = await apiGet<{ items: Array<{ id: string; subjectCode: string; level: number; daysOverdue: number }> }>(
    token,
    '/api/v1/escalations?status=OPEN&pageSize=100',
  );
  // The cockpit's first row: highest level, then most days overdue.
  const [first] = [...open.items].sort((a, b) => b.level - a.level || b.daysOverdue - a.daysOverdue);
  expect(first).toBeDefined();
  await t
    .http()
    .post(`/api/v1/escalations/${first.id}/supervision-notice`)
    .set('authorization', `Bearer ${token}`)
    .send({ text: '请于10日内完成整改并书面报告。' })
    .expect(200);
  const page = await signIn(browser, base, token);
  await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
  const row = page
    .getByTestId('escalation-queue')
    .locator('tr.ant-table-row', { hasText: first.subjectCode })
    .filter({ has: page.getByRole('button', { name: '下载督办单' }) })
    .first();
  let name = '';
  await expectMessage(page, `已编号并下载：牡生态督〔${year}〕1号`, async () => {
    name = await downloadBy(page, () => row.getByRole('button', { name: '下载督办单' }).click());
  });
  expect(name).toBe(`牡生态督〔${year}〕1号-督办单.docx`);
  await page.context().close();
});

it('lets leadership sign a department’s 目标责任书 on the assessment page, which then shows 已签订', async () => {
  const token = await t.token('leadership', null, 'leader-target');
  const lists = await apiGet<{ departments: Array<{ department: string; departmentName: string; signed: unknown }> }>(
    token,
    `/api/v1/target-responsibility/${year}`,
  );
  const dept = lists.departments.find((d) => !d.signed);
  expect(dept).toBeDefined();
  const page = await signIn(browser, base, token);
  await page.getByRole('link', { name: '年度考核与公文' }).click();
  const card = page.getByTestId('target-responsibility');
  await card.getByText('请选择单位', { exact: true }).waitFor();
  await pickOption(page, card.locator('.ant-select').first(), dept!.departmentName);
  await card.getByTestId('target-signed').getByText('未签订').waitFor();
  await card.getByTestId('target-entries').locator('tbody tr.ant-table-row').first().waitFor();
  await card.getByRole('button', { name: '签订目标责任书' }).click();
  await modal(page).getByText(`确认将“${dept!.departmentName}”`).waitFor();
  await confirm(page, /签订目标责任书（.*）：已提交/, /^签\s?订$/);
  await card.getByTestId('target-signed').getByText('已签订').waitFor();
  await card.getByText('清单与签订时一致。').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'target-responsibility-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.getByTestId('target-signed').getByText('已签订').waitFor();
  await card.screenshot({ path: join(SCREENSHOTS, 'target-responsibility-phone.png') });
  await page.context().close();
});
