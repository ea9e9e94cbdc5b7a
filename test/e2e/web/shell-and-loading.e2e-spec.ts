import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../support/app';
import { ensureWebBuilt, launch, requireChromium, SCREENSHOTS } from './browser';

/**
 * The web platform rather than a flow: compressed, cached assets; the phone shell (390 px: the
 * navigation in a menu, 退出 reachable); a network failure said in Chinese and never shown as an empty
 * ledger; a page whose code cannot be loaded caught by the error boundary with 重试.
 */
jest.setTimeout(180_000);

let t: TestApp;
let browser: Browser;
let base: string;
let supervision: string;

async function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('token-submit').click();
}

beforeAll(async () => {
  requireChromium();
  ensureWebBuilt();
  t = await createTestApp({ SEED_SAMPLES: 'true' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  browser = await launch();
  supervision = await t.token('supervision-office');
  // The sample orders are seeded when the app starts; the ledger tests need at least one.
  for (const until = Date.now() + 30_000; ;) {
    const res = await fetch(`${base}/api/v1/ledger/orders`, { headers: { authorization: `Bearer ${supervision}` } });
    if (res.ok && ((await res.json()) as { total: number }).total > 0) break;
    if (Date.now() > until) throw new Error('no sample orders in the ledger');
    await new Promise((r) => setTimeout(r, 250));
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('web platform', () => {
  it('sends hashed bundles precompressed with a year-long immutable cache, and index.html revalidated', async () => {
    const index = await fetch(`${base}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const br = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const gzip = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
  });

  it('at 390 px the navigation is a menu, and 退出 is in it', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signIn(page, supervision);
    const toggle = page.getByTestId('nav-toggle');
    await toggle.waitFor();
    // The header fits the screen: nothing pushes the page sideways.
    expect(await page.locator('.ant-layout-header').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    await toggle.click();
    // The open navigation drawer (antd marks it ant-drawer-open; it is destroyed when closed).
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByRole('menuitem', { name: '整改台账' }).click();
    await page.waitForURL(/\/orders$/);
    await page.getByTestId('ledger-table').waitFor();
    // Choosing a page closes the menu; open it again once it is gone.
    await drawer.waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-shell-ledger.png') });
    await toggle.click();
    await drawer.getByRole('button', { name: '退出' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-shell-menu.png') });
    await drawer.getByRole('button', { name: '退出' }).click();
    await page.getByTestId('token-input').waitFor();
    await page.context().close();
  });

  it('a network failure says so in Chinese and is never an empty ledger; 重试 loads it', async () => {
    const page = await newPage();
    await signIn(page, supervision);
    await page.getByTestId('current-user').waitFor();
    await page.route('**/api/v1/ledger/orders**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${base}/orders`);
    const failure = page.getByTestId('ledger-load-error');
    await failure.getByText('网络连接失败，请稍后重试').waitFor();
    expect(await page.getByText('暂无数据').count()).toBe(0);
    expect(await page.getByText('Failed to fetch').count()).toBe(0);
    await page.unroute('**/api/v1/ledger/orders**');
    await failure.getByRole('button', { name: '重试' }).click();
    await page.locator('[data-testid="ledger-table"] tbody tr.ant-table-row').first().waitFor();
    await page.context().close();
  });

  it('a page whose code cannot be loaded shows the error boundary, and 重试 brings it back', async () => {
    const page = await newPage();
    await signIn(page, supervision);
    await page.getByTestId('current-user').waitFor();
    await page.route('**/assets/OrderLedger-*.js', (route) => route.abort('internetdisconnected'));
    await page.getByRole('menuitem', { name: '整改台账' }).click();
    const boundary = page.getByTestId('error-boundary');
    await boundary.getByText('网络连接失败，请稍后重试').waitFor();
    // The navigation stays usable while the page is down.
    await page.getByRole('menuitem', { name: '重点工程' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'error-boundary.png') });
    await page.unroute('**/assets/OrderLedger-*.js');
    await boundary.getByRole('button', { name: '重试' }).click();
    await page.getByTestId('ledger-table').waitFor();
    await page.context().close();
  });
});
