// Walking an area of pages in a real browser: its index, then one page of each kind it links to, each with one
// heading and axe-clean; and a form sent empty, whose error summary links each error to its field.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { andWait, type E2E, expectAccessible } from './browser.ts';

/** The index and one page of each kind it links to (ids and numbers in the path make a kind), up to `limit`. */
export async function walkArea(e2e: E2E, page: Page, index: string, limit = 8): Promise<string[]> {
  await page.goto(e2e.url(index));
  assert.equal(await page.locator('h1').count(), 1, `${index}: one heading`);
  await expectAccessible(page, index);
  const kinds = new Map<string, string>();
  for (const href of await page.locator(`main a[href^="${index}/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
    const kind = href
      .split('?')[0]
      .replace(/[0-9a-f-]{36}/g, ':id')
      .replace(/\/\d+(?=\/|$)/g, '/:n');
    if (!kinds.has(kind)) kinds.set(kind, href);
  }
  const opened = [index];
  for (const href of [...kinds.values()].slice(0, limit)) {
    const res = await page.goto(e2e.url(href));
    assert.equal(res?.status(), 200, href);
    assert.equal(await page.locator('h1').count(), 1, `${href}: one heading`);
    await expectAccessible(page, href);
    opened.push(href);
  }
  return opened;
}

/** Sends the page's first form (a POST) as it stands, empty: the error summary lists what to fix, axe-clean. */
export async function refusedForm(e2e: E2E, page: Page, path: string, what: string) {
  await page.goto(e2e.url(path));
  await andWait(page, () => page.locator('main form[method=post] button[type=submit], main form[method=post] .govuk-button').first().click());
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.count(), 1, `${what}: the error summary`);
  assert.ok((await summary.locator('a').count()) >= 1, `${what}: each error links to its field`);
  await expectAccessible(page, `${what} with its errors`);
}
