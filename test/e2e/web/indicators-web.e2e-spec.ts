import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { indicatorIdForCode } from '../../../apps/api/src/indicators/indicator-id';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';
import { modal as openDialog, pickOption } from './journeys';

jest.setTimeout(180_000);

/**
 * The 指标 pages in a real browser: the list of the plan's indicators, PM2.5's detail page with its
 * chart, and the lead department's project lead reporting a value through the form the detail view's
 * allowedActions offer, after which the page shows it 滞后 against the 2025 target.
 */

const PM25 = indicatorIdForCode('IND-06');
let t: TestApp;
let browser: Browser;
let base: string;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ SEED_PLAN: 'true', SCHEDULER_ENABLED: 'false' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
  const supervision = await t.token('supervision-office');
  await t
    .http()
    .post(`/api/v1/indicators/${PM25}/assign`)
    .set('authorization', `Bearer ${supervision}`)
    .send({ leadDepartment: 'city-eco-env-bureau', leaderInCharge: { name: '王某', title: '副市长' } })
    .expect(200);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('lists the indicators, opens PM2.5 and reports a value as its lead department', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(await t.token('project-lead', 'city-eco-env-bureau', 'eco-reporter'));
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();

  await page.getByRole('menuitem', { name: '规划指标' }).click();
  const list = page.getByTestId('indicator-list');
  await list.getByRole('link', { name: '细颗粒物（PM2.5）浓度' }).waitFor();
  await list.getByText('共 39 项').waitFor();
  const row = list.locator('tr').filter({ hasText: 'IND-06' });
  await row.getByText('牡丹江市生态环境局').waitFor();
  await row.getByText('无数据').waitFor();
  await shot(page, 'indicators-list');

  await row.getByRole('link', { name: '细颗粒物（PM2.5）浓度' }).click();
  await page.getByTestId('lead-department').getByText('牡丹江市生态环境局').waitFor();
  await page.getByTestId('indicator-chart').locator('canvas').first().waitFor();
  await shot(page, 'indicator-detail');

  await page.getByTestId('indicator-actions').getByRole('button', { name: '报送数值' }).click();
  const modal = openDialog(page);
  // The first period the picker offers.
  const periodPicker = modal.locator('.ant-form-item').filter({ hasText: '统计期' }).locator('.ant-select');
  await periodPicker.click();
  const firstPeriod = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  const periodText = (await firstPeriod.getAttribute('title')) ?? (await firstPeriod.textContent()) ?? '';
  await page.keyboard.press('Escape');
  await pickOption(page, periodPicker, periodText);
  await modal.locator('.ant-form-item').filter({ hasText: '数值（μg/m³）' }).locator('input').fill('35');
  await modal.locator('.ant-form-item').filter({ hasText: '数据来源' }).locator('input').fill('国控站点自动监测');
  await modal.getByRole('button', { name: '提交' }).click();

  await page.getByTestId('indicator-status').getByText('滞后').waitFor();
  const series = page.getByTestId('indicator-series');
  await series.locator('tr').filter({ hasText: periodText }).getByText('35μg/m³').waitFor();
  await page.getByTestId('indicator-history').getByText('报送数值').first().waitFor();
  await shot(page, 'indicator-reported');
  await context.close();

  const { rows } = await t.db.pool.query(`SELECT data FROM event_store.events WHERE stream_id = $1 AND type = 'IndicatorValueReported'`, [
    `indicator-${PM25}`,
  ]);
  expect(rows.map((r) => r.data)).toEqual([expect.objectContaining({ value: 35, reportedBy: 'eco-reporter', source: '国控站点自动监测' })]);
});
