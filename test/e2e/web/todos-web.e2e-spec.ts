import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Clock } from '@app/platform';
import { MinPositionInterceptor } from '../../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';
import { confirm, modal, signIn } from './journeys';

jest.setTimeout(180_000);

/**
 * 待办 in a real browser: a project lead signs in and the app opens on 待办 with its count in the
 * menu; the scheduler raises an escalation on the department's order and, without a reload, the to-do
 * appears, the 待办 badge counts it and the 消息 badge counts the new message (pushed by the stream).
 */

const LEAD = 'ning-an-city';
let t: TestApp;
let browser: Browser;
let base: string;
let current = new Date('2024-05-01T10:00:00+08:00');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

let orderCode = '';
beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ SCHEDULER_ENABLED: 'false' });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(current.getTime()));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
  const office = await t.token('supervision-office');
  const lead = await t.token('project-lead', LEAD, 'ning-an-user');
  orderCode = `督察-${Math.random().toString(36).slice(2, 8)}`;
  const issued = await t
    .http()
    .post('/api/v1/rectification-orders')
    .set('authorization', `Bearer ${office}`)
    .send({
      code: orderCode,
      source: 'SELF_FOUND',
      batch: '2024年自查',
      finding: '镜泊湖流域部分村屯生活污水未经处理直排入湖河流。',
      target: '沿湖村屯生活污水全部收集处理。',
      deadlineKind: 'BY_DATE',
      deadline: '2024-06-30',
      measures: [{ measureId: crypto.randomUUID(), description: '建设村屯污水收集管网。', dueDate: '2024-06-30' }],
    })
    .expect(201);
  const id = issued.body.id as string;
  await t
    .http()
    .post(`/api/v1/rectification-orders/${id}/assign`)
    .set('authorization', `Bearer ${office}`)
    .send({
      leadDepartment: LEAD,
      responsiblePerson: '宁安市人民政府市长',
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    })
    .expect(200);
  await t.http().post(`/api/v1/rectification-orders/${id}/start`).set('authorization', `Bearer ${lead}`).send({}).expect(200);
  await settle();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const badgeCount = (page: Page, testId: string) => page.getByTestId(testId).locator('.ant-badge-count');

it.each([
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
])('opens on 待办 after sign-in and shows a raised escalation live (%s)', async (name, viewport) => {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(await t.token('project-lead', LEAD, `ning-an-${name}`));
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();
  const list = page.getByTestId('todo-list');
  await list.waitFor();
  expect(new URL(page.url()).pathname).toBe('/todos');

  if (name === 'desktop') {
    // Nothing waits on the department yet: the order is started and owes no plan.
    await list.getByText('暂无待办事项').waitFor();
    // The stream is up: from here on nothing is polled, so what appears next was pushed.
    await page.locator('html[data-live="connected"]').waitFor({ state: 'attached' });
    await shot(page, '40-todos-empty');
    // The scheduler's tick on the day after the deadline raises a red escalation on the order.
    current = new Date('2024-07-01T10:00:00+08:00');
    await t.app.get(EscalationScheduler).tick();
  }
  // Without a reload: the to-do appears, linking to the order, and both badges count.
  const item = list.getByTestId('todo-item').filter({ hasText: '红色预警' });
  await item.waitFor();
  await item.getByText(orderCode, { exact: false }).waitFor();
  await badgeCount(page, 'todo-badge')
    .filter({ hasText: /^[1-9]/ })
    .first()
    .waitFor();
  await badgeCount(page, 'message-badge')
    .filter({ hasText: /^[1-9]/ })
    .first()
    .waitFor();
  await shot(page, `41-todos-live-${name}`);

  if (name === 'desktop') {
    await page.getByRole('button', { name: '消息' }).click();
    const message = page.getByTestId('message-list').getByTestId('message-item').filter({ hasText: '红色预警' }).first();
    await message.waitFor();
    await shot(page, '42-messages');
    await message.getByRole('button', { name: '标为已读' }).click();
    await message.getByRole('button', { name: '标为已读' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '待办' }).click();
    await item.getByRole('link').click();
    await page.waitForURL(/\/orders\//);
  }
  await context.close();
});

it('a 催办 sent from the cockpit reaches the department’s message centre live', async () => {
  const open = (token: string) => signIn(browser, base, token);
  const lead = await open(await t.token('project-lead', LEAD, 'ning-an-reader'));
  await lead.getByRole('button', { name: '消息' }).click();
  const list = lead.getByTestId('message-list');
  await list.getByTestId('message-item').first().waitFor();
  expect(await list.getByTestId('message-item').filter({ hasText: '催办' }).count()).toBe(0);
  await lead.locator('html[data-live="connected"]').waitFor({ state: 'attached' });

  const leader = await open(await t.token('leadership', null, 'leader-zhang'));
  await leader.getByRole('menuitem', { name: '领导驾驶舱' }).click();
  const row = leader.getByTestId('escalation-queue').locator('tbody tr', { hasText: orderCode }).first();
  await row.getByRole('button', { name: '催办' }).click();
  await modal(leader).getByLabel('催办内容').fill('请于本周五前报送整改进展。');
  await confirm(leader, /催办：.*已提交/);

  // Without a reload, the department's user sees it, unread.
  const reminder = list.getByTestId('message-item').filter({ hasText: '请于本周五前报送整改进展' });
  await reminder.waitFor();
  await reminder.getByRole('button', { name: '标为已读' }).waitFor();
  await shot(lead, '43-message-reminder-live');
});
