import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Clock } from '@app/platform';
import type { TestApp } from '../../support/app';
import { SCREENSHOTS } from './browser';

/**
 * What the role journeys share: signing in as a user does, the order page's buttons and dialogs, and
 * screenshots. Every wait is on something the user sees; nothing sleeps.
 */

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The API calls of each page, newest last: what a journey that stops is explained by. */
const apiCalls = new WeakMap<Page, string[]>();

/** The recorder, run in every page before the app (a script: this project's types have no DOM). */
const RECORD_MESSAGES = `
(() => {
  const shown = (window.__shownMessages = []);
  const recorded = new WeakMap();
  const scan = () => {
    for (const notice of document.querySelectorAll('.ant-message-notice, .ant-notification-notice')) {
      const text = (notice.textContent || '').trim();
      if (text && recorded.get(notice) !== text) {
        recorded.set(notice, text);
        shown.push({ text, at: Date.now() });
      }
    }
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true, characterData: true });
  // The last presses and releases, with what they landed on: a click that did nothing is explained by
  // a press and a release on different elements.
  const pointer = (window.__pointerEvents = []);
  const describe = (el) => {
    if (!(el instanceof Element)) return String(el);
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 20);
    return el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (text ? ' “' + text + '”' : '');
  };
  for (const type of ['mousedown', 'mouseup', 'click']) {
    window.addEventListener(type, (e) => {
      pointer.push(new Date().toISOString().slice(11, 23) + ' ' + type + ' on ' + describe(e.target));
      if (pointer.length > 12) pointer.shift();
    }, true);
  }
})();
`;

/**
 * Records, in the page itself, every message and notification (antd `message`, `notification`) it
 * shows: its text and the browser's time. A success message is on screen for 3 s; a test that looks
 * for it on screen misses it when this process (which also runs the API, its read models and the
 * test) is busy for that long after the click, and a step that succeeded fails. The record is kept by
 * the browser, so it cannot be missed.
 */
export async function recordMessages(context: BrowserContext): Promise<void> {
  await context.addInitScript(RECORD_MESSAGES);
}

/** What the recorder keeps in the page. */
type Shown = { __shownMessages?: Array<{ text: string; at: number }>; __pointerEvents?: string[] };

/** The page's clock now: what `waitForShown` counts from. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => Date.now());

/**
 * Waits until the page has shown a message or notification matching `done` (a string is a part of
 * its text) at or after `since` (pageNow), whether or not it is still on screen (recordMessages).
 */
export async function waitForShown(page: Page, done: string | RegExp, since: number): Promise<void> {
  const [source, flags] = typeof done === 'string' ? [done.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ''] : [done.source, done.flags];
  try {
    await page.waitForFunction(
      ({ source, flags, since }) =>
        ((globalThis as unknown as Shown).__shownMessages ?? []).some((m) => m.at >= since && new RegExp(source, flags).test(m.text)),
      { source, flags, since },
    );
  } catch (e) {
    throw await explained(page, failedStep(done), e);
  }
}

/** Runs `action` (a click) and waits until the page has shown a message matching `done` (waitForShown). */
export async function expectMessage(page: Page, done: string | RegExp, action: () => Promise<unknown>): Promise<void> {
  const since = await pageNow(page);
  await action();
  await waitForShown(page, done, since);
}

/**
 * A page in a context of its own as a user in Mudanjiang has it (zh-CN, Asia/Shanghai), its messages
 * recorded (recordMessages) and its API calls and script errors kept for `explain`.
 */
