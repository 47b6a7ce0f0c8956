// Real-browser test helpers: the app listening on a random port, Debian's Chromium driven by playwright-core,
// axe-core accessibility checks, and sign-in through the real pages. Each test file builds its own world
// (fresh database and partnership) with startE2E() and closes it in `after`.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import axe from 'axe-core';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { Config } from '../../src/config.ts';
import type { Role } from '../../src/platform/access/policy.ts';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { PASSWORD, type World, world } from '../fixtures.ts';
import { BROWSER_SERVER_ENV, CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

export { CHROMIUM_PATH, PASSWORD };

/** How long one browser action or navigation may take before the test fails (instead of hanging). */
const ACTION_TIMEOUT_MS = 30_000;

export interface E2E {
  w: World;
  browser: Browser;
  /** http://localhost:<port>: Chromium treats localhost as secure, so the app's Secure cookies work over http. */
  base: string;
  url(path: string): string;
  /** A fresh browser profile (no cookies) with one page that records script errors and failed loads. */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * A fresh browser profile already signed in as the role's test user, on the home page. The first call for a
   * role signs in through the pages; later calls reuse its cookies (the same session), saving a password check.
   */
  pageAs(role: Role, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the test world, listens on a random port and launches Chromium. */
export async function startE2E(overrides: Partial<Config> = {}): Promise<E2E> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`);
  // The app's public URL must be the address the browser uses: form posts are checked against its origin.
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const w = await world({ publicUrl: base, ...overrides });
  let browser: Browser | undefined;
  try {
    await w.app.listen({ port, host: '127.0.0.1' });
    // Under scripts/test.mjs every browser test file connects to its one Chromium (a launch each costs seconds);
    // each test's pages are in contexts of their own, so files still share nothing. Run alone, a file launches one.
    const server = process.env[BROWSER_SERVER_ENV];
    browser = server ? await chromium.connect(server) : await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const launched = browser;
    const contexts: BrowserContext[] = [];
    const signedIn = new Map<Role, Awaited<ReturnType<BrowserContext['storageState']>>>();
    const e2e: E2E = {
      w,
      browser: launched,
      base,
      url: (path) => `${base}${path}`,
      async newPage(options = {}) {
        const context = await launched.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', ...options });
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
        contexts.push(context);
        const page = await context.newPage();
        watchForErrors(page);
        if (options.javaScriptEnabled === false) withoutJavaScript.add(page);
        return { context, page };
      },
      async pageAs(role, options = {}) {
        const storageState = signedIn.get(role);
        if (storageState) {
          const { page } = await e2e.newPage({ ...options, storageState });
          await page.goto(e2e.url('/'));
          assert.match(await page.locator('[data-qa=account-bar]').innerText(), /Signed in as/, `${role}'s saved session no longer works`);
          return page;
        }
        const { context, page } = await e2e.newPage(options);
        await signInAs(page, e2e, role);
        signedIn.set(role, await context.storageState());
        return page;
      },
      async close() {
        for (const c of contexts) await c.close().catch(() => {});
        await launched.close().catch(() => {});
        await w.close();
      },
    };
    return e2e;
  } catch (err) {
    await browser?.close().catch(() => {});
    await w.close();
    throw err;
  }
}

/** A port nothing listens on now (the OS picks it), for an app whose public URL must be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const pageErrors = new WeakMap<Page, string[]>();
const withoutJavaScript = new WeakSet<Page>();

/**
 * Remembers uncaught script errors, console errors (a CSP violation, say), failed loads of stylesheets, scripts,
 * fonts and images, and 5xx responses. A 4xx page itself is not an error: forms answer 422 and 401 by design.
 */
function watchForErrors(page: Page) {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(`uncaught script error on ${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    // Chromium also logs every 4xx/5xx response as "Failed to load resource"; the response handler judges those.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => {
    // ERR_ABORTED: the page moved on before a load finished, which is not the app's fault.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`${req.method()} ${req.url()} failed: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (res.status() >= 500 || (res.status() >= 400 && type !== 'document' && type !== 'fetch')) {
      errors.push(`${res.status()} from ${res.request().method()} ${res.url()} (${type})`);
    }
  });
}

/** Fails if the page has had script errors, console errors, failed loads or server errors since it was last checked. */
export function expectNoBrowserErrors(page: Page) {
  const found = (pageErrors.get(page) ?? []).splice(0);
  assert.deepEqual(found, [], `The browser reported errors:\n${found.join('\n')}`);
}

/** The widths every checked page is tried at: the desktop the tests run at, and 320 CSS px (WCAG 1.4.10 reflow). */
export const DESKTOP = { width: 1280, height: 720 };
export const NARROW = { width: 320, height: 640 };

/** How many pages were checked at each width, and the violations found, for the run's summary line. */
const checked = { desktop: 0, narrow: 0, violations: 0 };
process.on('exit', () => {
  if (checked.desktop) console.log(`# axe: ${checked.desktop} page(s) checked at 1280 px, ${checked.narrow} at 320 px, ${checked.violations} violation(s)`);
});

