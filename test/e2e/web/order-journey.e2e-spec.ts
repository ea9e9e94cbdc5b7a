import type { Browser, Page } from 'playwright-core';
import { addDays, shanghaiDate } from '@app/domain';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium } from './browser';
import { addMeasure, choose, confirm, fill, open, pickDate, shot, signIn, statusIs, withServerDaysAhead } from './journeys';

/**
 * The supervision office's order, through to its end, in Chromium on a fresh database: 下达 with
 * measures → 修改整改措施 → 交办 → (lead) 开始整改 → 报送进展 → 完成措施 with evidence → 申请验收 →
 * 验收不通过 (back to 整改中) → 验收通过 → 拟销号公示 → an objection upheld (back to 整改中) → again
 * to 公示 → (server clock past the notice period) 销号 → (leadership) 退回重新整改 → started again.
 * And a petition case: first report 不属实 → 复核 → 回访 → 办结并公开 (已办结, never 公示 or 销号).
 * Only what a user clicks.
 */

jest.setTimeout(300_000);

const LEAD = 'ning-an-city';
let t: TestApp;
let browser: Browser;
let base: string;
const today = shanghaiDate(new Date());

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ PUBLIC_NOTICE_WORKING_DAYS: '1' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function requestAcceptance(lead: Page, shotName?: string) {
  await open(lead, '申请验收');
  await fill(lead, '申请说明', '措施已全部完成，申请验收。');
  await confirm(lead, '申请验收：已提交');
  await statusIs(lead, '待验收');
  if (shotName) await shot(lead, shotName);
}

async function passAcceptance(office: Page) {
  await office.reload();
  await statusIs(office, '待验收');
  await open(office, '验收通过');
  await fill(office, '验收意见', '现场核查，整改到位。');
  await fill(office, '验收文件编号', '牡环验〔2025〕8号');
  await confirm(office, '验收通过：已提交');
  await statusIs(office, '验收通过');
  await open(office, '发布拟销号公示');
  await confirm(office, '发布拟销号公示：已提交');
  await statusIs(office, '拟销号公示中');
  await office.getByTestId('public-notice').waitFor();
}

describe('supervision office: an order from 下达 to 销号, and back to 整改', () => {
  let orderUrl: string;

  it('下达 with measures, revises them before 交办, and 交办', async () => {
    const office = await signIn(browser, base, await t.token('supervision-office', null, 'office-chen'));
    await office.getByRole('menuitem', { name: '整改台账' }).click();
    await open(office, '下达整改任务');
    await fill(office, '任务编号', '浏览器-中央督察-1');
    await choose(office, '问题来源', '中央生态环境保护督察');
    await fill(office, '批次', '第三轮中央生态环境保护督察');
    await fill(office, '督察发现的问题', '宁安市部分乡镇生活污水直排牡丹江支流。');
    await fill(office, '整改目标', '乡镇生活污水全部收集处理，稳定达标排放。');
    await choose(office, '时限类型', '限期整改');
    await pickDate(office, '整改时限', addDays(today, 60));
    await addMeasure(office, '排查全部直排口并建立台账', addDays(today, 20));
    await shot(office, 'order-01-issue-form');
    await confirm(office, '下达整改任务：已提交');
    await statusIs(office, '已下达');
    orderUrl = office.url();

    await open(office, '修改整改措施');
    await addMeasure(office, '建设乡镇污水收集管网', addDays(today, 50));
    await fill(office, '修改原因', '补充管网建设措施。');
    await confirm(office, '修改整改措施：已提交');
    await office.getByRole('tab', { name: '整改措施（2）' }).waitFor();
    await shot(office, 'order-02-measures-revised');

    await open(office, '交办');
    await choose(office, '牵头单位', '宁安市人民政府');
    await choose(office, '验收单位', '牡丹江市生态环境局');
    await confirm(office, '交办：已提交');
    await statusIs(office, '已交办');
    await shot(office, 'order-03-assigned');
    await office.context().close();
  });

  it('the lead department starts, reports, completes the measures with evidence and asks for acceptance', async () => {
    const lead = await signIn(browser, base, await t.token('project-lead', LEAD, 'lead-ningan'));
    await lead.goto(orderUrl);
    await statusIs(lead, '已交办');
    await open(lead, '开始整改');
    await confirm(lead, '开始整改：已提交');
    await statusIs(lead, '整改中');
    await open(lead, '报送进展');
    await fill(lead, '进展情况', '已排查直排口 12 处，管网开工。');
    await fill(lead, '完成百分比', '40');
    await confirm(lead, '报送进展：已提交');
    for (const measure of ['M1 排查全部直排口并建立台账', 'M2 建设乡镇污水收集管网']) {
      await open(lead, '完成措施');
      await choose(lead, '整改措施', measure);
      await confirm(lead, '完成措施：已提交');
    }
    await open(lead, '上传佐证');
    await fill(lead, '材料名称', '直排口封堵前后照片');
    await fill(lead, '链接或文号', '宁政办〔2025〕21号');
    await confirm(lead, '上传佐证：已提交');
    await lead.getByRole('tab', { name: '进展与佐证' }).click();
    await lead.getByText('直排口封堵前后照片').first().waitFor();
    await requestAcceptance(lead, 'order-04-lead-requested-acceptance');
    await lead.context().close();
  });

  it('a failed acceptance sends it back to 整改中; then it passes and goes to 公示; an upheld objection sends it back again', async () => {
    const office = await signIn(browser, base, await t.token('supervision-office', null, 'office-chen'));
    await office.goto(orderUrl);
    await open(office, '验收不通过');
    await fill(office, '不通过原因', '个别直排口封堵不彻底');
    await confirm(office, '验收不通过：已提交');
    await statusIs(office, '整改中');
    await shot(office, 'order-05-acceptance-failed');

    const lead = await signIn(browser, base, await t.token('project-lead', LEAD, 'lead-ningan'));
    await lead.goto(orderUrl);
    await requestAcceptance(lead);

    await passAcceptance(office);
    await shot(office, 'order-06-public-notice');
    await open(office, '登记异议');
    await fill(office, '异议内容', '群众反映仍有污水外溢。');
    await confirm(office, '登记异议：已提交');
    await open(office, '处理异议');
    await choose(office, '异议', '群众反映仍有污水外溢。');
    await choose(office, '结论', '异议成立');
    await fill(office, '处理意见', '经核实属实，退回继续整改。');
    await confirm(office, '处理异议：已提交');
    await statusIs(office, '整改中');

    await lead.reload();
    await requestAcceptance(lead);
    await lead.context().close();
    await passAcceptance(office);
    await office.context().close();
  });

  it('销号 once the notice period is over; leadership sends it back (退回重新整改) and the lead starts again', async () => {
    await withServerDaysAhead(t, 10, async () => {
      const office = await signIn(browser, base, await t.token('supervision-office', null, 'office-chen'));
      await office.goto(orderUrl);
      await open(office, '销号');
      await confirm(office, '销号：已提交');
      await statusIs(office, '已销号');
      await office.getByTestId('order-timeliness').getByText('按期销号').waitFor();
      await shot(office, 'order-07-closed');
      await office.context().close();
    });

    const leader = await signIn(browser, base, await t.token('leadership', null, 'leader-li'));
    await leader.goto(orderUrl);
    await open(leader, '退回重新整改');
    await fill(leader, '原因', '“回头看”发现问题反弹。');
    await pickDate(leader, '新的整改时限', addDays(today, 90));
    await confirm(leader, '退回重新整改：已提交');
    await statusIs(leader, '退回重新整改');
    await shot(leader, 'order-08-sent-back');
    await leader.context().close();

    const lead = await signIn(browser, base, await t.token('project-lead', LEAD, 'lead-ningan'));
    await lead.goto(orderUrl);
    await open(lead, '开始整改');
    await confirm(lead, '开始整改：已提交');
    await statusIs(lead, '整改中');

    // The history tab: the whole trail, and the state just before 销号.
    await lead.getByRole('tab', { name: '历史记录' }).click();
    const trail = lead.getByTestId('audit-trail');
    await trail.getByText('销号', { exact: true }).waitFor();
    await trail.getByText('退回重新整改', { exact: true }).waitFor();
    await trail.locator('[data-testid^="before-v"]').first().click();
    await lead.getByTestId('as-of-state').getByText('之前的状态').waitFor();
    await shot(lead, 'order-09-history');
    await lead.context().close();
  });
});