export async function newPage(browser: Browser, viewport = DESKTOP, timeout = 20_000): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await recordMessages(context);
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const calls: string[] = [];
  apiCalls.set(page, calls);
  const started = Date.now();
  const at = () => `+${((Date.now() - started) / 1000).toFixed(1)} s`;
  const log = (line: string) => {
    calls.push(line);
    if (calls.length > 30) calls.shift();
  };
  page.on('request', (req) => {
    if (req.url().includes('/api/')) log(`${at()} ${req.method()} ${req.url()} sent`);
  });
  page.on('requestfailed', (req) => {
    if (req.url().includes('/api/')) log(`${at()} ${req.method()} ${req.url()} failed: ${req.failure()?.errorText}`);
  });
  // An API refusal is what explains a journey that stops: kept with its body, and printed (except the
  // sign-in page's own probes, refused on every sign-in: the session before a token, the demo users).
  page.on('response', (res) => {
    if (!res.url().includes('/api/')) return;
    const call = `${res.request().method()} ${res.url()} → ${res.status()}`;
    if (res.status() < 400) return log(`${at()} ${call}`);
    const when = at();
    void res
      .text()
      .catch(() => '(no body)')
      .then((body) => {
        log(`${when} ${call} ${body.slice(0, 400)}`);
        if (!/\/auth\/(session|demo-users)$/.test(new URL(res.url()).pathname)) console.warn(`${call} ${body}`);
      });
  });
  // A script error (a render that threw, a rejected promise) explains a page that stopped answering.
  page.on('pageerror', (error) => log(`${at()} page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') log(`${at()} console error: ${msg.text().slice(0, 400)}`);
  });
  return page;
}

export async function signIn(browser: Browser, base: string, token: string, viewport = DESKTOP): Promise<Page> {
  const page = await newPage(browser, viewport);
  await page.goto(`${base}/`);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('token-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/**
 * What the page shows and asked for when a wait failed: its dialog, its messages, its last API calls.
 * Returned to be put into the error, so it is in the failure summary at the end of the run (a CI log
 * that is cut keeps its end) and not only in the suite's console section.
 */
async function explain(page: Page, name: string): Promise<string> {
  const texts = async (selector: string) =>
    (
      await page
        .locator(selector)
        .allInnerTexts()
        .catch(() => [] as string[])
    )
      .map((x) => x.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  const text = [
    `${name}: what the page showed`,
    `dialog: ${(await texts('.ant-modal-container:visible')).join(' | ') || '(none)'}`,
    `messages: ${(await texts('.ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error')).join(' | ') || '(none)'}`,
    `messages shown: ${
      (
        await page.evaluate(() => (globalThis as unknown as Shown).__shownMessages?.map((m) => m.text) ?? []).catch(() => [] as string[])
      ).join(' | ') || '(none)'
    }`,
    `presses and clicks, newest last: ${
      (await page.evaluate(() => (globalThis as unknown as Shown).__pointerEvents ?? []).catch(() => [] as string[])).join(' | ') ||
      '(none)'
    }`,
    'API calls, newest last:',
    ...(apiCalls.get(page) ?? []),
  ].join('\n');
  await shot(page, name).catch(() => undefined);
  return text;
}

/** The screenshot name of a step that waited for `done` and failed. */
const failedStep = (done: string | RegExp): string => `failed-${String(done).replace(/[^\p{L}\p{N}]+/gu, '-')}`;

/** The error of a failed wait, with what the page showed (see explain). */
async function explained(page: Page, name: string, error: unknown): Promise<Error> {
  const e = error instanceof Error ? error : new Error(String(error));
  e.message = `${e.message}\n\n${await explain(page, name)}`;
  // Jest prints the stack, which was written with the old message: write it again with the new one.
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  e.stack = [`${e.name}: ${e.message}`, ...frames].join('\n');
  return e;
}

/** Not in an antd zoom motion (the dialogs' and popovers' opening and closing animations). */
export const SETTLED = ':not([class*="ant-zoom"])';

/**
 * The open dialog, once its opening animation is over. While antd prepares that animation the dialog
 * is drawn at full size but transparent (`ant-zoom-appear-prepare`), then shrunk to nothing and zoomed
 * in: a click in that moment presses the button and releases over the shrunken dialog, and no click
 * reaches the button (the command is never sent). A person cannot click an invisible button; a test
 * must not either. A closing dialog (`ant-zoom-leave`) is not the open one either.
 */
export const modal = (page: Page): Locator => page.locator(`.ant-modal${SETTLED} .ant-modal-container:visible`);

/** Opens the dialog of an action button of the page. */
export async function open(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  await modal(page).waitFor();
}

const field = (page: Page, label: string) => modal(page).locator('.ant-form-item').filter({ hasText: label }).first();

export async function fill(page: Page, label: string, text: string): Promise<void> {
  await field(page, label).locator('input, textarea').first().fill(text);
}

/**
 * Picks an option of an antd Select as a keyboard user does: opens it, types into its search when it
 * has one, moves down the list to the option and presses Enter. Keys act on the list's own state (its
 * active option), never on screen coordinates, so a list that is still filtering, animating or
 * measuring its rows (slow on a loaded machine) cannot take the pick elsewhere, as a click can.
 * `exact: false` takes the first option whose text contains `option`. Waits until the picker shows it.
 */
export async function pickOption(page: Page, select: Locator, option: string, { exact = true } = {}): Promise<void> {
  await select.click();
  if (await select.evaluate((el) => el.classList.contains('ant-select-show-search'))) await select.locator('input').first().fill(option);
  const list = page.locator('.ant-select-dropdown:visible:not([class*="-leave"])');
  const matches = (text: string) => (exact ? text === option : text.includes(option));
  const passed = new Set<string>();
  for (;;) {
    const active = await list
      .locator('.ant-select-item-option-active')
      .first()
      .evaluate((el) => el.getAttribute('title') ?? el.textContent ?? '');
    if (matches(active)) break;
    // ↓ wraps round at the end of the list: an option met twice means the list lacks the one asked for.
    if (passed.has(active)) {
      throw await explained(page, `failed-choose-${option}`, new Error(`the list has no option “${option}”: ${[...passed].join('、')}`));
    }
    passed.add(active);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  try {
    await select
      .locator(exact ? `[title="${option}"]` : `[title*="${option}"]`)
      .first()
      .waitFor();
  } catch (e) {
    throw await explained(page, `failed-choose-${option}`, e);
  }
}

/** Picks `option` in the picker of the open dialog's field `label` (see pickOption). */
export const choose = (page: Page, label: string, option: string, options?: { exact?: boolean }): Promise<void> =>
  pickOption(page, field(page, label).locator('.ant-select').first(), option, options);

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

/** Confirms the dialog and waits for the action's success message (see expectMessage), and for the dialog to close. */
export async function confirm(page: Page, done: string | RegExp, button = /^(提交|确认)$/): Promise<void> {
  await expectMessage(page, done, () => modal(page).getByRole('button', { name: button }).click());
  try {
    await modal(page).waitFor({ state: 'detached' });
  } catch (e) {
    throw await explained(page, failedStep(done), e);
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