/**
 * Runs axe-core (every rule, best practices included) on the page as it is now, at 1280 px and again at 320x640
 * (the full rule set at both: a narrow layout can hide, show or overlap things), where the page must also reflow: no horizontal scrolling (document scrollWidth within the viewport). Fails with
 * each violation's rule id, help text, link and the offending elements, so the failure says what to fix and where.
 * Also fails on any browser error seen so far (see watchForErrors).
 */
export async function expectAccessible(page: Page, what: string) {
  const before = page.viewportSize() ?? DESKTOP;
  try {
    await page.setViewportSize(DESKTOP);
    await expectAxeClean(page, what, '1280 px');
    checked.desktop++;
    await page.setViewportSize(NARROW);
    await expectReflow(page, what);
    await expectAxeClean(page, what, '320 px');
    checked.narrow++;
  } finally {
    await page.setViewportSize(before);
  }
  expectNoBrowserErrors(page);
}

/** WCAG 1.4.10: at 320 CSS px wide nothing needs scrolling sideways. Names the elements that stick out. */
export async function expectReflow(page: Page, what: string) {
  const { scrollWidth, viewport, wide } = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1 && getComputedStyle(el).position !== 'fixed')
      // Only the outermost offenders: a child inside one that sticks out says nothing new.
      .filter((el, _i, all) => !all.some((other) => other !== el && other.contains(el)))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, viewport, wide };
  });
  assert.ok(
    scrollWidth <= viewport,
    `${what} (${page.url()}) scrolls sideways at 320 px: ${scrollWidth} px wide in ${viewport} px. Too wide:\n  ${wide.join('\n  ')}`,
  );
}

async function expectAxeClean(page: Page, what: string, width: string) {
  const results = withoutJavaScript.has(page) ? await axeWithoutJavaScript(page) : await runAxe(page);
  checked.violations += results.violations.length;
  const report = results.violations.map((v) => {
    const nodes = v.nodes.map(
      (n) => `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 300)}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`,
    );
    return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
  });
  assert.equal(
    results.violations.length,
    0,
    `${what} (${page.url()}) at ${width} has ${results.violations.length} accessibility violation(s):\n${report.join('\n')}`,
  );
}

/**
 * axe.run in the page itself, with axe injected once per document (the 320 px pass reuses it) and only the
 * violations sent back. This is what @axe-core/playwright's AxeBuilder runs, less its costs: that injects axe's
 * half-megabyte source again for every check and finishes each run in a new blank page, about 2 s a check on a
 * loaded 2-core machine against 0.1-0.4 s here. The pages have no frames, which is all AxeBuilder adds.
 */
async function runAxe(page: Page): Promise<axe.AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
}

/**
 * axe needs timers, which never fire in a page with JavaScript switched off, so it cannot run there. Instead the
 * page's HTML as served (scripts removed, stylesheets still loaded from the app) is checked in a scratch page of
 * the same size.
 */
async function axeWithoutJavaScript(page: Page) {
  const origin = new URL(page.url()).origin;
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<head([^>]*)>/i, `<head$1><base href="${origin}/">`);
  const browser = page.context().browser();
  assert.ok(browser, 'no browser behind this page');
  const scratch = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? DESKTOP });
  try {
    const copy = await scratch.newPage();
    await copy.setContent(html, { waitUntil: 'load' });
    return await runAxe(copy);
  } finally {
    await scratch.close();
  }
}

/** The page's path and query, for asserting where a redirect landed. */
export function pathOf(page: Page): string {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
}

/** Clicks (or otherwise triggers) a form submission or link and waits until the next page has loaded. */
export async function andWait(page: Page, action: () => Promise<unknown>) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await action();
  await navigated;
  await page.waitForLoadState('load');
}

/** Email address and password on /sign-in; returns once the next page has loaded. */
export async function submitPassword(page: Page, e2e: E2E, email: string, password = PASSWORD) {
  await page.goto(e2e.url('/sign-in'));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await andWait(page, () => page.locator('[data-qa=sign-in]').click());
}

/**
 * Signs a role's test user in through the pages. With `totpSecret` (two-factor already set up) it answers
 * the security code page; without, the world must not require two-factor.
 */
export async function signInAs(page: Page, e2e: E2E, role: Role, totpSecret?: string) {
  await submitPassword(page, e2e, e2e.w.users[role].email);
  if (new URL(page.url()).pathname === '/sign-in/two-factor') {
    assert.ok(totpSecret, `${role} was asked for a security code but the test gave no two-factor secret`);
    await page.getByLabel('Enter your security code').fill(currentTotp(totpSecret));
    await andWait(page, () => page.locator('[data-qa=two-factor-continue]').click());
  }
  assert.ok(!new URL(page.url()).pathname.startsWith('/sign-in'), `${role} should be signed in, but is on ${page.url()}`);
  assert.match(await page.locator('[data-qa=account-bar]').innerText(), /Signed in as/);
}

/** What is focused now: tag, id, classes and text, for asserting keyboard focus. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', className: el?.className ?? '', text: el?.textContent?.trim() ?? '' };
  });
}
