import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import { shanghaiDate } from '@app/domain';
import { EscalationScheduler } from '../../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium } from './browser';
import { modal } from './journeys';

jest.setTimeout(240_000);

/**
 * Stored XSS: every free-text field a user can write gets a script payload, then every page that
 * shows them is opened (tabs, dropdowns, chart tooltips hovered) by the people who would read them.
 * No payload may run, and the Content-Security-Policy must report no violation: a payload turned
 * into HTML would either run or be blocked by the CSP, and both are caught here.
 */
let t: TestApp;
let browser: Browser;
let base: string;

/** A payload that records its number if it ever runs; short enough for a 32-character code. */
const payload = (n: number) => `X${n}<img src=x onerror=__xss.push(${n})><svg onload=__xss.push(${n})>`;
const shortPayload = (n: number) => `X${n}<svg onload=__xss.push(${n})>`;
let planted = 0;
const next = () => payload(++planted);

const days = (n: number) => shanghaiDate(new Date(Date.now() + n * 86_400_000));

async function call(token: string, path: string, body: unknown, expected = 200): Promise<Record<string, unknown>> {
  const res = await t
    .http()
    .post(path)
    .set('authorization', `Bearer ${token}`)
    .send(body as object);
  if (res.status !== expected) throw new Error(`${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

async function waitFor(token: string, path: string, position: unknown): Promise<void> {
  await t.http().get(path).set('authorization', `Bearer ${token}`).set('x-min-position', String(position)).expect(200);
}

interface Planted {
  projectId: string;
  orderId: string;
  petitionId: string;
}

async function plant(): Promise<Planted> {
  const office = await t.token('supervision-office', 'supervision-office');
  const lead = await t.token('project-lead', 'ning-an-city', 'lead-xss');
  const leader = await t.token('leadership', null, 'leader-xss');

  // A key project: its name, unit, person, description, milestones, progress, baseline change, evidence.
  const project = await call(
    office,
    '/api/v1/key-projects',
    {
      code: shortPayload(++planted),
      name: next(),
      planBox: 7,
      category: 'ecology',
      leadDepartment: 'ning-an-city',
      cooperatingDepartments: [],
      implementingUnit: next(),
      responsiblePerson: next(),
      plannedStart: days(-30),
      plannedEnd: days(300),
      plannedInvestment: null,
      description: next(),
    },
    201,
  );
  const projectId = project.id as string;
  await call(lead, `/api/v1/key-projects/${projectId}/start`, { startedOn: days(-10) });
  await call(lead, `/api/v1/key-projects/${projectId}/plan-milestone`, {
    milestoneId: 'M1',
    name: next(),
    weight: 50,
    baselineDate: days(20),
  });
  await call(lead, `/api/v1/key-projects/${projectId}/plan-milestone`, {
    milestoneId: 'M2',
    name: next(),
    weight: 50,
    baselineDate: days(60),
  });
  await call(lead, `/api/v1/key-projects/${projectId}/report-progress`, {
    milestoneId: 'M1',
    percentComplete: 40,
    forecastDate: days(25),
    narrative: next(),
  });
  await call(lead, `/api/v1/key-projects/${projectId}/request-baseline-change`, {
    milestoneId: 'M2',
    proposedBaselineDate: days(90),
    reason: next(),
  });
  const achieved = await call(lead, `/api/v1/key-projects/${projectId}/achieve-milestone`, {
    milestoneId: 'M1',
    achievedOn: days(0),
    evidence: [{ evidenceId: 'E1', title: next(), uri: 'javascript:__xss.push(999)' }],
  });

  // A rectification order near its deadline (so it is on the cockpit and escalates), with every text.
  const order = await call(
    office,
    '/api/v1/rectification-orders',
    {
      code: next(),
      source: 'SELF_FOUND',
      batch: next(),
      finding: next(),
      target: next(),
      deadlineKind: 'BY_DATE',
      deadline: days(2),
      measures: [{ measureId: 'M1', description: next(), dueDate: days(1) }],
    },
    201,
  );
  const orderId = order.id as string;
  await call(office, `/api/v1/rectification-orders/${orderId}/assign`, {
    leadDepartment: 'ning-an-city',
    cooperatingDepartments: [],
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: next(),
  });
  await call(lead, `/api/v1/rectification-orders/${orderId}/start`, {});
  await call(lead, `/api/v1/rectification-orders/${orderId}/report-progress`, { summary: next(), percentComplete: 30 });
  await call(lead, `/api/v1/rectification-orders/${orderId}/attach-evidence`, { title: next(), uri: 'javascript:__xss.push(998)' });
  const extension = await call(lead, `/api/v1/rectification-orders/${orderId}/request-extension`, {
    requestedDeadline: days(40),
    reason: next(),
    progressSoFar: next(),
  });

  // A petition case: its number, the follow-up visit and the finding.
  const petition = await call(
    office,
    '/api/v1/rectification-orders',
    {
      code: next(),
      source: 'PETITION',
      batch: next(),
      finding: next(),
      target: next(),
      deadlineKind: 'BY_DATE',
      deadline: days(30),
      measures: [{ measureId: 'M1', description: next(), dueDate: days(20) }],
      petition: { forwardedOn: days(-1), caseNumber: next() },
    },
    201,
  );
  const petitionId = petition.id as string;
  await call(office, `/api/v1/rectification-orders/${petitionId}/assign`, {
    leadDepartment: 'ning-an-city',
    cooperatingDepartments: [],
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: next(),
  });
  await call(lead, `/api/v1/rectification-orders/${petitionId}/report-petition-finding`, { finding: 'PARTLY_TRUE', summary: next() });
  const visit = await call(lead, `/api/v1/rectification-orders/${petitionId}/record-follow-up-visit`, {
    visitedOn: days(0),
    summary: next(),
    satisfied: true,
  });

  await waitFor(leader, `/api/v1/key-projects/${projectId}`, achieved.position);
  await waitFor(leader, `/api/v1/rectification-orders/${orderId}`, extension.position);
  await waitFor(leader, `/api/v1/rectification-orders/${petitionId}`, visit.position);

  // The escalation engine raises a warning on the order; leadership instructs on it.
  await t.app.get(EscalationScheduler).evaluate();
  let escalationId: string | undefined;
  for (let attempt = 0; attempt < 100 && !escalationId; attempt++) {
    const queue = await t.http().get(`/api/v1/escalations?status=OPEN&subjectId=${orderId}`).set('authorization', `Bearer ${leader}`);
    escalationId = queue.body.items?.[0]?.id;
    if (!escalationId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!escalationId) throw new Error('no escalation raised for the planted order');
  const instructed = await call(leader, `/api/v1/escalations/${escalationId}/instruct`, { text: next() });
  await waitFor(leader, `/api/v1/escalations/${escalationId}`, instructed.position);
  return { projectId, orderId, petitionId };
}

interface Watched {
  page: Page;
  consoleErrors: string[];
}

async function openAs(token: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // In the page, before its own scripts: what ran, and what the CSP refused.
  await context.addInitScript({
    content: `window.__xss = []; window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));`,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const consoleErrors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('dialog', (d) => {
    consoleErrors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();
  return { page, consoleErrors };
}

/** Moves the mouse over the whole chart, so that every point's tooltip is shown once. */
async function hoverAll(page: Page, chart: Locator): Promise<void> {
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error('chart not visible');
  for (let y = box.y + 8; y < box.y + box.height - 8; y += 8) {
    for (let x = box.x + 8; x < box.x + box.width - 8; x += 12) await page.mouse.move(x, y);
  }
}

async function visitAllTabs(page: Page, onTab?: (name: string) => Promise<void>): Promise<void> {
  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    const name = (await tab.textContent()) ?? '';
    await tab.click();
    await page.waitForTimeout(150);
    await onTab?.(name);
  }
}

async function expectNothingRan(w: Watched): Promise<void> {
  const state = (await w.page.evaluate('({ ran: window.__xss, violations: window.__csp })')) as { ran: number[]; violations: string[] };
  expect({ ran: state.ran, violations: state.violations, console: w.consoleErrors }).toEqual({ ran: [], violations: [], console: [] });
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ SCHEDULER_ENABLED: 'false' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('no HTML from data', () => {
  it('runs none of the payloads planted in every free-text field, on any page, and the CSP reports nothing', async () => {
    const planted = await plant();
    const leader = await openAs(await t.token('leadership', null, 'leader-viewer'));
    const { page } = leader;

    // Cockpit: escalation queue (code, instruction), league table, deadlines, overdue chart.
    await page.getByRole('menuitem', { name: '领导驾驶舱' }).click();
    await page.getByTestId('escalation-queue').getByText('X', { exact: false }).first().waitFor();
    await page.getByTestId('league-table').locator('tbody tr.ant-table-row').first().waitFor();
    const cockpitChart = page.locator('[_echarts_instance_]').first();
    if (await cockpitChart.count()) await hoverAll(page, cockpitChart);
    await expect(page.content()).resolves.toContain('&lt;img src=x onerror=__xss.push(');

    // Key projects: the list (filtered by the planted text), then every tab of the project, the chart hovered.
    await page.goto(`${base}/projects`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await page.goto(`${base}/projects/${planted.projectId}`);
    await page.getByRole('tab').first().waitFor();
    await visitAllTabs(page, async () => {
      const chart = page.locator('[_echarts_instance_]:visible');
      if (await chart.count()) await hoverAll(page, chart.first());
    });

    // The order and the petition case: every tab, and the ledger with the planted text as the filter.
    for (const id of [planted.orderId, planted.petitionId]) {
      await page.goto(`${base}/orders/${id}`);
      await page.locator('.ant-steps').waitFor();
      await visitAllTabs(page);
    }
    await page.goto(`${base}/orders`);
    await page.getByTestId('ledger-table').locator('tr.ant-table-row').first().waitFor();
    await expectNothingRan(leader);
    await page.context().close();

    // The project lead: the milestone picker of the progress form lists the planted names.
    const lead = await openAs(await t.token('project-lead', 'ning-an-city', 'lead-viewer'));
    await lead.page.goto(`${base}/projects/${planted.projectId}`);
    await lead.page.getByRole('button', { name: '报送进展' }).click();
    await modal(lead.page).locator('.ant-select').first().click();
    await lead.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await lead.page.keyboard.press('Escape');
    await lead.page.goto(`${base}/orders/${planted.orderId}`);
    await lead.page.locator('.ant-steps').waitFor();
    await visitAllTabs(lead.page);
    await expectNothingRan(lead);
    await lead.page.context().close();
  });
});
