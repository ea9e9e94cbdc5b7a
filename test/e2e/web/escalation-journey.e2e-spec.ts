import type { Browser, Locator, Page } from 'playwright-core';
import { addDays, shanghaiDate } from '@app/domain';
import { EscalationScheduler } from '../../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium } from './browser';
import { confirm, fill, modal, pickDate, SETTLED, shot, signIn } from './journeys';

/**
 * Leadership and an escalation, in Chromium: an order of 宁安市 is past its deadline; the escalation
 * engine's tick raises a warning; the leader acts on it with each of the five actions (已阅, 批示,
 * 督办单, 约谈, 问责) from the cockpit; once the department asks for acceptance the next tick resolves
 * it, and the leader finds it again in the archive (已解除).
 */

jest.setTimeout(240_000);

const LEAD = 'ning-an-city';
const CODE = '浏览器-逾期-1';
let t: TestApp;
let browser: Browser;
let base: string;
let orderId: string;
const today = shanghaiDate(new Date());

async function api<T>(token: string, path: string, body?: object, minPosition?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(minPosition ? { 'x-min-position': minPosition } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({});
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
  // The supervision office registered (补录) an order of 宁安市, 整改中 and five days past its deadline.
  const office = await t.token('supervision-office');
  const backfilled = await api<{ id: string; position: string }>(office, '/api/v1/rectification-orders/backfill', {
    code: CODE,
    source: 'SPECIAL_CAMPAIGN',
    batch: '专项行动',
    finding: '某工业园区污水处理厂超标排放。',
    target: '稳定达标排放。',
    deadlineKind: 'BY_DATE',
    deadline: addDays(today, -5),
    measures: [],
    issuedOn: addDays(today, -60),
    status: 'IN_PROGRESS',
    assignment: { leadDepartment: LEAD, cooperatingDepartments: [], acceptanceDepartment: 'city-eco-env-bureau' },
  });
  orderId = backfilled.id;
  // The escalation engine's tick (the worker runs it on a timer), once the deadlines read model has the order.
  await api(office, `/api/v1/rectification-orders/${orderId}`, undefined, backfilled.position);
  await t.app.get(EscalationScheduler).evaluate();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Polls the API (not the page) for a state the server reaches on its own, up to 20 s. */
async function eventually(fn: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const queueRow = (page: Page): Locator => page.getByTestId('escalation-queue').locator('tr.ant-table-row', { hasText: CODE }).first();

async function act(page: Page, button: string, done: RegExp, form: (page: Page) => Promise<void>): Promise<void> {
  await queueRow(page).getByRole('button', { name: button, exact: true }).click();
  await modal(page).waitFor();
  await form(page);
  await confirm(page, done);
}

describe('leadership and an escalation', () => {
  it('acts on it with each of the five actions, and finds it in the archive once resolved', async () => {
    const leader = await signIn(browser, base, await t.token('leadership', null, 'leader-li'));
    // The app opens on 待办; the escalation queue is on the cockpit.
    await leader.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    // The cockpit polls every 10 s: the warning appears without a reload.
    await queueRow(leader).waitFor({ timeout: 25_000 });
    await shot(leader, 'escalation-01-queue');

    await queueRow(leader).getByRole('button', { name: '已阅', exact: true }).click();
    await leader.locator(`.ant-popconfirm${SETTLED}`).getByRole('button', { name: '确认' }).click();
    await queueRow(leader).locator('.ant-tag').filter({ hasText: '已阅' }).waitFor();

    await act(leader, '批示', /领导批示：.*已提交/, (p) => fill(p, '批示内容', '请宁安市政府主要负责同志牵头，月底前整改到位。'));
    await act(leader, '督办单', /下发督办单：.*已提交/, (p) => fill(p, '督办事项', '限期十日内报送整改进展。'));
    await act(leader, '约谈', /安排约谈：.*已提交/, async (p) => {
      await pickDate(p, '约谈日期', addDays(today, 3));
      await fill(p, '被约谈人', '宁安市人民政府分管副市长');
    });
    await act(leader, '问责', /移交问责：.*已提交/, (p) => fill(p, '问责事由', '逾期未完成整改，且未申请延期。'));
    for (const tag of ['批示', '督办单', '约谈', '问责'])
      await queueRow(leader).locator('.ant-tag').filter({ hasText: tag }).first().waitFor({ timeout: 25_000 });
    await shot(leader, 'escalation-02-acted');

    // The department finishes and asks for acceptance: the deadline counts as met, the next tick resolves it.
    const lead = await t.token('project-lead', LEAD);
    const requested = await api<{ position: string }>(lead, `/api/v1/rectification-orders/${orderId}/request-acceptance`, {
      note: '已整改完毕',
    });
    await api(lead, `/api/v1/rectification-orders/${orderId}`, undefined, requested.position);
    await t.app.get(EscalationScheduler).evaluate();
    // The resolution is an event of the escalation; its read model has it within the bounded wait.
    await eventually(async () => {
      const page = await api<{ items: Array<{ subjectCode: string }> }>(lead, '/api/v1/escalations?status=RESOLVED');
      return page.items.some((e) => e.subjectCode === CODE);
    }, 'the escalation resolved');

    await leader.reload();
    await leader.getByTestId('escalation-queue').getByRole('tab', { name: '已解除（归档）' }).click();
    await leader.getByTestId('escalation-queue').locator('tr.ant-table-row', { hasText: CODE }).waitFor();
    await shot(leader, 'escalation-03-archive');
    await leader.context().close();
  });
});
