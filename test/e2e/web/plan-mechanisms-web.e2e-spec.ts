import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { shanghaiDate } from '@app/domain';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';

jest.setTimeout(180_000);

/**
 * Issue 14 in a real browser. 信息公开 without signing in: the /public page lists the bulletin leadership
 * published, with its download, and the plan's progress, on a phone and on a desktop. 年度考核与公文
 * (linked from the footer): the assessment with its breakdown, and leadership numbering the 考核结果.
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
});

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
