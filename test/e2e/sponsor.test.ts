// Browser journey of sponsored learning (issue #17, item 1): a manager opens the Sponsor page with one person and
// a badge bundle prefilled from the query (as the gap page links it), sees the price and places an invoice order;
// the issuer marks the invoice paid (API); the person claims the seat on /learn/seats and finds the courses in
// My learning. Axe at 1280 and 390 px, no sideways scroll at 320 and 390 px, screenshots of each page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPaid } from '../../src/commerce/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import type { TestEmployer } from '../../src/workforce/testing.ts';
import {
  anActivePerson,
  anEmployerWithManager,
  aSeatShop,
  type TestPerson,
  type TestShop,
} from '../../src/workforce/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let shop: TestShop;
let employer: TestEmployer;
let person: TestPerson;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  web = await startWebApp();
  const t = web.testApp;
  shop = await aSeatShop(t, { a: 'Payroll basics', b: 'Payroll reporting' });
  employer = await anEmployerWithManager(t.app, t.deps);
  person = await anActivePerson(t, employer, 'Pia Person');
}, 300_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function openAs(email: string, path: string) {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  await opened.page.getByLabel('Email address').fill(email);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  return opened;
}

/** Axe and a screenshot at 1280 and 390 px; no sideways scroll at 390 and 320 px. */
async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, `sponsor-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await sidewaysScroll(page), `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('sponsored learning in a browser', () => {
  it('sponsors a bundle for one person, who claims it and finds the courses in My learning', async () => {
    const path = `/employ/sponsor?employee=${person.employeeId}&badge=${shop.badgeId}`;
    const { page, scriptErrors } = await openAs(employer.manager.email, path);
    await page.getByRole('heading', { name: 'Sponsored learning', level: 1 }).waitFor({ timeout: 60_000 });
    // Prefilled: the person and the bundle are ticked, and the price shows (€90.00 + 20 % tax).
    await page.getByText('€108.00').first().waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Pia Person').isChecked()).toBe(true);
    await checkLayouts(page, 'employer');
    await page.getByRole('button', { name: 'Place the order' }).click();
    await page.getByText(/Order \d+ placed: 1 seats\./).waitFor({ timeout: 60_000 });
    await page.getByRole('cell', { name: 'Awaiting payment' }).first().waitFor({ timeout: 60_000 });
    expect(scriptErrors).toEqual([]);
    await page.context().close();

    const { deps } = started().testApp;
    const order = await deps.db
      .selectFrom('orders')
      .select('id')
      .where('userId', '=', employer.manager.userId)
      .where('kind', '=', 'sponsorship')
      .executeTakeFirstOrThrow();
    expect((await markPaid(started().testApp, shop.issuer, order.id)).statusCode).toBe(200);

    const learner = await openAs(person.email, '/learn/seats');
    await learner.page
      .getByRole('heading', { name: 'Sponsored for you', level: 1 })
      .waitFor({ timeout: 60_000 });
    await learner.page.getByRole('button', { name: /^Claim/ }).waitFor({ timeout: 60_000 });
    await checkLayouts(learner.page, 'learner');
    await learner.page.getByRole('button', { name: /^Claim/ }).click();
    await learner.page.getByText(/^Claimed: you are enrolled in/).waitFor({ timeout: 60_000 });
    await learner.page.getByRole('link', { name: 'Start “Payroll basics”' }).waitFor();
    await checkLayouts(learner.page, 'claimed');

    await learner.page.goto(`${started().baseUrl}/learn`);
    await learner.page.getByText('Payroll reporting').first().waitFor({ timeout: 60_000 });
    await learner.page.getByText('Payroll basics').first().waitFor();
    expect(learner.scriptErrors).toEqual([]);
    await learner.page.context().close();
  }, 600_000);
});
