import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays, shanghaiDate } from '@app/domain';
import { keyProjectIdForCode } from '../../../apps/api/src/key-projects/key-project-id';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';
import { choose as chooseIn, confirm, modal, pickDate, signIn } from './journeys';

/**
 * The 交办 journey in Chromium: the supervision office finds Lagu (ZL7-1) among the 待交办 items and
 * assigns it with a 责任领导; that department's project lead starts it and reports progress while
 * another department's lead is offered neither; the lead asks for a later baseline and leadership
 * approves it; the history shows the state just before the approval, with the old baseline.
 */

jest.setTimeout(180_000);

const LAGU = keyProjectIdForCode('ZL7-1');
const LEAD = 'city-natural-resources-bureau';
const OTHER = 'ning-an-city';

let t: TestApp;
let browser: Browser;
let base: string;
const today = shanghaiDate(new Date());
const plannedEnd = addDays(today, 365);
const newBaseline = addDays(today, 200);

async function api<T>(token: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: res.status, body: (await res.json()) as T };
}

const newPage = (token: string): Promise<Page> => signIn(browser, base, token);

/** Picks the option of the open dialog's field whose text contains `optionText`. */
const choose = (page: Page, fieldLabel: string, optionText: string) => chooseIn(page, fieldLabel, optionText, { exact: false });

const submit = (page: Page, confirmation: string | RegExp): Promise<void> => confirm(page, confirmation, /^提交$/);

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ SEED_PLAN: 'true', SCHEDULER_ENABLED: 'false' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('交办 journey in Chromium', () => {
  it('assigns Lagu, lets its department start and report, approves a baseline change and shows the state before it', async () => {
    // 1. The supervision office: the cockpit's 待交办 figure, the 待交办 list, then the 交办 form.
    const office = await t.token('supervision-office', null, 'office-chen');
    const page = await newPage(office);
    await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await page.getByTestId('awaiting-assignment-count').getByText('31').waitFor();
    await page.getByTestId('awaiting-assignment-count').click();
    const row = page.getByTestId('awaiting-assignment-table').locator('tr').filter({ hasText: 'ZL7-1' });
    await row.waitFor();
    await shot(page, '10-awaiting-assignment');
    await row.getByRole('link', { name: 'ZL7-1' }).click();
    await page.getByTestId('plan-item-facts').getByText('专栏7；第一章 二（四）').waitFor();
    await page.getByTestId('plan-item-facts').getByText('待交办').waitFor();
    await page.getByRole('button', { name: '交办', exact: true }).click();
    await choose(page, '牵头单位', '牡丹江市自然资源局');
    await modal(page).getByLabel('责任领导姓名').fill('王明');
    await modal(page).getByLabel('责任领导职务').fill('副市长');
    await modal(page).getByLabel('责任人').fill('赵敏');
    await pickDate(page, '计划完成日期', plannedEnd);
    await shot(page, '11-assign-form');
    await submit(page, /交办.*已提交/);
    await page.getByTestId('plan-item-facts').getByText('王明（副市长）').first().waitFor();
    await page.getByTestId('project-actions').getByRole('button', { name: '重新交办' }).waitFor();
    await shot(page, '12-assigned');
    await page.context().close();

    // 2. Another department's lead is offered neither start nor progress, and the API answers 403.
    const other = await t.token('project-lead', OTHER, 'lead-ning');
    const otherPage = await newPage(other);
    await otherPage.goto(`${base}/projects/${LAGU}`);
    await otherPage.getByTestId('plan-item-facts').waitFor();
    await expect(otherPage.getByRole('button', { name: '确认开工' }).count()).resolves.toBe(0);
    await expect(otherPage.getByRole('button', { name: '报送进展' }).count()).resolves.toBe(0);
    expect(
      (await api(other, `/api/v1/key-projects/${LAGU}/start`, { method: 'POST', body: JSON.stringify({ startedOn: today }) })).status,
    ).toBe(403);
    await otherPage.context().close();

    // 3. That department's lead starts Lagu, reports progress and asks for a later baseline.
    const lead = await t.token('project-lead', LEAD, 'lead-zhao');
    const leadPage = await newPage(lead);
    await leadPage.goto(`${base}/projects/${LAGU}`);
    await leadPage.getByRole('button', { name: '确认开工' }).click();
    await submit(leadPage, '开工：已提交');
    await leadPage.getByText('实施中').first().waitFor();
    await leadPage.getByRole('button', { name: '报送进展' }).click();
    await choose(leadPage, '推进中的里程碑', 'ZL7-1-M1');
    await modal(leadPage).getByLabel('该里程碑完成百分比').fill('20');
    await modal(leadPage).getByLabel('进展情况').fill('浏览器测试：完成破损山体边坡清理和地形测绘。');
    await submit(leadPage, '报送进展：已提交');
    await leadPage.getByRole('button', { name: '申请调整基线' }).click();
    await choose(leadPage, '里程碑', 'ZL7-1-M1');
    await pickDate(leadPage, '拟调整为', newBaseline);
    await modal(leadPage).getByLabel('调整理由').fill('雨季边坡失稳，需延后覆绿。');
    await submit(leadPage, '申请调整基线：已提交');
    await shot(leadPage, '13-lead-started-and-reported');
    await leadPage.context().close();

    // 4. Leadership approves; the history's "此前状态" of the approval shows the old baseline.
    const leader = await t.token('leadership', null, 'leader-li');
    const leaderPage = await newPage(leader);
    await leaderPage.goto(`${base}/projects/${LAGU}`);
    await leaderPage.getByTestId('pending-baseline').getByRole('button', { name: '批准' }).click();
    await submit(leaderPage, /批准基线调整.*已提交/);
    await leaderPage.getByTestId('pending-baseline').waitFor({ state: 'detached' });
    const detail = await api<{ milestones: Array<{ baselineDate: string; originalBaselineDate: string }> }>(
      leader,
      `/api/v1/key-projects/${LAGU}`,
    );
    const oldBaseline = detail.body.milestones[0].originalBaselineDate;
    expect(detail.body.milestones[0].baselineDate).toBe(newBaseline);
    expect(oldBaseline).not.toBe(newBaseline);

    await leaderPage.getByRole('tab', { name: '历史记录' }).click();
    const history = await api<{ items: Array<{ type: string; version: number }> }>(leader, `/api/v1/key-projects/${LAGU}/history`);
    const approval = history.body.items.find((e) => e.type === 'BaselineChangeApproved')!;
    await leaderPage.getByTestId(`before-v${approval.version}`).click();
    const before = leaderPage.getByTestId('as-of-state');
    await before.getByText('之前的状态').waitFor();
    const fmt = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
    await before.getByText(fmt(oldBaseline)).first().waitFor();
    await expect(before.getByText(fmt(newBaseline)).count()).resolves.toBe(0);
    await shot(leaderPage, '14-history-before-approval');
    await leaderPage.context().close();
  });
});
