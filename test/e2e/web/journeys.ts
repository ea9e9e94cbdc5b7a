import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { Clock } from '@app/platform';
import type { TestApp } from '../../support/app';
import { SCREENSHOTS } from './browser';

/**
 * What the role journeys share: signing in as a user does, the order page's buttons and dialogs, and
 * screenshots. Every wait is on something the user sees; nothing sleeps.
 */

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function signIn(browser: Browser, base: string, token: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // An API refusal is what explains a journey that stops: print it.
  page.on('response', (res) => {
    if (res.status() >= 400 && res.url().includes('/api/'))
      void res.text().then((body) => console.warn(`${res.request().method()} ${res.url()} → ${res.status()} ${body}`));
  });
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

export const modal = (page: Page): Locator => page.locator('.ant-modal-container:visible');

/** Opens the dialog of an action button of the page. */
export async function open(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  await modal(page).waitFor();
}

const field = (page: Page, label: string) => modal(page).locator('.ant-form-item').filter({ hasText: label }).first();

export async function fill(page: Page, label: string, text: string): Promise<void> {
  await field(page, label).locator('input, textarea').first().fill(text);
}

/** Picks the option of a 请选择 picker whose text is exactly `option`, and waits until the picker shows it. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const picker = field(page, label);
  await picker.locator('.ant-select').click();
  // Long lists (the departments) are virtual: a user types to find the entry, all at once.
  if (await picker.locator('.ant-select-show-search').count()) await picker.locator('input').first().fill(option);
  // The list once it has finished opening (antd marks its motion with -enter / -leave classes): a click
  // during the animation may land on a moving or closing list.
  await page
    .locator(`.ant-select-dropdown:visible:not([class*="-enter"]):not([class*="-leave"]) .ant-select-item-option[title="${option}"]`)
    .click();
  try {
    await picker.locator(`[title="${option}"]`).first().waitFor();
  } catch (e) {
    await shot(page, `failed-choose-${option}`);
    throw e;
  }
}

/** Types a date into a DatePicker and confirms it. */
export async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

export const pickDate = (page: Page, label: string, date: string) => typeDate(field(page, label).locator('input'), date);

/** Adds one measure row to the measures editor of the open dialog. */
export async function addMeasure(page: Page, description: string, dueDate: string): Promise<void> {
  const rows = modal(page).getByPlaceholder('措施内容');
  const n = await rows.count();
  await modal(page).getByRole('button', { name: '添加措施' }).click();
  await rows.nth(n).fill(description);
  await typeDate(modal(page).getByPlaceholder('完成时限').nth(n), dueDate);
}

/** Confirms the dialog and waits for the action's success message, and for the dialog to close. */
export async function confirm(page: Page, done: string | RegExp, button = /^(提交|确认)$/): Promise<void> {
  await modal(page).getByRole('button', { name: button }).click();
  try {
    await page.locator('.ant-message').getByText(done).first().waitFor();
    await modal(page).waitFor({ state: 'detached' });
  } catch (e) {
    // What the user saw instead (a validation message, an error) is the first thing to look at.
    await shot(page, `failed-${String(done).replace(/[^\p{L}\p{N}]+/gu, '-')}`);
    throw e;
  }
}

/** The order page's status tag shows `label`. */
export async function statusIs(page: Page, label: string): Promise<void> {
  await page.getByTestId('order-status').getByText(label, { exact: true }).waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Runs `fn` with the server's clock `days` ahead (the browser's clock is left alone). */
export async function withServerDaysAhead<T>(t: TestApp, days: number, fn: () => Promise<T>): Promise<T> {
  const spy = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + days * 24 * 3600 * 1000));
  try {
    return await fn();
  } finally {
    spy.mockRestore();
  }
}
