// A learner can finish alone (issue #18 item 9): on the default demo data, a new learner sees a course's
// price with its tax and the first-badge issuance fee before buying, places the order, is declined with card
// 4000 0000 0000 0002 (the order stays open), pays with 4242 4242 4242 4242 on the test-mode card page and
// starts learning — nobody marks an invoice paid. Axe on every page; the card page reflows at 320 px.
// Screenshots: test-output/screenshots/checkout-*.png at 1280 and 390 px.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { seedDemoDataIfEmpty } from '../../src/seed/demo.ts';
import { importSampleWhereMissing } from '../../src/skills/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let courseId = '';
let learnerEmail = '';

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  web = await startWebApp();
  const { app, deps } = web.testApp;
  // As `npm start` on an empty database (src/main.ts): the skills sample, then the demo data.
  await importSampleWhereMissing(deps.db);
  expect(await seedDemoDataIfEmpty(deps)).toBe(true);
  const catalog = await app.inject({
    method: 'GET',
    url: '/api/v1/catalog/courses?issuer=northwind-academy',
  });
  const items = catalog.json().items as Array<{ id: string; title: string }>;
  courseId = items.find((c) => c.title === 'Employment law basics')?.id ?? '';
  // A learner new to Northwind Academy: the first-badge fee applies to them.
  learnerEmail = (await aVerifiedUser(deps, { name: 'Tomás Tester' })).email;
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(screenshotDir, `checkout-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry date').fill('12/39');
  await page.getByLabel('Security code (CVC)').fill('123');
}

describe('test-mode card checkout on the demo data', () => {
  it('lets a learner buy a course alone, with the tax and the issuance fee shown before buying, and start learning', async () => {
    const { page, scriptErrors } = await started().openPage(
      `/login?next=${encodeURIComponent(`/catalog/${courseId}`)}`,
    );
    page.setDefaultTimeout(30_000);
    await page.getByLabel('Email address').fill(learnerEmail);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    // The course page (en-US): the price before tax, "+ VAT", and the first-badge fee, before buying.
    await page.getByRole('heading', { name: 'Employment law basics', level: 1 }).waitFor();
    await page.getByText('€45.00 + VAT').waitFor();
    await page
      .getByText(
        'Badges from Northwind Academy: your first one costs €15.00 + VAT to issue, once, paid when you earn it.',
      )
      .waitFor();
    await expectAccessible(page);
    await shoot(page, 'course');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Go to the cart' }).click();

    // The cart: the tax in the totals, the fee and the test mode said before the order is placed.
    await page.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
    await page.getByText('your first one costs €15.00 + VAT to issue').waitFor();
    await page.getByText('Northwind Academy takes payments in test mode').waitFor();
    await expectAccessible(page);
    await shoot(page, 'cart');
    await page.getByRole('button', { name: 'Place the order' }).click();

    // The order: "Pay … by card (test mode)" leads to the test card page.
    await page.getByRole('heading', { level: 1, name: /^Order \d+$/ }).waitFor();
    await page.getByRole('button', { name: 'Pay €54.00 by card (test mode)' }).click();
    await page.getByRole('heading', { name: 'Pay by card (test mode)', level: 1 }).waitFor();
    await page.getByText('Test mode — no money moves.').waitFor();
    await page.getByText('Use card 4242 4242 4242 4242, any future date, any CVC.').waitFor();
    expect(page.url()).toMatch(/\/checkout\/test\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await sidewaysScroll(page)).toBe(0);
    await shoot(page, 'card');

    // Wrong fields are named; card 4000 0000 0000 0002 is declined and the order stays open.
    await page.getByLabel('Card number').fill('1234 5678');
    await page.getByRole('button', { name: 'Pay €54.00' }).click();
    await page.getByRole('alert').getByText('Enter the test card number 4242 4242 4242 4242').waitFor();
    await page.getByRole('alert').getByText('Enter a month that has not passed yet').waitFor();
    await expectAccessible(page);
    await fillCard(page, '4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Pay €54.00' }).click();
    await page.getByText('The card was declined. Nothing was charged and your order is still open').waitFor();
    await expectAccessible(page);
    await shoot(page, 'declined');
    const declinedUrl = page.url();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.url()).not.toBe(declinedUrl);

    // 4242 pays: the order page says paid, in test mode, and learning starts.
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay €54.00' }).click();
    await page.getByRole('heading', { level: 1, name: /^Order \d+$/ }).waitFor();
    await page.getByText('Paid with a test card: no money moves.').waitFor();
    await page.locator('.order-state--paid').waitFor();
    await expectAccessible(page);
    await shoot(page, 'paid');
    await page.getByRole('link', { name: 'Start learning' }).click();
    await page.getByRole('link', { name: 'Start Employment law basics' }).click();
    // The player loads on first use: wait for its address, then for the course's heading there.
    await page.waitForURL(/\/learn\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Employment law basics' }).first().waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});
