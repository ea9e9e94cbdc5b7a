import type { Browser, Page } from 'playwright-core';
import { addDays, shanghaiDate } from '@app/domain';
import { keyProjectIdForCode } from '../../../apps/api/src/key-projects/key-project-id';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium } from './browser';
import { choose, confirm, fill, modal, open, pickDate, PHONE, shot, signIn } from './journeys';

/**
 * The project lead on a site visit, on a phone (390×844): from the 本单位 workbench to Lagu (ZL7-1),
 * which the supervision office has assigned to the department: 开工, a milestone planned (code M1),
 * progress reported, the milestone achieved, a later baseline asked for. Then leadership, at its
 * desk, finds the request under 待审批, rejects it, and approves the second one; and decides two
 * extension requests of orders. Every dialog fits the phone's screen.
 */

jest.setTimeout(300_000);

const LAGU = keyProjectIdForCode('ZL7-1');
const LEAD = 'city-natural-resources-bureau';
const ORDER_LEAD = 'ning-an-city';
let t: TestApp;
let browser: Browser;
let base: string;
const today = shanghaiDate(new Date());
let seededMilestone: { milestoneId: string; name: string };

async function api<T>(token: string, path: string, body?: object): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ SEED_PLAN: 'true' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
  // What the supervision office did before (its own journeys click it): Lagu assigned to the bureau,
  // and two orders of 宁安市 with an extension request each.
  const office = await t.token('supervision-office');
  const detail = await api<{ milestones: Array<{ milestoneId: string; name: string }> }>(office, `/api/v1/key-projects/${LAGU}`);
  seededMilestone = detail.milestones[0];
  await api(office, `/api/v1/key-projects/${LAGU}/assign`, {
    leadDepartment: LEAD,
    cooperatingDepartments: [],
    responsibleLeader: { name: '王明', title: '副市长' },
    responsiblePerson: '赵敏',
    plannedStart: today,
    plannedEnd: addDays(today, 365),
    milestones: [{ milestoneId: seededMilestone.milestoneId, baselineDate: addDays(today, 300) }],
  });
  const lead = await t.token('project-lead', ORDER_LEAD);
  for (const code of ['延期-1', '延期-2']) {
    const { id } = await api<{ id: string }>(office, '/api/v1/rectification-orders', {
      code,
      source: 'PROVINCIAL_INSPECTION',
      batch: '省级督察',
      finding: `${code}：问题`,
      target: '目标',
      deadlineKind: 'BY_DATE',
      deadline: addDays(today, 20),
      measures: [],
    });
    await api(office, `/api/v1/rectification-orders/${id}/assign`, {
      leadDepartment: ORDER_LEAD,
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    });
    await api(lead, `/api/v1/rectification-orders/${id}/start`, {});
    await api(lead, `/api/v1/rectification-orders/${id}/request-extension`, {
      requestedDeadline: addDays(today, 80),
      reason: `${code}：汛期停工`,
      progressSoFar: '完成过半',
    });
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The open dialog lies within the phone's screen, its 提交 included. */
async function fitsPhone(page: Page): Promise<void> {
  const box = await modal(page).boundingBox();
  const ok = await modal(page)
    .getByRole('button', { name: /^(提交|确认)$/ })
    .boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
  expect(ok && ok.x + ok.width <= PHONE.width).toBe(true);
}

describe('project lead on a phone', () => {
  it('starts Lagu, plans and achieves a milestone, reports and asks for a later baseline', async () => {
    const page = await signIn(browser, base, await t.token('project-lead', LEAD, 'lead-zhao'), PHONE);
    await page.goto(`${base}/workbench`);
    const mine = page.getByTestId('workbench-projects');
    await mine.getByRole('link', { name: /ZL7-1/ }).waitFor();
    await shot(page, 'phone-lead-01-workbench');
    await mine.getByRole('link', { name: /ZL7-1/ }).click();

    await open(page, '确认开工');
    await fitsPhone(page);
    await confirm(page, /开工：已提交/);
    await page.getByText('实施中').first().waitFor();
    await shot(page, 'phone-lead-02-started');

    await open(page, '制定里程碑');
    await fill(page, '里程碑名称', '边坡复绿完成');
    await pickDate(page, '基线日期', addDays(today, 200));
    await fitsPhone(page);
    await shot(page, 'phone-lead-03-plan-milestone');
    await confirm(page, '制定里程碑：已提交');
    await page.getByRole('cell', { name: 'M1', exact: true }).waitFor();

    await open(page, '报送进展');
    await choose(page, '推进中的里程碑', 'M1 边坡复绿完成');
    await fill(page, '该里程碑完成百分比', '60');
    await fill(page, '进展情况', '现场核查：边坡复绿完成六成。');
    await fitsPhone(page);
    await confirm(page, '报送进展：已提交');

    await open(page, '确认里程碑完成');
    await choose(page, '里程碑', 'M1 边坡复绿完成');
    await fill(page, '佐证材料名称', '复绿验收单');
    await confirm(page, '确认里程碑完成：已提交');

    for (const reason of ['雨季边坡失稳，需延后覆绿。', '雨季边坡失稳，需延后覆绿（补充监测数据）。']) {
      await open(page, '申请调整基线');
      await choose(page, '里程碑', `${seededMilestone.milestoneId} ${seededMilestone.name}`);
      await pickDate(page, '拟调整为', addDays(today, 330));
      await fill(page, '调整理由', reason);
      await fitsPhone(page);
      await confirm(page, '申请调整基线：已提交');
      await page.getByTestId('pending-baseline').waitFor();
      if (reason.includes('补充')) break;
      // Leadership rejects the first request at its desk; the lead asks again with more to show.
      const leader = await signIn(browser, base, await t.token('leadership', null, 'leader-li'));
      await leader.getByRole('menuitem', { name: '待审批' }).click();
      await leader.getByTestId('approvals-baseline').getByRole('link', { name: /ZL7-1/ }).click();
      await leader.getByTestId('pending-baseline').getByRole('button', { name: '驳回' }).click();
      await fill(leader, '驳回理由', '请补充边坡监测数据。');
      await confirm(leader, /驳回基线调整：已提交/);
      await leader.getByTestId('pending-baseline').waitFor({ state: 'detached' });
      await leader.context().close();
      await page.reload();
    }
    await shot(page, 'phone-lead-04-baseline-requested');
    await page.context().close();
  });
});

describe('leadership at its desk', () => {
  it('approves the baseline change and decides two extension requests from 待审批', async () => {
    const leader = await signIn(browser, base, await t.token('leadership', null, 'leader-li'));
    await leader.getByRole('menuitem', { name: '待审批' }).click();
    await leader.getByTestId('approvals-extensions').getByText('延期-1：汛期停工').waitFor();
    await shot(leader, 'leader-01-approvals');

    await leader.getByTestId('approvals-baseline').getByRole('link', { name: /ZL7-1/ }).click();
    await leader.getByTestId('pending-baseline').getByRole('button', { name: '批准' }).click();
    await confirm(leader, /批准基线调整.*已提交/);
    await leader.getByTestId('pending-baseline').waitFor({ state: 'detached' });

    for (const [code, decision] of [
      ['延期-1', '批准'],
      ['延期-2', '驳回'],
    ] as const) {
      await leader.getByRole('menuitem', { name: '待审批' }).click();
      await leader.getByTestId('approvals-extensions').getByRole('link', { name: code }).click();
      await leader.getByRole('button', { name: decision, exact: true }).click();
      if (decision === '驳回') await fill(leader, '驳回理由', '理由不充分，请按原时限完成。');
      else {
        // A provincial inspection order: the extension counts only with the provincial office's approval (ORD-PROV-1).
        await fill(leader, '审批意见', '同意延期。');
        await choose(leader, '省整改办意见', '省整改办审核同意');
        await fill(leader, '省级批复文号', '黑整改办函〔2025〕18号');
        await pickDate(leader, '批复日期', today);
      }
      await confirm(leader, `${decision}：已提交`);
      await leader.getByRole('tab', { name: '延期（1）' }).click();
      await leader.getByRole('cell', { name: decision === '批准' ? '已批准' : '已驳回' }).waitFor();
    }
    await leader.getByRole('menuitem', { name: '待审批' }).click();
    await leader.getByTestId('approvals-extensions').getByText('暂无待审批的延期申请').waitFor();
    await leader.getByTestId('approvals-baseline').getByText('暂无待审批的基线调整申请').waitFor();
    await shot(leader, 'leader-02-approvals-done');
    await leader.context().close();
  });
});
