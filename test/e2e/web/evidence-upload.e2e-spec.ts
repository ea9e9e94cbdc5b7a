import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays, shanghaiDate } from '@app/domain';
import { createTestApp, type TestApp } from '../../support/app';
import { samplePdf, samplePng } from '../../support/sample-files';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';
import { expectMessage, modal as openDialog, pickOption, recordMessages } from './journeys';

/**
 * The evidence browser journey (issue 15, item 2): a project lead uploads a site photo and a PDF report
 * as evidence on the order page and previews both. Screenshots in test-output/screenshots/.
 */

jest.setTimeout(180_000);

const LEAD = 'ning-an-city';
let t: TestApp;
let browser: Browser;
let base: string;
let orderId: string;
let leadToken: string;

async function api(token: string, path: string, body?: object): Promise<{ id: string; position: string }> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; position: string };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
  const office = await t.token('supervision-office');
  leadToken = await t.token('project-lead', LEAD, 'lead-ningan');
  const today = shanghaiDate(new Date());
  orderId = (
    await api(office, '/api/v1/rectification-orders', {
      code: '第三轮中央督察-佐证演示',
      source: 'CENTRAL_INSPECTION',
      batch: '第三轮中央生态环境保护督察',
      finding: '宁安市镜泊湖入湖河流沿岸存在垃圾堆放和生活污水直排。',
      target: '清理沿岸垃圾，封堵直排口。',
      deadlineKind: 'BY_DATE',
      deadline: addDays(today, 60),
      measures: [{ measureId: 'M1', description: '清理沿岸垃圾并封堵直排口', dueDate: addDays(today, 30) }],
      sector: 'WATER_ENVIRONMENT',
    })
  ).id;
  await api(office, `/api/v1/rectification-orders/${orderId}/assign`, { leadDepartment: LEAD, cooperatingDepartments: [] });
  await api(leadToken, `/api/v1/rectification-orders/${orderId}/start`, {});
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function uploadThroughThePage(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, phase?: string) {
  await page.getByTestId('upload-evidence').click();
  const modal = openDialog(page);
  await modal.locator('input[type=file]').setInputFiles(file);
  await pickOption(page, modal.locator('.ant-form-item').filter({ hasText: '所佐证的整改措施' }).locator('.ant-select'), 'M1', {
    exact: false,
  });
  if (phase)
    await pickOption(page, modal.locator('.ant-form-item').filter({ hasText: '整改前 / 整改后' }).locator('.ant-select'), phase, {
      exact: false,
    });
  await expectMessage(page, '佐证材料已上传', () => modal.getByRole('button', { name: /上\s*传/ }).click());
}

it('a project lead uploads a photo and a PDF as evidence and previews both', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // The Content-Security-Policy must let the page fetch and preview the files it shows.
  await context.addInitScript(
    `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
  );
  await recordMessages(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(leadToken);
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();

  await page.goto(`${base}/orders/${orderId}`);
  await page.getByRole('tab', { name: /进展与佐证/ }).click();
  // The upload button is there because the domain allows this user AttachEvidence now.
  await page.getByTestId('upload-evidence').waitFor();

  await uploadThroughThePage(page, { name: '整改前-沿岸垃圾.png', mimeType: 'image/png', buffer: samplePng(320, 200) }, '整改前');
  const thumbnail = page.locator('[data-testid="evidence-files"] img[src^="blob:"]').first();
  await thumbnail.waitFor();
  // The thumbnail is the uploaded photo itself, fetched with the session's token.
  await page.waitForFunction(
    `(() => { const img = document.querySelector('[data-testid="evidence-files"] img[src^="blob:"]'); return Boolean(img && img.complete && img.naturalWidth === 320); })()`,
  );
  await page.getByTestId('before-after-M1').waitFor();
  await shot(page, 'evidence-01-photo-uploaded');

  await thumbnail.click();
  await page.locator('.ant-image-preview img[src^="blob:"]').first().waitFor();
  await shot(page, 'evidence-02-photo-preview');
  await page.keyboard.press('Escape');

  const pdf = samplePdf('Water quality report, Jingpo Lake inflow, 2025-09');
  await uploadThroughThePage(page, { name: '入湖河流水质监测报告.pdf', mimeType: 'application/pdf', buffer: pdf });
  const preview = page.locator('[data-testid^="preview-"]').first();
  await preview.click();
  const frame = page.getByTestId('pdf-preview');
  await frame.waitFor();
  // The preview shows the file from an object URL (the page's CSP lets no script fetch blob: URLs, so the
  // file behind it is checked through the API with the same session).
  expect(await frame.getAttribute('src')).toMatch(/^blob:/);
  const shown = await page.evaluate(`(async () => {
    const order = await (await fetch('/api/v1/rectification-orders/${orderId}')).json();
    const pdf = order.evidence.find((e) => e.file && e.file.contentType === 'application/pdf');
    const b = await (await fetch('/api/v1/rectification-orders/${orderId}/evidence/' + pdf.evidenceId + '/file')).blob();
    return { type: b.type, size: b.size };
  })()`);
  expect(shown).toEqual({ type: 'application/pdf', size: pdf.length });
  await shot(page, 'evidence-03-pdf-preview');
  expect(await page.evaluate('window.__csp')).toEqual([]);

  const order = await fetch(`${base}/api/v1/rectification-orders/${orderId}`, { headers: { authorization: `Bearer ${leadToken}` } });
  const body = (await order.json()) as { evidence: Array<{ phase: string | null; file: { contentType: string; fileName: string } }> };
  expect(body.evidence.map((e) => [e.file.contentType, e.file.fileName, e.phase])).toEqual([
    ['image/png', '整改前-沿岸垃圾.png', 'BEFORE'],
    ['application/pdf', '入湖河流水质监测报告.pdf', null],
  ]);
  await context.close();
});