describe('petition case: first report 不属实 → 复核 → 回访 → 办结并公开', () => {
  it('ends with 办结 and its publication, after the second check and a follow-up visit', async () => {
    const office = await signIn(browser, base, await t.token('supervision-office', null, 'office-chen'));
    await office.goto(`${base}/orders`);
    await open(office, '下达整改任务');
    await fill(office, '任务编号', '浏览器-信访-1');
    await choose(office, '问题来源', '督察转办信访件');
    await fill(office, '批次', '第三轮中央生态环境保护督察');
    await fill(office, '督察发现的问题', '群众反映某养殖场粪污直排。');
    await fill(office, '整改目标', '查清事实，依法处理。');
    await choose(office, '时限类型', '立行立改');
    await pickDate(office, '整改时限', addDays(today, 15));
    await pickDate(office, '信访件转办日期', today);
    await fill(office, '信访件编号', 'X2025-001');
    await choose(office, '牵头单位（填写则下达后即交办）', '宁安市人民政府');
    await choose(office, '验收单位', '牡丹江市生态环境局');
    await shot(office, 'petition-01-issue-and-assign');
    await confirm(office, '下达整改任务：已提交');
    await statusIs(office, '已交办');
    const url = office.url();

    const lead = await signIn(browser, base, await t.token('project-lead', LEAD, 'lead-ningan'));
    await lead.goto(url);
    await open(lead, '报送核实结果');
    await choose(lead, '核实结论', '不属实');
    await fill(lead, '调查核实情况', '现场核查，该养殖场粪污经处理后还田，无直排。');
    await confirm(lead, '报送核实结果：已提交');
    await lead.getByText('核实结论：不属实').waitFor();
    await open(lead, '登记回访');
    await fill(lead, '回访情况', '电话回访反映人，告知核实结果，反映人表示理解。');
    await confirm(lead, '登记回访：已提交');

    await office.reload();
    // A petition case has its own ending: no 验收, 公示 or 销号 (ORD-PET-6).
    await office.getByRole('button', { name: '录入复核结果' }).waitFor();
    expect(await office.getByRole('button', { name: '申请验收' }).count()).toBe(0);
    await open(office, '录入复核结果');
    await choose(office, '复核结论', '维持原核实结论');
    await fill(office, '复核情况', '市生态环境局复核，维持不属实结论。');
    await confirm(office, '录入复核结果：已提交');
    await office.getByRole('button', { name: '录入复核结果' }).waitFor({ state: 'detached' });
    await open(office, '办结并公开');
    await fill(office, '办理结果（将公开，请勿写入信访人个人信息）', '经调查核实，反映问题不属实；已向反映人反馈。');
    await fill(office, '公开方式（媒体或网站）', '牡丹江市生态环境局网站');
    await confirm(office, '办结并公开：已提交');
    await statusIs(office, '已办结');
    await shot(office, 'petition-02-concluded');
    await office.context().close();
    await lead.context().close();
  });
});
